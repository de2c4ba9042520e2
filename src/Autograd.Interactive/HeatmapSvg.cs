using System.Globalization;
using System.Text;

namespace Autograd.Interactive;

/// <summary>
/// Draws a heatmap (<see cref="HeatmapChart"/>): a standalone SVG document with styles as attributes (no stylesheet, fonts or
/// ids), as the library's graph pictures are, so it looks the same everywhere and one picture cannot affect another.
/// </summary>
internal static class HeatmapSvg
{
    private const string Font = "Menlo, Consolas, 'DejaVu Sans Mono', monospace";
    private const int FontSize = 12;
    private const double CharWidth = 0.6 * FontSize;
    private const int TitleFontSize = 13;
    private const int LineHeight = 15;
    private const int MinCell = 30;
    private const int PadX = 10;
    private const int PadY = 8;
    private const int Margin = 10;
    private const int TitleHeight = 24;
    private const int ColLabelHeight = 18;
    private const string Ink = "#222222";
    private const string LightInk = "#ffffff";
    private const string IndexInk = "#777777";
    private const string MissingFill = "#d9d9d9";

    /// <summary>A sequential scale from light to dark blue (ColorBrewer's "Blues").</summary>
    private static readonly (int R, int G, int B)[] Scale =
    [
        (0xf7, 0xfb, 0xff), (0xde, 0xeb, 0xf7), (0xc6, 0xdb, 0xef), (0x9e, 0xca, 0xe1), (0x6b, 0xae, 0xd6),
        (0x42, 0x92, 0xc6), (0x21, 0x71, 0xb5), (0x08, 0x51, 0x9c), (0x08, 0x30, 0x6b),
    ];

    /// <summary>The fill of the cells drawn apart from the scale (see <see cref="Render"/>): a pale green.</summary>
    internal const string ApartFill = "#dff0d8";

    /// <summary>
    /// The heatmap of <paramref name="data"/> with each cell's <paramref name="labels"/>. Cells for which
    /// <paramref name="apart"/> is true are drawn in <see cref="ApartFill"/> instead and left out of the colour scale,
    /// which spans <paramref name="range"/> if given, else the other cells' values.
    /// </summary>
    internal static string Render(
        double[] data, string[,] labels, string? title, Func<int, int, bool>? apart = null, (double Min, double Max)? range = null)
    {
        int rows = labels.GetLength(0);
        int cols = labels.GetLength(1);
        var lines = new string[rows, cols][];
        int longest = 0;
        int lineCount = 1;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                lines[r, c] = labels[r, c].Length == 0 ? [] : labels[r, c].Split('\n');
                longest = Math.Max(longest, lines[r, c].Select(line => line.Length).DefaultIfEmpty(0).Max());
                lineCount = Math.Max(lineCount, lines[r, c].Length);
            }
        }

        int cellWidth = Math.Max(MinCell, (int)Math.Ceiling(longest * CharWidth) + (2 * PadX));
        int cellHeight = Math.Max(MinCell, (lineCount * LineHeight) + (2 * PadY));
        int rowLabelWidth = (int)Math.Ceiling((rows - 1).ToString(CultureInfo.InvariantCulture).Length * CharWidth) + 8;
        int left = Margin + rowLabelWidth;
        int top = Margin + (title is null ? 0 : TitleHeight) + ColLabelHeight;
        int titleWidth = title is null ? 0 : (int)Math.Ceiling(title.Length * 0.6 * TitleFontSize);
        int width = Math.Max(left + (cols * cellWidth) + Margin, (2 * Margin) + titleWidth);
        int height = top + (rows * cellHeight) + Margin;

        var (min, max) = range ?? FiniteRange(data.Where((_, i) => apart is null || !apart(i / cols, i % cols)));
        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" ");
        Append(svg, $"{SvgMarkup.FitToColumn}font-family=\"{Font}\" font-size=\"{FontSize}\">\n");
        Append(svg, $"<title>{SvgWriter.Escape(title ?? $"Heatmap {rows}×{cols}")}</title>\n");
        Append(svg, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        if (title is not null)
        {
            Append(svg, $"<text x=\"{Margin}\" y=\"{Margin + 15}\" font-size=\"{TitleFontSize}\" font-weight=\"bold\" fill=\"{Ink}\">{SvgWriter.Escape(title)}</text>\n");
        }

        for (int c = 0; c < cols; c++)
        {
            double x = left + ((c + 0.5) * cellWidth);
            Append(svg, $"<text x=\"{x}\" y=\"{top - 6}\" text-anchor=\"middle\" fill=\"{IndexInk}\">{c}</text>\n");
        }

        for (int r = 0; r < rows; r++)
        {
            double y = top + ((r + 0.5) * cellHeight);
            Append(svg, $"<text x=\"{left - 6}\" y=\"{y + 4}\" text-anchor=\"end\" fill=\"{IndexInk}\">{r}</text>\n");
            for (int c = 0; c < cols; c++)
            {
                var (fill, ink) = apart is not null && apart(r, c) ? (ApartFill, Ink) : Colours(data[(cols * r) + c], min, max);
                int x = left + (c * cellWidth);
                int cellTop = top + (r * cellHeight);
                Append(svg, $"<rect x=\"{x}\" y=\"{cellTop}\" width=\"{cellWidth}\" height=\"{cellHeight}\" fill=\"{fill}\" stroke=\"#ffffff\"/>\n");
                var cell = lines[r, c];
                for (int i = 0; i < cell.Length; i++)
                {
                    double baseline = y + 4 + ((i - ((cell.Length - 1) / 2.0)) * LineHeight);
                    // Of a label of several lines, the first is the headline.
                    var weight = i == 0 && cell.Length > 1 ? " font-weight=\"bold\"" : "";
                    Append(svg, $"<text x=\"{x + (cellWidth / 2.0)}\" y=\"{baseline}\" text-anchor=\"middle\"{weight} fill=\"{ink}\" xml:space=\"preserve\">{SvgWriter.Escape(cell[i])}</text>\n");
                }
            }
        }

        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>
    /// The text form: <c>Heatmap 3×3: title</c>, then each row's labels, aligned in columns, a label's lines joined
    /// with ", ".
    /// </summary>
    internal static string Describe(string[,] labels, string? title)
    {
        int rows = labels.GetLength(0);
        int cols = labels.GetLength(1);
        var cells = new string[rows, cols];
        var widths = new int[cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                cells[r, c] = labels[r, c].Replace("\n", ", ");
                widths[c] = Math.Max(widths[c], cells[r, c].Length);
            }
        }

        var text = new StringBuilder($"Heatmap {rows}×{cols}");
        if (title is not null)
        {
            text.Append(": ").Append(title);
        }

        for (int r = 0; r < rows; r++)
        {
            text.Append('\n');
            for (int c = 0; c < cols; c++)
            {
                text.Append("  ").Append(cells[r, c].PadLeft(widths[c]));
            }
        }

        return text.ToString();
    }

    private static (double Min, double Max) FiniteRange(IEnumerable<double> data)
    {
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (var value in data)
        {
            if (double.IsFinite(value))
            {
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
        }

        return (min, max);
    }

    /// <summary>
    /// The fill of a cell and the ink that reads on it: dark text on light cells, white on dark ones, whichever contrasts more. A constant
    /// matrix is drawn in the middle of the scale; NaN is grey; infinities take the ends of the scale.
    /// </summary>
    private static (string Fill, string Ink) Colours(double value, double min, double max)
    {
        if (double.IsNaN(value))
        {
            return (MissingFill, Ink);
        }

        double t = value switch
        {
            double.PositiveInfinity => 1,
            double.NegativeInfinity => 0,
            _ when max > min => (value - min) / (max - min),
            _ => 0.5,
        };
        double position = t * (Scale.Length - 1);
        int low = Math.Min((int)position, Scale.Length - 2);
        double f = position - low;
        var (r, g, b) = (Mix(Scale[low].R, Scale[low + 1].R, f), Mix(Scale[low].G, Scale[low + 1].G, f), Mix(Scale[low].B, Scale[low + 1].B, f));
        return ($"#{r:x2}{g:x2}{b:x2}", Luminance(r, g, b) < 0.2 ? LightInk : Ink);
    }

    private static int Mix(int from, int to, double f) => (int)Math.Round(from + ((to - from) * f), MidpointRounding.AwayFromZero);

    /// <summary>The relative luminance of an sRGB colour (WCAG), 0 for black to 1 for white.</summary>
    private static double Luminance(int r, int g, int b) =>
        (0.2126 * Linear(r)) + (0.7152 * Linear(g)) + (0.0722 * Linear(b));

    private static double Linear(int channel)
    {
        double s = channel / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
    }

    /// <summary>Appends with numbers written the same in every culture (a German machine would write 12,5).</summary>
    private static void Append(StringBuilder svg, FormattableString text) => svg.Append(text.ToString(CultureInfo.InvariantCulture));
}
