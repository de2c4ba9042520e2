using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.FSharp.Core;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Plotly.NET;

namespace Autograd.Interactive;

/// <summary>Turns a Plotly.NET chart into the HTML a notebook output shows.</summary>
/// <remarks>
/// One output holds two pictures of the chart: a static SVG drawing (<see cref="ChartSvg"/>), which shows wherever
/// scripts do not run (GitHub's notebook view, an editor offline, Jupyter without require.js), and the script that
/// draws the interactive chart with plotly.js and then removes the drawing.
/// </remarks>
internal static partial class ChartHtml
{
    /// <summary>The height of a chart whose height Plotly.NET left at its default.</summary>
    internal const int Height = 450;

    /// <summary>Plotly.NET's default size, 600 × 600: a chart still that size is fitted to the page instead.</summary>
    private const int PlotlyDefaultSize = 600;

    /// <summary>
    /// Where the notebook page gets plotly.js: loaded with require.js, as Plotly.NET.Interactive does, which works in
    /// VS Code, Jupyter and exported HTML pages alike.
    /// </summary>
    private static readonly PlotlyJSReference PlotlyJs =
        PlotlyJSReference.NewRequire($"https://cdn.plot.ly/plotly-{Globals.PLOTLYJS_VERSION}.min");

    /// <summary>
    /// The chart's HTML: a <c>div</c> holding the static drawing, the <c>div</c> plotly.js draws into, and the script
    /// that draws with <c>Plotly.newPlot</c> and, once drawn, removes the static one.
    /// </summary>
    internal static string Render(GenericChart chart)
    {
        FastTemplate.Install();
        var withPlotlyJs = Plotly.NET.Chart.withDisplayOptionsStyle(
            null, null, null, null, null, null, FSharpOption<PlotlyJSReference>.Some(PlotlyJs)).Invoke(chart);
        var html = GenericChart.toChartHTML(withPlotlyJs);

        var dataLine = DataLine().Match(html);
        var layoutLine = LayoutLine().Match(html);
        var id = DivOpening().Match(html);
        if (!dataLine.Success || !layoutLine.Success || !id.Success)
        {
            return WithStableId(html);
        }

        var data = JArray.Parse(dataLine.Groups["json"].Value);
        var layout = JObject.Parse(layoutLine.Groups["json"].Value);
        int height = FitToPage(layout);
        ReadableLogTicks(data, layout);

        var divId = id.Groups["id"].Value;
        var fallback = $"<div id=\"{divId}-static\">{ChartSvg.Render(data, layout, height)}</div>";
        html = html
            .Replace(dataLine.Value, $"var data = {data.ToString(Formatting.None)};", StringComparison.Ordinal)
            .Replace(layoutLine.Value, $"var layout = {layout.ToString(Formatting.None)};", StringComparison.Ordinal)
            .Replace(id.Value, fallback + id.Value, StringComparison.Ordinal)
            .Replace(
                $"Plotly.newPlot('{divId}', data, layout, config);",
                $"Plotly.newPlot('{divId}', data, layout, config).then(function () {{ var drawing = document.getElementById('{divId}-static'); if (drawing) {{ drawing.remove(); }} }});",
                StringComparison.Ordinal);
        return WithStableId(html);
    }

    /// <summary>
    /// A chart of Plotly.NET's default size takes the page's width (plotly.js resizes it with its column) and a lower
    /// height; a chart of two or more traces gets its legend in a row above the plot, where it takes no width from it.
    /// Returns the chart's height.
    /// </summary>
    private static int FitToPage(JObject layout)
    {
        if (layout["width"]?.Type is JTokenType.Integer or JTokenType.Float && layout.Value<double>("width") == PlotlyDefaultSize)
        {
            layout.Remove("width");
            layout["autosize"] = true;
        }

        if (layout["height"] is null || (layout["height"]!.Type is JTokenType.Integer or JTokenType.Float && layout.Value<double>("height") == PlotlyDefaultSize))
        {
            layout["height"] = Height;
        }

        if (layout["legend"] is null)
        {
            layout["legend"] = new JObject
            {
                ["orientation"] = "h",
                ["x"] = 0,
                ["xanchor"] = "left",
                ["y"] = 1.02,
                ["yanchor"] = "bottom",
            };
        }

        return (int)Math.Round(layout.Value<double>("height"));
    }

    /// <summary>
    /// Gives each log axis the ticks the static drawing has (<see cref="ChartAxis"/>): plain numbers at 1, 2 and 5
    /// times powers of ten, rather than plotly.js's own, which label the ticks between powers with a bare digit.
    /// </summary>
    private static void ReadableLogTicks(JArray data, JObject layout)
    {
        foreach (var (name, coordinate) in new[] { ("xaxis", "x"), ("yaxis", "y") })
        {
            if (layout[name] is not JObject axis || axis["type"]?.ToString() != "log" || axis["tickvals"] is not null)
            {
                continue;
            }

            var values = data.OfType<JObject>()
                .SelectMany(trace => trace[coordinate] as JArray ?? [])
                .Where(value => value.Type is JTokenType.Float or JTokenType.Integer)
                .Select(value => value.Value<double>());
            var ticks = ChartAxis.Fit(axis, values, pad: true).Ticks;
            axis["tickmode"] = "array";
            axis["tickvals"] = new JArray(ticks.Select(tick => tick.Value));
            axis["ticktext"] = new JArray(ticks.Select(tick => tick.Label));
        }
    }

    /// <summary>
    /// Replaces the random GUID Plotly.NET names the chart's <c>div</c> with one derived from the content, so running
    /// a notebook again leaves its saved outputs unchanged. The same chart shown twice gets the same name.
    /// </summary>
    internal static string WithStableId(string html)
    {
        var match = GuidPattern().Match(html);
        if (!match.Success)
        {
            return html;
        }

        var random = match.Value;
        var content = html.Replace(random, "").Replace(random.Replace("-", ""), "");
        var stable = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(content)).AsSpan(0, 16)).ToString();
        return html.Replace(random, stable).Replace(random.Replace("-", ""), stable.Replace("-", ""));
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"var data = (?<json>\[.*\]);", RegexOptions.CultureInvariant)]
    private static partial Regex DataLine();

    [GeneratedRegex(@"var layout = (?<json>\{.*\});", RegexOptions.CultureInvariant)]
    private static partial Regex LayoutLine();

    [GeneratedRegex("<div id=\"(?<id>[0-9a-f-]{36})\">", RegexOptions.CultureInvariant)]
    private static partial Regex DivOpening();
}
