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
    /// <exception cref="ArgumentException"><paramref name="series"/> is empty.</exception>
    public static GenericChart Line(
        IEnumerable<Series> series, string? title = null, string? xTitle = null, string? yTitle = null, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        FastTemplate.Install();
        var lines = series.Select(s => Chart.Line<double, double, string>(x: s.X, y: s.Y, Name: s.Name)).ToList();
        if (lines.Count == 0)
        {
            throw new ArgumentException("A line chart needs at least one series.", nameof(series));
        }

        var chart = Chart.Combine(lines)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle ?? "")
            .WithYAxisStyle<double, double, string>(
                TitleText: yTitle ?? "", AxisType: logY ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear);
        return title is null ? chart : chart.WithTitle(title);
    }

    /// <summary>A heatmap of a rows × cols matrix stored row-major, with a label in every cell (its value by default).</summary>
    /// <inheritdoc cref="HeatmapImage.Of(double[], int, int, Func{int, int, string}?, string?)"/>
    public static HeatmapImage Heatmap(
        double[] data, int rows, int cols, Func<int, int, string>? cellText = null, string? title = null) =>
        HeatmapImage.Of(data, rows, cols, cellText, title);

    /// <summary>A heatmap of a tensor's values, with a label in every cell (its value by default).</summary>
    /// <inheritdoc cref="HeatmapImage.Of(Autograd.Tensor, Func{int, int, string}?, string?)"/>
    public static HeatmapImage Heatmap(Autograd.Tensor tensor, Func<int, int, string>? cellText = null, string? title = null) =>
        HeatmapImage.Of(tensor, cellText, title);

    /// <summary>A tensor's heatmap with each cell labelled by its position and its flat index <c>Cols * r + c</c>.</summary>
    /// <inheritdoc cref="HeatmapImage.FlatIndex(Autograd.Tensor)"/>
    public static HeatmapImage FlatIndexHeatmap(Autograd.Tensor tensor) => HeatmapImage.FlatIndex(tensor);

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
    public static ChartImage DecisionBoundary(
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
    public static ChartImage DecisionBoundary(
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
    public static ChartImage DigitGrid(
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
    public static ChartImage ConfusionMatrix(int[] actual, int[] predicted, int classes, string? title = null) =>
        ConfusionMatrixChart.Render(actual, predicted, classes, title);

    /// <summary>The HTML a notebook shows for <paramref name="chart"/>: a <c>div</c> and the script that draws it.</summary>
    public static string ToHtml(GenericChart chart) => ChartHtml.Render(chart);
}
