using System.Text;

namespace Autograd.Interactive;

/// <summary>
/// The plain-text form of a <see cref="Tensor"/>, for text-only hosts and output comparisons: a title line, then the
/// values and, when it requires grad, the gradients, each as a matrix with aligned columns.
/// </summary>
internal static class TensorText
{
    /// <summary>
    /// For example (a large tensor shows its corners, with … for the rows and columns left out):
    /// <code>
    /// Tensor 2×3 · label W · leaf · requires grad
    /// data
    ///          1  2.5  -3
    ///   0.333333    4   5
    /// grad
    ///   1  1  1
    ///   1  1  1
    /// </code>
    /// </summary>
    internal static string Render(Tensor tensor)
    {
        var rows = MatrixWindow.Shown(tensor.Rows);
        var cols = MatrixWindow.Shown(tensor.Cols);
        var text = new StringBuilder().Append(string.Join(" · ", TitleParts(tensor)));
        AppendMatrix(text, "data", tensor.Data, tensor.Cols, rows, cols);
        if (tensor.RequiresGrad)
        {
            AppendMatrix(text, "grad", tensor.Grad, tensor.Cols, rows, cols);
        }

        return text.ToString();
    }

    /// <summary>
    /// The title of a tensor's printout: <c>Tensor 2×3 · label W · leaf · requires grad</c>, and for a large
    /// tensor which part is shown.
    /// </summary>
    internal static IReadOnlyList<string> TitleParts(Tensor tensor)
    {
        var parts = new List<string> { $"Tensor {tensor.Rows}×{tensor.Cols}" };
        if (tensor.Label is not null)
        {
            parts.Add($"label {tensor.Label}");
        }

        parts.Add(tensor.Op is null ? "leaf" : $"op {tensor.Op}");
        parts.Add(tensor.RequiresGrad ? "requires grad" : "no grad");
        if (tensor.Rows > MatrixWindow.MaxShown || tensor.Cols > MatrixWindow.MaxShown)
        {
            parts.Add($"showing {Math.Min(tensor.Rows, MatrixWindow.MaxShown)} of {tensor.Rows} rows, {Math.Min(tensor.Cols, MatrixWindow.MaxShown)} of {tensor.Cols} columns");
        }

        return parts;
    }

    private static void AppendMatrix(
        StringBuilder text, string title, double[] values, int width, IReadOnlyList<int> rows, IReadOnlyList<int> cols)
    {
        var cells = rows
            .Select(r => cols
                .Select(c => r == MatrixWindow.Gap || c == MatrixWindow.Gap ? "…" : Numbers.Format(values[(width * r) + c]))
                .ToArray())
            .ToArray();
        var widths = Enumerable.Range(0, cols.Count).Select(j => cells.Max(row => row[j].Length)).ToArray();

        text.Append('\n').Append(title);
        foreach (var row in cells)
        {
            text.Append('\n');
            for (int j = 0; j < row.Length; j++)
            {
                text.Append("  ").Append(row[j].PadLeft(widths[j]));
            }
        }
    }
}
