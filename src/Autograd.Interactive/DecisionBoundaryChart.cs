using System.Text;

namespace Autograd.Interactive;

/// <summary>
/// Draws a classifier's decision regions in the plane: a grid over the points' bounding box (with a margin) coloured
/// by the predicted class, and the points on top coloured by their true class. Both axes share one scale, so the
/// picture is not stretched.
/// </summary>
internal static class DecisionBoundaryChart
{
    private const int PlotSize = 400;
    private const int Left = 52;
    private const int Right = 16;
    private const int Top = 10;
    private const int TitleHeight = 22;
    private const int LegendHeight = 38;
    private const int Bottom = 30;
    private const double RegionTint = 0.65;

    internal static SvgImage Render(Func<Tensor, int[]> classify, Tensor points, int[] labels, int resolution, string? title)
    {
        ArgumentNullException.ThrowIfNull(classify);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        Check(points, labels, resolution);

        int n = points.Rows;
        var (x0, x1, y0, y1) = Box(points);

        // Square cells of a whole number of pixels, so neighbouring rects meet without seams.
        int longSide = Math.Max(1, PlotSize / resolution) * resolution;
        bool wide = x1 - x0 >= y1 - y0;
        double cell = (wide ? x1 - x0 : y1 - y0) / resolution;
        int nx = wide ? resolution : Math.Max(1, (int)Math.Round((x1 - x0) / cell));
        int ny = wide ? Math.Max(1, (int)Math.Round((y1 - y0) / cell)) : resolution;
        int px = longSide / resolution;

        // Centre the grid on the box, which the rounding above may have made a little larger or smaller.
        double gx0 = ((x0 + x1) / 2) - (nx * cell / 2);
        double gy1 = ((y0 + y1) / 2) + (ny * cell / 2);
        var grid = new Tensor(nx * ny, 2, requiresGrad: false);
        for (int r = 0; r < ny; r++)
        {
            for (int c = 0; c < nx; c++)
            {
                grid[(nx * r) + c, 0] = gx0 + ((c + 0.5) * cell);
                grid[(nx * r) + c, 1] = gy1 - ((r + 0.5) * cell);
            }
        }

        var regions = Classified(classify, grid, "grid point");
        var predicted = Classified(classify, points, "point");
        int correct = Enumerable.Range(0, n).Count(i => predicted[i] == labels[i]);
        int classes = Math.Max(labels.Max(), regions.Max()) + 1;

        int plotWidth = nx * px;
        int plotHeight = ny * px;
        int top = Top + (title is null ? 0 : TitleHeight) + LegendHeight;
        var note = $"area: predicted class · dots: true class · accuracy {SvgMarkup.Percent(correct, n)}";
        int legendWidth = Enumerable.Range(0, classes).Sum(k => 31 + SvgMarkup.TextWidth($"class {k}"));
        int width = Left + Math.Max(plotWidth, Math.Max(legendWidth, SvgMarkup.TextWidth(note))) + Right;
        if (title is not null)
        {
            width = Math.Max(width, Left + SvgMarkup.TextWidth(title, 13) + Right);
        }

        int height = top + plotHeight + Bottom;
        double toX(double x) => Left + ((x - gx0) / cell * px);
        double toY(double y) => top + ((gy1 - y) / cell * px);

        var svg = new StringBuilder();
        var heading = title ?? "Decision boundary";
        SvgMarkup.Open(svg, width, height, heading);
        int y = Top;
        if (title is not null)
        {
            SvgMarkup.Append(svg, $"<text x=\"{Left}\" y=\"{y + 14}\" font-size=\"13\" font-weight=\"bold\" fill=\"{SvgMarkup.Ink}\">{SvgWriter.Escape(title)}</text>\n");
            y += TitleHeight;
        }

        AppendLegend(svg, classes, y + 12, note);

        // The regions: each row of the grid as runs of one predicted class, one rect per run.
        SvgMarkup.Append(svg, $"<g shape-rendering=\"crispEdges\">\n");
        for (int r = 0; r < ny; r++)
        {
            int start = 0;
            for (int c = 1; c <= nx; c++)
            {
                if (c == nx || regions[(nx * r) + c] != regions[(nx * r) + start])
                {
                    SvgMarkup.Append(svg, $"<rect x=\"{Left + (start * px)}\" y=\"{top + (r * px)}\" width=\"{(c - start) * px}\" height=\"{px}\" fill=\"{SvgMarkup.ClassColour(regions[(nx * r) + start], RegionTint)}\"/>\n");
                    start = c;
                }
            }
        }

        SvgMarkup.Append(svg, $"</g>\n");
        SvgMarkup.Append(svg, $"<rect x=\"{Left}\" y=\"{top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"{SvgMarkup.FaintInk}\"/>\n");
        AppendTicks(svg, gx0, gx0 + (nx * cell), isX: true, v => toX(v), top + plotHeight);
        AppendTicks(svg, gy1 - (ny * cell), gy1, isX: false, v => toY(v), Left);

        SvgMarkup.Append(svg, $"<g stroke=\"#222222\" stroke-width=\"0.7\">\n");
        for (int i = 0; i < n; i++)
        {
            SvgMarkup.Append(svg, $"<circle cx=\"{NumberText.Format(toX(points[i, 0]))}\" cy=\"{NumberText.Format(toY(points[i, 1]))}\" r=\"3.2\" fill=\"{SvgMarkup.ClassColour(labels[i])}\"/>\n");
        }

        svg.Append("</g>\n</svg>\n");
        var text = $"{heading}: {NumberText.Count(n)} points in {labels.Max() + 1} classes over a {nx}×{ny} grid, " +
            $"x {NumberText.Format(x0)} to {NumberText.Format(x1)}, y {NumberText.Format(y0)} to {NumberText.Format(y1)}";
        return new SvgImage(svg.ToString(), text);
    }

    private static void Check(Tensor points, int[] labels, int resolution)
    {
        if (points.Cols != 2)
        {
            throw new ArgumentException(
                $"DecisionBoundary: the points are {points.Rows}×{points.Cols}, but a plane needs two coordinates per point (an n×2 tensor).",
                nameof(points));
        }

        if (points.Rows == 0 || labels.Length != points.Rows)
        {
            throw new ArgumentException(
                $"DecisionBoundary: {labels.Length} labels for {points.Rows} points; give one class per point, and at least one point.",
                nameof(labels));
        }

        if (resolution is < 2 or > 400)
        {
            throw new ArgumentOutOfRangeException(
                nameof(resolution), resolution, $"DecisionBoundary: the resolution is {resolution} cells across; use 2 to 400.");
        }

        int bad = Array.FindIndex(labels, k => k < 0);
        if (bad >= 0)
        {
            throw new ArgumentException($"DecisionBoundary: label {bad} is {labels[bad]}; classes are numbered from 0.", nameof(labels));
        }

        int notFinite = Array.FindIndex(points.Data, v => !double.IsFinite(v));
        if (notFinite >= 0)
        {
            throw new ArgumentException(
                $"DecisionBoundary: point {notFinite / 2} has coordinate {points.Data[notFinite]}; every coordinate must be finite.",
                nameof(points));
        }
    }

    /// <summary>The points' bounding box with a margin of a tenth of its larger side, so no point sits on the frame.</summary>
    private static (double X0, double X1, double Y0, double Y1) Box(Tensor points)
    {
        double x0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y0 = double.PositiveInfinity, y1 = double.NegativeInfinity;
        for (int i = 0; i < points.Rows; i++)
        {
            x0 = Math.Min(x0, points[i, 0]);
            x1 = Math.Max(x1, points[i, 0]);
            y0 = Math.Min(y0, points[i, 1]);
            y1 = Math.Max(y1, points[i, 1]);
        }

        double side = Math.Max(x1 - x0, y1 - y0);
        double margin = side > 0 ? side / 10 : 1;
        return (x0 - margin, x1 + margin, y0 - margin, y1 + margin);
    }

    private static int[] Classified(Func<Tensor, int[]> classify, Tensor input, string what)
    {
        var classes = classify(input) ?? throw new InvalidOperationException("DecisionBoundary: the classifier returned null.");
        if (classes.Length != input.Rows)
        {
            throw new InvalidOperationException(
                $"DecisionBoundary: the classifier returned {classes.Length} classes for {input.Rows} rows; it must return one class per row.");
        }

        int bad = Array.FindIndex(classes, k => k < 0);
        if (bad >= 0)
        {
            throw new InvalidOperationException(
                $"DecisionBoundary: the classifier gave class {classes[bad]} for {what} {bad}; classes are numbered from 0.");
        }

        return classes;
    }

    private static void AppendLegend(StringBuilder svg, int classes, int baseline, string note)
    {
        double x = Left;
        for (int k = 0; k < classes; k++)
        {
            var name = $"class {k}";
            SvgMarkup.Append(svg, $"<circle cx=\"{x + 5}\" cy=\"{baseline - 4}\" r=\"4\" fill=\"{SvgMarkup.ClassColour(k)}\" stroke=\"#222222\" stroke-width=\"0.7\"/>\n");
            SvgMarkup.Append(svg, $"<text x=\"{x + 13}\" y=\"{baseline}\" fill=\"{SvgMarkup.Ink}\">{name}</text>\n");
            x += 13 + SvgMarkup.TextWidth(name) + 18;
        }

        SvgMarkup.Append(svg, $"<text x=\"{Left}\" y=\"{baseline + 16}\" fill=\"{SvgMarkup.FaintInk}\">{SvgWriter.Escape(note)}</text>\n");
    }

    /// <summary>Tick labels at round numbers (steps of 1, 2 or 5 times a power of ten), four or five to an axis.</summary>
    private static void AppendTicks(StringBuilder svg, double from, double to, bool isX, Func<double, double> place, double axis)
    {
        double raw = (to - from) / 4;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = power * (raw / power >= 5 ? 5 : raw / power >= 2 ? 2 : 1);
        for (long i = (long)Math.Ceiling(from / step); i * step <= to; i++)
        {
            var label = NumberText.Format(NumberText.Round(i * step));
            double at = Math.Round(place(i * step), 1);
            if (isX)
            {
                SvgMarkup.Append(svg, $"<line x1=\"{at}\" y1=\"{axis}\" x2=\"{at}\" y2=\"{axis + 4}\" stroke=\"{SvgMarkup.FaintInk}\"/>\n");
                SvgMarkup.Append(svg, $"<text x=\"{at}\" y=\"{axis + 17}\" text-anchor=\"middle\" fill=\"{SvgMarkup.FaintInk}\">{label}</text>\n");
            }
            else
            {
                SvgMarkup.Append(svg, $"<line x1=\"{axis - 4}\" y1=\"{at}\" x2=\"{axis}\" y2=\"{at}\" stroke=\"{SvgMarkup.FaintInk}\"/>\n");
                SvgMarkup.Append(svg, $"<text x=\"{axis - 7}\" y=\"{at + 4}\" text-anchor=\"end\" fill=\"{SvgMarkup.FaintInk}\">{label}</text>\n");
            }
        }
    }
}
