namespace Autograd.Interactive;

/// <summary>
/// A matrix drawn as a grid of coloured cells, each with a label, shown in the notebook as SVG. Row 0 is at the top,
/// as the matrix is written; the colour runs from light (smallest value) to dark blue (largest).
/// </summary>
/// <remarks>
/// The picture is a static SVG drawn here, not a Plotly.NET chart, so it shows in every host, on GitHub and offline,
/// and the same matrix always gives the same document.
/// </remarks>
/// <example>
/// Where each element of a 3×3 tensor lives in its flat, row-major array:
/// <code>
/// var m = new Tensor(3, 3);
/// m.SetFrom([1, 2, 3, 4, 5, 6, 7, 8, 9]);
/// HeatmapImage.FlatIndex(m)
/// </code>
/// </example>
public sealed class HeatmapImage
{
    /// <summary>The most cells a heatmap draws (a 100×100 matrix); a larger one would be too large to read or send.</summary>
    public const int MaxCells = 10_000;

    private HeatmapImage(int rows, int cols, string svg, string text)
    {
        Rows = rows;
        Cols = cols;
        Svg = svg;
        Text = text;
    }

    /// <summary>The number of rows drawn.</summary>
    public int Rows { get; }

    /// <summary>The number of columns drawn.</summary>
    public int Cols { get; }

    /// <summary>The SVG document shown.</summary>
    public string Svg { get; }

    /// <summary>The title and every cell's label as aligned text: what text-only displays show.</summary>
    public string Text { get; }

    /// <summary>Draws a matrix given as one row-major array: element (r, c) is <c>data[cols * r + c]</c>.</summary>
    /// <param name="data">The values, row after row; they set the cells' colours.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="cols">The number of columns.</param>
    /// <param name="cellText">
    /// The label of cell (r, c); a <c>'\n'</c> starts a second line, and an empty label leaves the cell bare. By
    /// default each cell shows its value rounded to 6 significant digits.
    /// </param>
    /// <param name="title">A title drawn above the grid, if any.</param>
    /// <exception cref="ArgumentException"><paramref name="data"/> does not hold <paramref name="rows"/> × <paramref name="cols"/> values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or there are more than <see cref="MaxCells"/> cells.</exception>
    public static HeatmapImage Of(
        double[] data, int rows, int cols, Func<int, int, string>? cellText = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (rows < 1 || cols < 1)
        {
            throw new ArgumentOutOfRangeException(
                rows < 1 ? nameof(rows) : nameof(cols), $"Heatmap: a {rows}×{cols} shape is empty; rows and cols must be at least 1.");
        }

        if ((long)rows * cols > MaxCells)
        {
            throw new ArgumentOutOfRangeException(
                nameof(rows), $"Heatmap: a {rows}×{cols} matrix has {(long)rows * cols} cells, more than the {MaxCells} a heatmap draws legibly.");
        }

        if (data.Length != rows * cols)
        {
            throw new ArgumentException(
                $"Heatmap: {data.Length} values do not fill a {rows}×{cols} matrix, which has {rows * cols} cells.", nameof(data));
        }

        cellText ??= (r, c) => NumberText.Format(data[(cols * r) + c]);
        var labels = new string[rows, cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                labels[r, c] = cellText(r, c) ?? "";
            }
        }

        return new HeatmapImage(rows, cols, HeatmapSvg.Render(data, labels, title), HeatmapSvg.Describe(labels, title));
    }

    /// <summary>Draws a tensor's values.</summary>
    /// <param name="tensor">The matrix to draw.</param>
    /// <param name="cellText">The label of cell (r, c), as for <see cref="Of(double[], int, int, Func{int, int, string}?, string?)"/>.</param>
    /// <param name="title">A title drawn above the grid; by default the tensor's label, if any.</param>
    public static HeatmapImage Of(Tensor tensor, Func<int, int, string>? cellText = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return Of(tensor.Data, tensor.Rows, tensor.Cols, cellText, title ?? tensor.Label);
    }

    /// <summary>
    /// Draws a tensor with each cell labelled by where it lives in <see cref="Tensor.Data"/>: <c>[1,2] → 5</c>
    /// (for 3 columns, 3·1 + 2), and below it the value there, <c>Data[5] = 6</c>. The title states the rule,
    /// element (r, c) is <c>Data[Cols·r + c]</c>.
    /// </summary>
    /// <param name="tensor">The matrix to draw; its values set the colours.</param>
    public static HeatmapImage FlatIndex(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        int cols = tensor.Cols;
        return Of(
            tensor,
            (r, c) => $"[{r},{c}] → {(cols * r) + c}\nData[{(cols * r) + c}] = {NumberText.Format(tensor.Data[(cols * r) + c])}",
            $"Element [r,c] of a {tensor.Rows}×{cols} tensor is Data[{cols}·r + c]");
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
