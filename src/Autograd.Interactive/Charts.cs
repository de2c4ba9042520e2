using Autograd.NN;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace Autograd.Interactive;

/// <summary>
/// Ready-made Plotly.NET charts for the notebooks. Each returns a Plotly.NET <see cref="GenericChart"/>, which a
/// notebook shows as an interactive chart and which Plotly.NET's own methods can restyle further.
/// </summary>
/// <remarks>Use these only after <see cref="Notebook.Setup"/> ran, in an earlier cell.</remarks>
public static class Charts
{
    /// <summary>A line chart with one line per series, each named in the legend.</summary>
    /// <param name="series">The lines, drawn in order.</param>
    /// <param name="title">The chart's title, if any.</param>
    /// <param name="xTitle">The x axis's title, if any.</param>
    /// <param name="yTitle">The y axis's title, if any.</param>
    /// <param name="logY">Whether the y axis is logarithmic, which suits a loss that falls by orders of magnitude.</param>
    /// <param name="logX">Whether the x axis is logarithmic, which suits sizes that double, such as a benchmark's n.</param>
    /// <exception cref="ArgumentException"><paramref name="series"/> is empty.</exception>
    /// <remarks>
    /// In a notebook the chart is shown twice in one output: as a static drawing, which every host and GitHub show, and
    /// as the interactive plotly.js chart, which replaces the drawing where scripts run.
    /// </remarks>
    public static GenericChart Line(
        IEnumerable<Series> series, string? title = null, string? xTitle = null, string? yTitle = null, bool logY = false, bool logX = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        FastTemplate.Install();
        var lines = series.Select(s => Chart.Line<double, double, string>(x: s.X, y: s.Y, Name: s.Name)).ToList();
        if (lines.Count == 0)
        {
            throw new ArgumentException("A line chart needs at least one series.", nameof(series));
        }

        var chart = Chart.Combine(lines)
            .WithXAxisStyle<double, double, string>(
                TitleText: xTitle ?? "", AxisType: logX ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithYAxisStyle<double, double, string>(
                TitleText: yTitle ?? "", AxisType: logY ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear);
        return title is null ? chart : WithTitle(chart, title);
    }

    /// <summary>
    /// A heatmap of a rows × cols matrix given as one row-major array (element (r, c) is <c>data[cols * r + c]</c>):
    /// a grid of coloured cells, row 0 at the top, from light (smallest value) to dark blue (largest), each with a
    /// label. A static SVG, the same for the same input.
    /// </summary>
    /// <param name="data">The values, row after row; they set the cells' colours.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="cols">The number of columns.</param>
    /// <param name="cellText">
    /// The label of cell (r, c); a <c>'\n'</c> starts a second line, and an empty label leaves the cell bare. By
    /// default each cell shows its value rounded to 6 significant digits.
    /// </param>
    /// <param name="title">A title drawn above the grid, if any.</param>
    /// <exception cref="ArgumentException"><paramref name="data"/> does not hold <paramref name="rows"/> × <paramref name="cols"/> values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or there are more than 10,000 cells (a 100×100 matrix).</exception>
    public static SvgImage Heatmap(
        double[] data, int rows, int cols, Func<int, int, string>? cellText = null, string? title = null) =>
        HeatmapChart.Render(data, rows, cols, cellText, title);

    /// <summary>A heatmap of a tensor's values, with a label in every cell (its value by default).</summary>
    /// <param name="tensor">The matrix to draw.</param>
    /// <param name="cellText">The label of cell (r, c), as for <see cref="Heatmap(double[], int, int, Func{int, int, string}?, string?)"/>.</param>
    /// <param name="title">A title drawn above the grid; by default the tensor's label, if any.</param>
    /// <exception cref="ArgumentOutOfRangeException">The tensor has more than 10,000 elements.</exception>
    public static SvgImage Heatmap(Autograd.Tensor tensor, Func<int, int, string>? cellText = null, string? title = null) =>
        HeatmapChart.Render(tensor, cellText, title);

    /// <summary>
    /// A tensor's heatmap with each cell labelled by where it lives in <see cref="Autograd.Tensor.Data"/>:
    /// <c>[1,2] → 5</c> (for 3 columns, 3·1 + 2), and below it the value there, <c>Data[5] = 6</c>. The title states
    /// the rule, element (r, c) is <c>Data[Cols·r + c]</c>.
    /// </summary>
    /// <param name="tensor">The matrix to draw; its values set the colours.</param>
    /// <example>
    /// <code>
    /// var m = new Tensor(3, 3);
    /// m.SetFrom([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    /// Charts.FlatIndexHeatmap(m)
    /// </code>
    /// </example>
    public static SvgImage FlatIndexHeatmap(Autograd.Tensor tensor) => HeatmapChart.FlatIndex(tensor);

    /// <summary>
    /// A classifier's decision regions in the plane: a grid over the points' bounding box (with a margin of a tenth of
    /// its larger side) coloured by the class <paramref name="classify"/> predicts there, and the points on top
    /// coloured by their true class, with the classifier's accuracy on them. A static SVG, the same for the same input.
    /// </summary>
    /// <param name="classify">The class of every row of a batch of points (n×2 in, n classes out, each at least 0).</param>
    /// <param name="points">The points, one (x, y) per row of an n×2 tensor.</param>
    /// <param name="labels">The true class of each point, from 0.</param>
    /// <param name="resolution">Grid cells across the longer side of the box (2 to 400); the classifier sees one row per cell.</param>
    /// <param name="title">A title drawn above the chart, if any.</param>
    /// <exception cref="ArgumentException">The points are not n×2, a coordinate is not finite, or the labels do not give one class (at least 0) per point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The resolution is outside 2 to 400.</exception>
    /// <exception cref="InvalidOperationException">The classifier returned other than one class (at least 0) per row.</exception>
    public static SvgImage DecisionBoundary(
        Func<Autograd.Tensor, int[]> classify, Autograd.Tensor points, int[] labels, int resolution = 100, string? title = null) =>
        DecisionBoundaryChart.Render(classify, points, labels, resolution, title);

    /// <summary>
    /// A model's decision regions in the plane: each point is classified as the column of the largest of
    /// <paramref name="model"/>'s outputs (its <c>ArgMax</c>), computed without recording a graph.
    /// </summary>
    /// <param name="model">A model taking rows of 2 features to one score (or logit) per class.</param>
    /// <param name="points">The points, one (x, y) per row of an n×2 tensor.</param>
    /// <param name="labels">The true class of each point, from 0.</param>
    /// <param name="resolution">Grid cells across the longer side of the box (2 to 400).</param>
    /// <param name="title">A title drawn above the chart, if any.</param>
    /// <inheritdoc cref="DecisionBoundary(Func{Autograd.Tensor, int[]}, Autograd.Tensor, int[], int, string?)"/>
    public static SvgImage DecisionBoundary(
        Module model, Autograd.Tensor points, int[] labels, int resolution = 100, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return DecisionBoundaryChart.Render(
            batch =>
            {
                using var scope = NoGrad.Scope();
                return model.Forward(batch).ArgMax();
            },
            points,
            labels,
            resolution,
            title);
    }

    /// <summary>
    /// 8×8 grey-scale images (such as the optdigits digits) in a grid, each with a caption under it: "true 3",
    /// "pred 8", or both, in red (and the image framed in red) when they differ. A static SVG.
    /// </summary>
    /// <param name="images">One image per row: 64 pixels, row-major, from 0 (white) to 1 (black); values outside are clamped.</param>
    /// <param name="labels">The true class of each image, if known.</param>
    /// <param name="predictions">The predicted class of each image, if any.</param>
    /// <param name="columns">Images per row of the grid, at least 1.</param>
    /// <param name="max">The most images drawn (the first ones), 1 to 1000.</param>
    /// <param name="title">A title drawn above the grid, if any.</param>
    /// <exception cref="ArgumentException">The images are not n×64, or the labels or predictions are not one per image.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> or <paramref name="max"/> is out of range.</exception>
    public static SvgImage DigitGrid(
        Autograd.Tensor images, int[]? labels = null, int[]? predictions = null, int columns = 10, int max = 50, string? title = null) =>
        DigitGridChart.Render(images, labels, predictions, columns, max, title);

    /// <summary>
    /// A confusion matrix: a heatmap whose row r, column c counts the examples of true class r predicted as c (correct
    /// answers lie on the diagonal), with the accuracy in the title. A static SVG.
    /// </summary>
    /// <param name="actual">The true class of each example, 0 to <paramref name="classes"/> - 1.</param>
    /// <param name="predicted">The predicted class of each example, 0 to <paramref name="classes"/> - 1.</param>
    /// <param name="classes">The number of classes, 1 to 100.</param>
    /// <param name="title">The title, before the accuracy; "Confusion matrix" by default.</param>
    /// <exception cref="ArgumentException">The arrays differ in length or are empty, or a class is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is outside 1 to 100.</exception>
    public static SvgImage ConfusionMatrix(int[] actual, int[] predicted, int classes, string? title = null) =>
        ConfusionMatrixChart.Render(actual, predicted, classes, title);

    /// <summary>
    /// Sets the chart's title with Plotly.NET's F# function, which a notebook cell cannot call itself: the kernel
    /// compiles cells against its own, older FSharp.Core.
    /// </summary>
    private static GenericChart WithTitle(GenericChart chart, string title) => Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
}
