using System.Text;

namespace Autograd;

/// <summary>How a tensor prints and shows its numbers in graph pictures.</summary>
public partial class Tensor
{
    /// <summary>The most elements whose values a graph picture shows; larger tensors show their shape only.</summary>
    internal const int PictureValueLimit = 6;

    /// <summary>At most this many rows, and this many columns, of numbers are printed.</summary>
    internal const int PrintedSide = 8;

    /// <summary>Stands, among the printed indices, for the rows or columns left out, printed as "…".</summary>
    internal const int PrintedGap = -1;

    /// <summary>The shape, and for a small tensor its values and gradients, rows separated by semicolons.</summary>
    internal override IReadOnlyList<string> PictureLines()
    {
        if (Values.Length > PictureValueLimit)
        {
            return [Shape];
        }

        BeginUse();
        try
        {
            return [Shape, $"value {Inline(Values)}", $"grad {Inline(GradValues)}"];
        }
        finally
        {
            EndUse();
        }
    }

    /// <summary>
    /// A readable printout: a title with the shape, the label, the operation (or "leaf") and whether it requires
    /// grad, then the values and, when it requires grad, the gradients, each as a matrix with aligned columns and
    /// numbers rounded to 6 significant digits. A tensor of more than 8 rows or columns shows its corners, with …
    /// for what is left out, and says so in the title.
    /// </summary>
    /// <example>
    /// <code>
    /// Tensor 2×3 · label W · leaf · requires grad
    /// data
    ///          1  2.5  -3
    ///   0.333333    4   5
    /// grad
    ///   1  1  1
    ///   1  1  1
    /// </code>
    /// </example>
    /// <exception cref="ObjectDisposedException">The tensor is a result of a <see cref="TensorScope"/> that has ended.</exception>
    public override string ToString()
    {
        var printout = ToPrintout();
        var text = new StringBuilder(string.Join(" · ", printout.Title));
        AppendMatrix(text, "data", printout.Data);
        if (printout.Grad is not null)
        {
            AppendMatrix(text, "grad", printout.Grad);
        }

        return text.ToString();
    }

    /// <summary>What <see cref="ToString"/> prints, in parts, for other views of the same printout (a notebook's HTML table).</summary>
    internal Printout ToPrintout()
    {
        BeginUse();
        try
        {
            var rows = Shown(Rows);
            var cols = Shown(Cols);

            // A tensor that takes no gradient has none to show (and reading one would allocate it).
            return new Printout(
                TitleParts(),
                rows,
                cols,
                Cells(Values, rows, cols),
                RequiresGrad ? Cells(GradValues, rows, cols) : null);
        }
        finally
        {
            EndUse();
        }
    }

    /// <summary><c>Tensor 2×3</c>, <c>label W</c>, <c>leaf</c> or <c>op MatMul</c>, <c>requires grad</c> or <c>no grad</c>, and what is shown of a large one.</summary>
    private List<string> TitleParts()
    {
        var parts = new List<string> { $"Tensor {Shape}" };
        if (Label is not null)
        {
            parts.Add($"label {Label}");
        }

        parts.Add(Op is null ? "leaf" : $"op {Op}");
        parts.Add(RequiresGrad ? "requires grad" : "no grad");
        if (Rows > PrintedSide || Cols > PrintedSide)
        {
            parts.Add($"showing {Math.Min(Rows, PrintedSide)} of {Rows} rows, {Math.Min(Cols, PrintedSide)} of {Cols} columns");
        }

        return parts;
    }

    /// <summary>
    /// The indices to print along a side of <paramref name="count"/>: all of them up to <see cref="PrintedSide"/>,
    /// else the first and last <see cref="PrintedSide"/>/2 with <see cref="PrintedGap"/> between: <c>0 1 2 3 -1 16 17 18 19</c>.
    /// </summary>
    private static int[] Shown(int count)
    {
        if (count <= PrintedSide)
        {
            return Enumerable.Range(0, count).ToArray();
        }

        const int Edge = PrintedSide / 2;
        return [.. Enumerable.Range(0, Edge), PrintedGap, .. Enumerable.Range(count - Edge, Edge)];
    }

    private string[][] Cells(double[] values, int[] rows, int[] cols) =>
        rows.Select(r => cols
                .Select(c => r == PrintedGap || c == PrintedGap ? "…" : NumberText.Format(values[(Cols * r) + c]))
                .ToArray())
            .ToArray();

    /// <summary>The title, then each row of cells right-aligned in its column, two spaces before each.</summary>
    private static void AppendMatrix(StringBuilder text, string title, string[][] cells)
    {
        int columns = cells.Length == 0 ? 0 : cells[0].Length;
        var widths = Enumerable.Range(0, columns).Select(j => cells.Max(row => row[j].Length)).ToArray();
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

    /// <summary>The values as one line, rows separated by semicolons: <c>[2, 3, 4; 5, 6, 7]</c>.</summary>
    private string Inline(double[] values)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                text.Append(i % Cols == 0 ? "; " : ", ");
            }

            text.Append(NumberText.Format(values[i]));
        }

        return text.Append(']').ToString();
    }

    /// <summary>A printout in parts: the title's parts, the printed row and column indices, and the cells.</summary>
    /// <param name="Title">The title's parts, joined with " · " when printed.</param>
    /// <param name="Rows">The printed row indices, <see cref="PrintedGap"/> where rows are left out.</param>
    /// <param name="Cols">The printed column indices, <see cref="PrintedGap"/> where columns are left out.</param>
    /// <param name="Data">The values, formatted, one array per printed row ("…" in a gap).</param>
    /// <param name="Grad">The gradients, formatted likewise; null when the tensor does not require grad.</param>
    internal sealed record Printout(IReadOnlyList<string> Title, int[] Rows, int[] Cols, string[][] Data, string[][]? Grad);
}
