using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace Autograd.Interactive;

/// <summary>Turns a Plotly.NET chart into the HTML a notebook output shows.</summary>
internal static partial class ChartHtml
{
    /// <summary>
    /// Where the notebook page gets plotly.js: loaded with require.js, as Plotly.NET.Interactive does, which works in
    /// VS Code, Jupyter and exported HTML pages alike.
    /// </summary>
    private static readonly PlotlyJSReference PlotlyJs =
        PlotlyJSReference.NewRequire($"https://cdn.plot.ly/plotly-{Globals.PLOTLYJS_VERSION}.min");

    /// <summary>The chart's HTML: a <c>div</c> and the script that draws into it with <c>Plotly.newPlot</c>.</summary>
    internal static string Render(GenericChart chart)
    {
        FastTemplate.Install();
        var withPlotlyJs = Plotly.NET.Chart.withDisplayOptionsStyle(
            null, null, null, null, null, null, FSharpOption<PlotlyJSReference>.Some(PlotlyJs)).Invoke(chart);
        return WithStableId(GenericChart.toChartHTML(withPlotlyJs));
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
}
