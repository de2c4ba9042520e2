using System.Globalization;
using System.Text;

namespace Autograd;

/// <summary>How a tensor prints and shows its numbers in graph pictures.</summary>
public partial class Tensor
{
    /// <summary>The most elements whose values a graph picture shows; larger tensors show their shape only.</summary>
    internal const int PictureValueLimit = 6;

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
    /// A readable printout: the shape, the operation or label, then the values and gradients row by row, numbers
    /// rounded to 6 significant digits. Large tensors show their corners, with … for what is left out.
    /// </summary>
    public override string ToString()
    {
        BeginUse();
        try
        {
            return Describe();
        }
        finally
        {
            EndUse();
        }
    }

    private string Describe()
    {
        var text = new StringBuilder($"Tensor({Shape}");
        if (Op is not null)
        {
            text.Append(", op=").Append(Op);
        }

        if (Label is not null)
        {
            text.Append(", label=").Append(Label);
        }

        if (!RequiresGrad)
        {
            text.Append(", requiresGrad=false");
        }

        text.AppendLine(")");
        AppendMatrix(text, "data ", Values);
        text.AppendLine();
        AppendMatrix(text, "grad ", GradValues);
        return text.ToString();
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

            text.Append(Format(values[i]));
        }

        return text.Append(']').ToString();
    }

    private void AppendMatrix(StringBuilder text, string title, double[] values)
    {
        const int Edge = 3;
        var rows = Shown(Rows, Edge);
        var cols = Shown(Cols, Edge);
        text.Append(title).Append('[');
        for (int i = 0; i < rows.Count; i++)
        {
            if (i > 0)
            {
                text.AppendLine(",").Append(' ', title.Length + 1);
            }

            if (rows[i] < 0)
            {
                text.Append('…');
                continue;
            }

            text.Append('[');
            for (int j = 0; j < cols.Count; j++)
            {
                if (j > 0)
                {
                    text.Append(", ");
                }

                text.Append(cols[j] < 0 ? "…" : Format(values[(Cols * rows[i]) + cols[j]]));
            }

            text.Append(']');
        }

        text.Append(']');
    }

    /// <summary>The indices to print along one side: all of them, or the first and last few with -1 for the gap.</summary>
    private static List<int> Shown(int count, int edge)
    {
        if (count <= (2 * edge) + 1)
        {
            return Enumerable.Range(0, count).ToList();
        }

        return [.. Enumerable.Range(0, edge), -1, .. Enumerable.Range(count - edge, edge)];
    }

    private static string Format(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
