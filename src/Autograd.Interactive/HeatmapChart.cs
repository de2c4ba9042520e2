namespace Autograd.Interactive;

/// <summary>
/// Draws a matrix as a grid of coloured cells, each with a label (<see cref="HeatmapSvg"/>). Row 0 is at the top, as
/// the matrix is written; the colour runs from light (smallest value) to dark blue (largest).
/// </summary>
internal static class HeatmapChart
{
    /// <summary>The most cells a heatmap draws (a 100×100 matrix); a larger one would be too large to read or send.</summary>
    internal const int MaxCells = 10_000;

    internal static SvgImage Render(double[] data, int rows, int cols, Func<int, int, string>? cellText, string? title)
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

        return new SvgImage(HeatmapSvg.Render(data, labels, title), HeatmapSvg.Describe(labels, title));
    }

    internal static SvgImage Render(Tensor tensor, Func<int, int, string>? cellText, string? title)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return Render(tensor.Data, tensor.Rows, tensor.Cols, cellText, title ?? tensor.Label);
    }

    /// <summary>
    /// Each cell labelled by where it lives in <see cref="Tensor.Data"/>, <c>[1,2] → 5</c> (for 3 columns, 3·1 + 2),
    /// and below it the value there, <c>Data[5] = 6</c>; the title states the rule.
    /// </summary>
    internal static SvgImage FlatIndex(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        int cols = tensor.Cols;
        return Render(
            tensor,
            (r, c) => $"[{r},{c}] → {(cols * r) + c}\nData[{(cols * r) + c}] = {NumberText.Format(tensor.Data[(cols * r) + c])}",
            $"Element [r,c] of a {tensor.Rows}×{cols} tensor is Data[{cols}·r + c]");
    }
}
