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

    /// <summary>The HTML a notebook shows for <paramref name="chart"/>: a <c>div</c> and the script that draws it.</summary>
    public static string ToHtml(GenericChart chart) => ChartHtml.Render(chart);
}
