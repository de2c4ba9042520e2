using System.Text;
using System.Xml.Linq;

namespace Autograd.Interactive;

/// <summary>
/// Draws a confusion matrix: a heatmap (<see cref="HeatmapSvg"/>) of counts, row r and column c counting the examples of true
/// class r predicted as c, so correct answers lie on the diagonal, drawn in green; the colours show the errors; around
/// it the axis names and the accuracy.
/// </summary>
internal static class ConfusionMatrixChart
{
    private const int Margin = 10;
    private const int TitleHeight = 22;
    private const int AxisHeight = 16;
    private const int AxisWidth = 18;

    internal static SvgImage Render(int[] actual, int[] predicted, int classes, string? title)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        Check(actual, predicted, classes);

        var counts = new double[classes * classes];
        int correct = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            counts[(classes * actual[i]) + predicted[i]]++;
            correct += actual[i] == predicted[i] ? 1 : 0;
        }

        var heading = $"{title ?? "Confusion matrix"} · accuracy {SvgMarkup.Percent(correct, actual.Length)} " +
            $"({NumberText.Count(correct)} of {NumberText.Count(actual.Length)})";
        // Correct answers usually outnumber the errors a hundredfold: on one scale every error would look blank. So
        // the diagonal is drawn apart, in green, and the colours count the errors alone, from none to the most common.
        double mostErrors = Math.Max(1, counts.Where((_, i) => i / classes != i % classes).DefaultIfEmpty(0).Max());
        var labels = new string[classes, classes];
        for (int r = 0; r < classes; r++)
        {
            for (int c = 0; c < classes; c++)
            {
                labels[r, c] = NumberText.Format(counts[(classes * r) + c]);
            }
        }

        var heatmap = new SvgImage(
            HeatmapSvg.Render(counts, labels, null, apart: (r, c) => r == c, range: (0, mostErrors)),
            HeatmapSvg.Describe(labels, null));

        // The heatmap is placed whole, as a nested svg, with the title and the axis names drawn around it.
        var root = XDocument.Parse(heatmap.Svg).Root!;
        int innerWidth = int.Parse(root.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        int innerHeight = int.Parse(root.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        int left = Margin + AxisWidth;
        int top = Margin + TitleHeight + AxisHeight;
        int width = Math.Max(left + innerWidth, (2 * Margin) + SvgMarkup.TextWidth(heading, 13));
        int height = top + innerHeight;

        var svg = new StringBuilder();
        SvgMarkup.Open(svg, width, height, heading);
        SvgMarkup.Append(svg, $"<text x=\"{Margin}\" y=\"{Margin + 14}\" font-size=\"13\" font-weight=\"bold\" fill=\"{SvgMarkup.Ink}\">{SvgWriter.Escape(heading)}</text>\n");

        // Where the heatmap's grid sits inside it (as HeatmapSvg lays it out): a margin of 10, then the row indices; the
        // row area starts under the 18 pixels of column indices and ends 10 above the bottom.
        int gridLeft = left + 10 + SvgMarkup.TextWidth((classes - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) + 8;
        int gridWidth = innerWidth - (gridLeft - left) - 10;
        SvgMarkup.Append(svg, $"<text x=\"{gridLeft + (gridWidth / 2.0)}\" y=\"{top - 4}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{SvgMarkup.FaintInk}\">predicted →</text>\n");
        double middle = top + 18 + ((innerHeight - 28) / 2.0);
        SvgMarkup.Append(svg, $"<text x=\"{left - 4}\" y=\"{middle}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{SvgMarkup.FaintInk}\" transform=\"rotate(-90 {left - 4} {middle})\">← true</text>\n");
        // Nested, it keeps its own size: the style that lets a standalone picture shrink would stretch it to the whole.
        svg.Append(heatmap.Svg
            .Replace(SvgMarkup.FitToColumn, "", StringComparison.Ordinal)
            .Replace("<svg ", $"<svg x=\"{left}\" y=\"{top}\" ", StringComparison.Ordinal));

        svg.Append("</svg>\n");
        var text = $"{heading}; rows: true class, columns: predicted class" + heatmap.Text[heatmap.Text.IndexOf('\n', StringComparison.Ordinal)..];
        return new SvgImage(svg.ToString(), text);
    }

    private static void Check(int[] actual, int[] predicted, int classes)
    {
        if (classes is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"ConfusionMatrix: classes must be 1 to 100, got {classes}.");
        }

        if (actual.Length != predicted.Length)
        {
            throw new ArgumentException(
                $"ConfusionMatrix: {actual.Length} actual classes but {predicted.Length} predicted ones; give one of each per example.",
                nameof(predicted));
        }

        if (actual.Length == 0)
        {
            throw new ArgumentException("ConfusionMatrix: there are no examples to count.", nameof(actual));
        }

        CheckRange(actual, classes, nameof(actual));
        CheckRange(predicted, classes, nameof(predicted));
    }

    private static void CheckRange(int[] values, int classes, string name)
    {
        int bad = Array.FindIndex(values, k => k < 0 || k >= classes);
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"ConfusionMatrix: {name}[{bad}] is {values[bad]}, outside the classes 0 to {classes - 1}.", name);
        }
    }
}
