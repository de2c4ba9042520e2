using System.Globalization;
using System.Net;
using System.Text;

namespace Autograd.Benchmarks.Report;

/// <summary>One line of a chart: its points, drawn in <paramref name="Colour"/>, dashed or solid.</summary>
internal sealed record ChartSeries(string Name, string Colour, bool Dashed, IReadOnlyList<(double X, double Y)> Points);

/// <summary>A horizontal line across the plot at <paramref name="Y"/>, such as a peak, labelled at its right end.</summary>
internal sealed record ChartLevel(string Label, double Y);

/// <summary>
/// A line chart as a small standalone SVG, both axes logarithmic (sizes and times that grow by powers), so that a
/// README shows it as a picture: the x ticks are the measured x values, the y ticks 1-2-5 steps, the legend on the right.
/// </summary>
internal static class SvgLineChart
{
    private const double Width = 720;
    private const double Height = 400;
    private const double Left = 64;
    private const double Right = 500;
    private const double Top = 40;
    private const double Bottom = 340;

    public static string Render(string title, string xTitle, string yTitle, IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartLevel> levels)
    {
        var points = series.SelectMany(s => s.Points).Where(p => p.X > 0 && p.Y > 0).ToList();
        var xs = points.Select(p => p.X).Distinct().Order().ToList();
        var ys = points.Select(p => p.Y).Concat(levels.Select(level => level.Y)).Where(y => y > 0).ToList();
        if (xs.Count == 0 || ys.Count == 0)
        {
            xs = [1, 10];
            ys = [1, 10];
        }

        // Log axes: a tenth of a decade of room above and below the data, and at least a decade in all.
        double xLow = Math.Log10(xs[0]), xHigh = Math.Max(Math.Log10(xs[^1]), xLow + 0.1);
        double yLow = Math.Log10(ys.Min()) - 0.1, yHigh = Math.Log10(ys.Max()) + 0.1;
        if (yHigh - yLow < 1)
        {
            double middle = (yLow + yHigh) / 2;
            (yLow, yHigh) = (middle - 0.5, middle + 0.5);
        }

        double X(double x) => Left + ((Math.Log10(x) - xLow) / (xHigh - xLow) * (Right - Left));
        double Y(double y) => Bottom - ((Math.Log10(y) - yLow) / (yHigh - yLow) * (Bottom - Top));

        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#222\">"));
        svg.AppendLine(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>"));
        svg.AppendLine(Invariant($"<text x=\"{(Left + Right) / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>"));

        foreach (double x in xs)
        {
            svg.AppendLine(Invariant($"<line x1=\"{X(x):F1}\" y1=\"{Top}\" x2=\"{X(x):F1}\" y2=\"{Bottom}\" stroke=\"#e4e4e4\"/>"));
            svg.AppendLine(Invariant($"<text x=\"{X(x):F1}\" y=\"{Bottom + 16}\" text-anchor=\"middle\">{Number(x)}</text>"));
        }

        foreach (double y in Ticks(yLow, yHigh))
        {
            svg.AppendLine(Invariant($"<line x1=\"{Left}\" y1=\"{Y(y):F1}\" x2=\"{Right}\" y2=\"{Y(y):F1}\" stroke=\"#e4e4e4\"/>"));
            svg.AppendLine(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(y) + 4:F1}\" text-anchor=\"end\">{Number(y)}</text>"));
        }

        svg.AppendLine(Invariant($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Right - Left}\" height=\"{Bottom - Top}\" fill=\"none\" stroke=\"#888\"/>"));
        svg.AppendLine(Invariant($"<text x=\"{(Left + Right) / 2}\" y=\"{Bottom + 36}\" text-anchor=\"middle\">{Escape(xTitle)}</text>"));
        svg.AppendLine(Invariant($"<text transform=\"translate(16 {(Top + Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{Escape(yTitle)}</text>"));

        foreach (var level in levels.Where(level => level.Y > 0))
        {
            svg.AppendLine(Invariant($"<line x1=\"{Left}\" y1=\"{Y(level.Y):F1}\" x2=\"{Right}\" y2=\"{Y(level.Y):F1}\" stroke=\"#999\" stroke-dasharray=\"2 3\"/>"));
        }

        foreach (var s in series.Where(s => s.Points.Count > 0))
        {
            string path = string.Join(' ', s.Points.OrderBy(p => p.X).Select(p => Invariant($"{X(p.X):F1},{Y(p.Y):F1}")));
            string dash = s.Dashed ? " stroke-dasharray=\"6 4\"" : "";
            svg.AppendLine(Invariant($"<polyline points=\"{path}\" fill=\"none\" stroke=\"{s.Colour}\" stroke-width=\"2\"{dash}/>"));
            foreach (var (x, y) in s.Points)
            {
                svg.AppendLine(Invariant($"<circle cx=\"{X(x):F1}\" cy=\"{Y(y):F1}\" r=\"3\" fill=\"{s.Colour}\"/>"));
            }
        }

        // The levels' labels over the lines, with a white halo, so that a line through one leaves it readable.
        foreach (var level in levels.Where(level => level.Y > 0))
        {
            svg.AppendLine(Invariant($"<text x=\"{Right - 4}\" y=\"{Y(level.Y) - 4:F1}\" text-anchor=\"end\" fill=\"#666\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{Escape(level.Label)}</text>"));
        }

        var legend = series.Where(s => s.Points.Count > 0).ToList();
        for (int i = 0; i < legend.Count; i++)
        {
            double y = Top + 10 + (i * 22);
            string dash = legend[i].Dashed ? " stroke-dasharray=\"6 4\"" : "";
            svg.AppendLine(Invariant($"<line x1=\"{Right + 16}\" y1=\"{y}\" x2=\"{Right + 46}\" y2=\"{y}\" stroke=\"{legend[i].Colour}\" stroke-width=\"2\"{dash}/>"));
            svg.AppendLine(Invariant($"<text x=\"{Right + 52}\" y=\"{y + 4}\">{Escape(legend[i].Name)}</text>"));
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>1, 2 and 5 times the powers of ten between 10^<paramref name="low"/> and 10^<paramref name="high"/>.</summary>
    private static IEnumerable<double> Ticks(double low, double high)
    {
        for (int power = (int)Math.Floor(low); power <= (int)Math.Ceiling(high); power++)
        {
            foreach (double step in new[] { 1.0, 2.0, 5.0 })
            {
                double value = step * Math.Pow(10, power);
                if (Math.Log10(value) >= low && Math.Log10(value) <= high)
                {
                    yield return value;
                }
            }
        }
    }

    private static string Number(double value) => value.ToString(value >= 1 ? "0.##" : "0.###", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
