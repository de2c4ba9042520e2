using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Autograd.Interactive;

/// <summary>
/// Draws a Plotly chart's line and marker traces as a static SVG, in Plotly's default look (a pale plot area with
/// white grid lines, the same colours, axis types and titles): what a page shows where plotly.js does not run, such as
/// GitHub's notebook view, an editor offline, or Jupyter without require.js.
/// </summary>
/// <remarks>
/// It reads the chart as plotly.js would, from the figure's JSON (<c>data</c> and <c>layout</c>), so it draws any
/// chart that reaches the notebook formatter, not only those made by <see cref="Charts"/>. Traces of other types
/// (bars, heatmaps, 3-D) are named in a note instead.
/// </remarks>
internal static class ChartSvg
{
    /// <summary>The drawing's own width; the page scales it down to a narrower column.</summary>
    internal const int Width = 600;

    private const string Font = "'Open Sans', verdana, arial, sans-serif";
    private const string Ink = "#2a3f5f";
    private const string PlotFill = "#e5ecf6";
    private const int FontSize = 12;
    private const int Margin = 10;
    private const int LegendRow = 20;

    /// <summary>plotly.js's default colours, used when the chart's template names none.</summary>
    private static readonly string[] DefaultColourway =
        ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52"];

    /// <summary>The chart <paramref name="data"/> (its traces) and <paramref name="layout"/> describe, <paramref name="height"/> pixels high.</summary>
    internal static string Render(JArray data, JObject layout, int height)
    {
        var traces = data.OfType<JObject>().Select((trace, i) => Trace.From(trace, i, Colourway(layout))).ToList();
        var drawn = traces.Where(trace => trace.IsLine).ToList();
        var others = traces.Where(trace => !trace.IsLine).Select(trace => trace.Type).Distinct().ToList();

        var x = ChartAxis.Fit(layout["xaxis"] as JObject, drawn.SelectMany(trace => trace.Points.Select(p => p.X)), pad: false);
        var y = ChartAxis.Fit(layout["yaxis"] as JObject, drawn.SelectMany(trace => trace.Points.Select(p => p.Y)), pad: true);
        string title = Text(layout["title"]);
        var legend = drawn.Count > 1 ? drawn : [];

        int yLabelWidth = y.Ticks.Count == 0 ? 0 : y.Ticks.Max(tick => TextWidth(tick.Label));
        double left = Margin + (y.Title.Length > 0 ? 22 : 0) + yLabelWidth + 8;
        double right = Width - 20;
        var legendRows = LegendRows(legend, left, right);
        double top = Margin + (title.Length > 0 ? 28 : 4) + (legendRows.Count * LegendRow) + 6;
        double bottom = height - Margin - (x.Title.Length > 0 ? 22 : 0) - (others.Count > 0 ? 18 : 0) - 20;

        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" ");
        Append(svg, $"style=\"max-width: 100%; height: auto\" font-family=\"{Font}\" font-size=\"{FontSize}\" fill=\"{Ink}\">\n");
        Append(svg, $"<title>{SvgWriter.Escape(title.Length > 0 ? title : "chart")}</title>\n");
        Append(svg, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        Append(svg, $"<rect x=\"{N(left)}\" y=\"{N(top)}\" width=\"{N(right - left)}\" height=\"{N(bottom - top)}\" fill=\"{PlotFill}\"/>\n");

        foreach (var (value, label) in x.Ticks)
        {
            double px = left + (x.Position(value) * (right - left));
            Append(svg, $"<path d=\"M{N(px)},{N(top)} V{N(bottom)}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n");
            Append(svg, $"<text x=\"{N(px)}\" y=\"{N(bottom + 16)}\" text-anchor=\"middle\">{SvgWriter.Escape(label)}</text>\n");
        }

        foreach (var (value, label) in y.Ticks)
        {
            double py = bottom - (y.Position(value) * (bottom - top));
            Append(svg, $"<path d=\"M{N(left)},{N(py)} H{N(right)}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n");
            Append(svg, $"<text x=\"{N(left - 6)}\" y=\"{N(py + 4)}\" text-anchor=\"end\">{SvgWriter.Escape(label)}</text>\n");
        }

        foreach (var trace in drawn)
        {
            WriteTrace(svg, trace, point => x.Accepts(point.X) && y.Accepts(point.Y)
                ? (left + (x.Position(point.X) * (right - left)), bottom - (y.Position(point.Y) * (bottom - top)))
                : null);
        }

        if (title.Length > 0)
        {
            Append(svg, $"<text x=\"{N(left)}\" y=\"{Margin + 16}\" font-size=\"16\">{SvgWriter.Escape(title)}</text>\n");
        }

        double legendTop = Margin + (title.Length > 0 ? 28 : 4);
        foreach (var row in legendRows)
        {
            foreach (var (trace, at) in row)
            {
                double middle = legendTop + (LegendRow / 2.0);
                Append(svg, $"<path d=\"M{N(at)},{N(middle)} H{N(at + 24)}\" stroke=\"{trace.Colour}\" stroke-width=\"2\"/>\n");
                Append(svg, $"<text x=\"{N(at + 30)}\" y=\"{N(middle + 4)}\">{SvgWriter.Escape(trace.Name)}</text>\n");
            }

            legendTop += LegendRow;
        }

        if (x.Title.Length > 0)
        {
            Append(svg, $"<text x=\"{N((left + right) / 2)}\" y=\"{N(bottom + 38)}\" text-anchor=\"middle\" font-size=\"13\">{SvgWriter.Escape(x.Title)}</text>\n");
        }

        if (y.Title.Length > 0)
        {
            double middle = (top + bottom) / 2;
            Append(svg, $"<text x=\"{Margin + 12}\" y=\"{N(middle)}\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 {Margin + 12} {N(middle)})\">{SvgWriter.Escape(y.Title)}</text>\n");
        }

        if (others.Count > 0)
        {
            var note = $"Not drawn here: the {string.Join(", ", others)} trace{(others.Count > 1 ? "s" : "")} (shown when scripts run).";
            Append(svg, $"<text x=\"{Margin}\" y=\"{height - Margin}\" fill=\"#777777\">{SvgWriter.Escape(note)}</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>A line through the trace's points (broken where a point cannot be drawn), and its markers if it has them.</summary>
    private static void WriteTrace(StringBuilder svg, Trace trace, Func<ChartPoint, (double X, double Y)?> toPixels)
    {
        var pixels = trace.Points.Select(toPixels).ToList();
        if (trace.Lines && pixels.Any(pixel => pixel is not null))
        {
            var path = new StringBuilder();
            bool pen = false;
            foreach (var pixel in pixels)
            {
                if (pixel is var (px, py))
                {
                    path.Append(pen ? " L" : (path.Length > 0 ? " M" : "M")).Append(N(px)).Append(',').Append(N(py));
                }

                pen = pixel is not null;
            }

            Append(svg, $"<path class=\"trace\" d=\"{path}\" fill=\"none\" stroke=\"{trace.Colour}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n");
        }

        if (trace.Markers)
        {
            foreach (var (px, py) in pixels.OfType<(double X, double Y)>())
            {
                Append(svg, $"<circle cx=\"{N(px)}\" cy=\"{N(py)}\" r=\"3\" fill=\"{trace.Colour}\"/>\n");
            }
        }
    }

    /// <summary>The legend's entries, row by row, each with the x where it starts; a row wraps before the plot's right edge.</summary>
    private static List<List<(Trace Trace, double X)>> LegendRows(List<Trace> traces, double left, double right)
    {
        var rows = new List<List<(Trace, double)>>();
        double x = right;
        foreach (var trace in traces)
        {
            double width = 30 + TextWidth(trace.Name) + 16;
            if (rows.Count == 0 || (x + width > right && x > left))
            {
                rows.Add([]);
                x = left;
            }

            rows[^1].Add((trace, x));
            x += width;
        }

        return rows;
    }

    private static string[] Colourway(JObject layout) =>
        (layout["colorway"] ?? layout.SelectToken("template.layout.colorway")) is JArray colours && colours.Count > 0
            ? [.. colours.Select(colour => colour.ToString())]
            : DefaultColourway;

    /// <summary>A title as Plotly.NET writes it, <c>{"text": "…"}</c>, or a plain string.</summary>
    internal static string Text(JToken? title) => title switch
    {
        JObject { } withText => withText["text"]?.ToString() ?? "",
        JValue { Type: JTokenType.String } text => text.ToString(),
        _ => "",
    };

    /// <summary>The approximate width of <paramref name="text"/> in the proportional font at 12 pixels.</summary>
    private static int TextWidth(string text) => (int)Math.Ceiling(text.Length * 0.56 * FontSize);

    private static void Append(StringBuilder svg, FormattableString text) => svg.Append(text.ToString(CultureInfo.InvariantCulture));

    /// <summary>A coordinate, rounded to 0.1 pixel, written the same way in every culture.</summary>
    private static string N(double x) => (Math.Round(x, 1) + 0.0).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>One trace: its points, how it is drawn, its colour and legend name.</summary>
    private sealed record Trace(string Type, string Name, string Colour, bool Lines, bool Markers, List<ChartPoint> Points)
    {
        /// <summary>Whether this drawing can show the trace: a scatter trace (lines, markers or both).</summary>
        internal bool IsLine => Type is "scatter" or "scattergl";

        internal static Trace From(JObject trace, int index, string[] colourway)
        {
            string type = trace["type"]?.ToString() ?? "scatter";
            string mode = trace["mode"]?.ToString() ?? "lines+markers";
            string colour = (trace.SelectToken("line.color") ?? trace.SelectToken("marker.color")) is JValue { Type: JTokenType.String } set
                ? set.ToString()
                : colourway[index % colourway.Length];
            var xs = Numbers(trace["x"]);
            var ys = Numbers(trace["y"]);
            if (xs.Count == 0 && ys.Count > 0)
            {
                xs = [.. Enumerable.Range(0, ys.Count).Select(i => (double?)i)];
            }

            var points = type is "scatter" or "scattergl"
                ? xs.Zip(ys, (px, py) => new ChartPoint(px ?? double.NaN, py ?? double.NaN)).ToList()
                : [];
            return new Trace(type, trace["name"]?.ToString() ?? $"trace {index}", colour, mode.Contains("lines", StringComparison.Ordinal),
                mode.Contains("markers", StringComparison.Ordinal), points);
        }

        private static List<double?> Numbers(JToken? values) => values is JArray array
            ? [.. array.Select(value => value.Type is JTokenType.Float or JTokenType.Integer ? value.Value<double>() : (double?)null)]
            : [];
    }

    /// <summary>A point of a trace, NaN where the trace has no number.</summary>
    internal readonly record struct ChartPoint(double X, double Y);
}
