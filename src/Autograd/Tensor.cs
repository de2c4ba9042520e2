using Autograd.Kernels;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd;

/// <summary>
/// A matrix of <see cref="Rows"/> × <see cref="Cols"/> numbers in a computation graph, with the gradient that flows
/// back into it. The numbers are one flat array in row-major order: element (r, c) is <c>Data[Cols * r + c]</c>.
/// </summary>
/// <remarks>
/// <para>
/// A tensor made with <c>new Tensor(rows, cols)</c> (or <see cref="Zeros"/>, <see cref="Ones"/>, <see cref="Randn"/>)
/// is a leaf: an input or a parameter. Every operation (<c>a.MatMul(b)</c>, <c>a + b</c>, <c>a.Tanh()</c>, ...)
/// returns a new tensor that remembers its inputs and the rule that sends its gradient back to them, so
/// <see cref="Backward()"/> reaches every leaf. The same engine drives <see cref="Scalar"/>, with the same rules:
/// leaf gradients accumulate across passes, interior gradients restart from zero on each pass, and a tensor with
/// <see cref="Node.RequiresGrad"/> off receives nothing.
/// </para>
/// </remarks>
public partial class Tensor : Node
{
    private readonly double[] data;
    private readonly BufferPool.Lease? dataLease;
    private double[]? grad;
    private BufferPool.Lease? gradLease;
    private double[]? gradBeforePass;
    private bool hasGradBeforePass;

    // True while the gradient is known to hold only zeros (just allocated or cleared, and not handed out since), so a
    // leaf's pass need not scan it for something to set aside: a parameter after ZeroGrad(), every training step.
    private bool gradKnownZero;

    /// <summary>Makes a leaf of zeros: an input or a parameter of the graph. Fill it with <see cref="SetFrom"/>.</summary>
    /// <param name="rows">The number of rows, at least 1.</param>
    /// <param name="cols">The number of columns, at least 1.</param>
    /// <param name="requiresGrad">Whether gradients flow into this leaf; turn it off for data and frozen weights.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or the tensor would be too large.</exception>
    public Tensor(int rows, int cols, bool requiresGrad = true)
        : base(requiresGrad, null)
    {
        CheckSize(rows, cols, nameof(Tensor));
        Rows = rows;
        Cols = cols;
        data = new double[rows * cols];
    }

    /// <summary>
    /// Makes the result of an operation on one input, with the given shape. <see cref="Data"/> starts uninitialised
    /// (an operation's result can be megabytes, and zeroing it first would cost a pass over memory): the operation's
    /// constructor must write every element.
    /// </summary>
    private protected Tensor((int Rows, int Cols) shape, string? label, Tensor x)
        : base(label, x)
    {
        CheckResultSize(shape);
        (Rows, Cols) = shape;
        data = BufferPool.Rent(Rows * Cols, this, out dataLease);
    }

    /// <summary>Makes the result of an operation on two inputs, with the given shape; the operation writes every element.</summary>
    private protected Tensor((int Rows, int Cols) shape, string? label, Tensor x, Tensor y)
        : base(label, x, y)
    {
        CheckResultSize(shape);
        (Rows, Cols) = shape;
        data = BufferPool.Rent(Rows * Cols, this, out dataLease);
    }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>The number of columns.</summary>
    public int Cols { get; }

    /// <summary>
    /// The numbers, row after row: element (r, c) is at <c>Cols * r + c</c>. An operation's numbers are computed when
    /// it is built; changing a leaf's numbers afterwards does not update results already built from it.
    /// </summary>
    public double[] Data
    {
        get
        {
            dataLease?.Keep();
            return data;
        }
    }

    /// <summary>
    /// The same array as <see cref="Data"/>, for the library's own code: reading it this way leaves the array free to
    /// be recycled once this tensor is unreachable (see <see cref="BufferPool"/>), which the public getter does not.
    /// </summary>
    internal double[] Values => data;

    /// <summary>
    /// d(output)/d(each element) from the latest <see cref="Backward()"/>, in the same layout as <see cref="Data"/>
    /// (accumulated over passes on leaves).
    /// </summary>
    public double[] Grad
    {
        get
        {
            var values = GradValues;
            gradLease?.Keep();
            gradKnownZero = false;
            return values;
        }
    }

    /// <summary>The same array as <see cref="Grad"/>, for the library's own code (see <see cref="Values"/>).</summary>
    internal double[] GradValues => grad ??= NewGrad();

    /// <summary>The tensors this one was computed from; empty for a leaf.</summary>
    public IReadOnlyList<Tensor> Inputs => InputCount switch
    {
        0 => [],
        1 => [(Tensor)GetInput(0)],
        _ => [(Tensor)GetInput(0), (Tensor)GetInput(1)],
    };

    /// <summary>The shape as text, such as <c>2×3</c>.</summary>
    internal string Shape => $"{Rows}×{Cols}";

    /// <summary>Element (<paramref name="row"/>, <paramref name="col"/>), which is <c>Data[Cols * row + col]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index lies outside the shape.</exception>
    /// <exception cref="InvalidOperationException">Set on a tensor that is not a leaf.</exception>
    [IndexerName("Element")]
    public double this[int row, int col]
    {
        get => Values[Index(row, col)];
        set
        {
            int index = Index(row, col);
            CheckLeaf("the indexer");
            Values[index] = value;
        }
    }

    /// <summary>A tensor of zeros.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="cols">The number of columns.</param>
    /// <param name="requiresGrad">Whether gradients flow into it; off by default, as in PyTorch.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or the tensor would be too large.</exception>
    public static Tensor Zeros(int rows, int cols, bool requiresGrad = false)
    {
        CheckSize(rows, cols, nameof(Zeros));
        return new(rows, cols, requiresGrad);
    }

    /// <summary>A tensor of ones.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="cols">The number of columns.</param>
    /// <param name="requiresGrad">Whether gradients flow into it; off by default, as in PyTorch.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or the tensor would be too large.</exception>
    public static Tensor Ones(int rows, int cols, bool requiresGrad = false)
    {
        CheckSize(rows, cols, nameof(Ones));
        var t = new Tensor(rows, cols, requiresGrad);
        Array.Fill(t.Values, 1.0);
        return t;
    }

    /// <summary>A tensor of independent normal samples with mean 0 and standard deviation <paramref name="std"/>.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="cols">The number of columns.</param>
    /// <param name="rng">The generator to draw from; <see langword="null"/> draws from <see cref="Rng.Default"/>.</param>
    /// <param name="std">The standard deviation, a finite number ≥ 0 (0 gives zeros).</param>
    /// <param name="requiresGrad">Whether gradients flow into it; off by default, as in PyTorch.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A size is below 1, the tensor would be too large, or the standard deviation is negative, infinite or NaN.
    /// </exception>
    public static Tensor Randn(int rows, int cols, Random? rng = null, double std = 1, bool requiresGrad = false)
    {
        CheckSize(rows, cols, nameof(Randn));
        if (!(std >= 0) || double.IsPositiveInfinity(std))
        {
            throw new ArgumentOutOfRangeException(
                nameof(std), std, $"Randn: the standard deviation must be a finite number ≥ 0, got {std}.");
        }

        var t = new Tensor(rows, cols, requiresGrad);
        rng ??= Rng.Default;

        // Box–Muller: two uniform numbers give two independent normal ones.
        var data = t.Values;
        for (int i = 0; i < data.Length; i += 2)
        {
            double radius = std * Math.Sqrt(-2 * Transcendental.Log(1 - rng.NextDouble()));
            double angle = 2 * Math.PI * rng.NextDouble();
            data[i] = radius * Transcendental.Cos(angle);
            if (i + 1 < data.Length)
            {
                data[i + 1] = radius * Transcendental.Sin(angle);
            }
        }

        return t;
    }

    /// <summary>Copies <paramref name="values"/>, given row after row, into this leaf.</summary>
    /// <exception cref="ArgumentException">The number of values is not <c>Rows * Cols</c>.</exception>
    /// <exception cref="InvalidOperationException">This tensor is not a leaf.</exception>
    public void SetFrom(ReadOnlySpan<double> values)
    {
        if (values.Length != Values.Length)
        {
            throw new ArgumentException(
                $"SetFrom: {values.Length} values given for a {Shape} tensor, which holds {Values.Length}.", nameof(values));
        }

        CheckLeaf(nameof(SetFrom));
        values.CopyTo(Values);
    }

    /// <summary>The value of a 1×1 tensor, such as a loss.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not 1×1.</exception>
    public double Item()
    {
        if (Values.Length != 1)
        {
            throw new InvalidOperationException($"Item: the tensor is {Shape}; Item() needs a 1×1 tensor.");
        }

        return Values[0];
    }

    /// <summary>
    /// Back-propagates from this 1×1 result (a loss): its gradient is seeded with 1, then every tensor it depends on
    /// receives d(this)/d(tensor), each node visited once, in reverse topological order.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor is not 1×1, or nothing it depends on requires grad.</exception>
    public void Backward()
    {
        if (Values.Length != 1)
        {
            throw new InvalidOperationException(
                $"Backward: the result is {Shape}; Backward() seeds a 1×1 result with 1. " +
                $"Reduce it first (Sum(), Mean()) or pass the output gradient: Backward(seed) with a {Shape} seed.");
        }

        Engine.Backward(this, () => GradValues[0] += 1, nameof(Backward));
    }

    /// <summary>
    /// Back-propagates from this result with an explicit output gradient: d(loss)/d(this), of the same shape. With a
    /// seed of ones this is the JavaScript post's <c>mult.grad(ones); mult.backward()</c>.
    /// </summary>
    /// <param name="seed">The gradient of this result; it is added to <see cref="Grad"/> before the pass.</param>
    /// <exception cref="ArgumentException">The seed's shape differs from this tensor's.</exception>
    /// <exception cref="InvalidOperationException">Nothing this tensor depends on requires grad.</exception>
    public void Backward(Tensor seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (seed.Rows != Rows || seed.Cols != Cols)
        {
            throw new ArgumentException(
                $"Backward: the seed is {seed.Shape} but the result is {Shape}; they must have the same shape.", nameof(seed));
        }

        Engine.Backward(this, () => TP.Add(GradValues, seed.Values, GradValues), nameof(Backward));
    }

    internal override void PropagateGrad()
    {
        // A leaf has no rule; operations override this.
    }

    /// <summary>
    /// A gradient of zeros: a new array for a leaf (a parameter keeps its gradient for good), and for an operation's
    /// result a recycled one when the pool has it.
    /// </summary>
    private double[] NewGrad()
    {
        if (IsLeaf)
        {
            return new double[data.Length];
        }

        var zeros = BufferPool.Rent(data.Length, this, out gradLease);
        Array.Clear(zeros);
        return zeros;
    }

    internal override void ClearGrad()
    {
        if (grad is not null)
        {
            Array.Clear(grad);
            gradKnownZero = true;
        }
    }

    internal override void BeginLeafPass()
    {
        // A gradient of zeros (the usual case in a training loop, after ZeroGrad) needs nothing set aside.
        hasGradBeforePass = grad is not null && !gradKnownZero && grad.Any(g => g != 0);
        if (hasGradBeforePass && grad is not null)
        {
            gradBeforePass ??= new double[grad.Length];
            grad.CopyTo(gradBeforePass, 0);
            Array.Clear(grad);
        }
    }

    internal override void EndLeafPass()
    {
        gradKnownZero = false;
        if (hasGradBeforePass)
        {
            TP.Add(GradValues, gradBeforePass, GradValues);
        }
    }

    /// <summary>The most elements whose values a graph picture shows; larger tensors show their shape only.</summary>
    internal const int PictureValueLimit = 6;

    /// <summary>The shape, and for a small tensor its values and gradients, rows separated by semicolons.</summary>
    internal override IReadOnlyList<string> PictureLines()
    {
        if (Values.Length > PictureValueLimit)
        {
            return [Shape];
        }

        return [Shape, $"value {Inline(Values)}", $"grad {Inline(GradValues)}"];
    }

    /// <summary>
    /// A readable printout: the shape, the operation or label, then the values and gradients row by row, numbers
    /// rounded to 6 significant digits. Large tensors show their corners, with … for what is left out.
    /// </summary>
    public override string ToString()
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

    private int Index(int row, int col)
    {
        if ((uint)row >= (uint)Rows || (uint)col >= (uint)Cols)
        {
            throw new ArgumentOutOfRangeException(
                row < 0 || row >= Rows ? nameof(row) : nameof(col),
                $"Index ({row}, {col}) is outside the {Shape} tensor: rows run 0 to {Rows - 1}, columns 0 to {Cols - 1}.");
        }

        return (Cols * row) + col;
    }

    private void CheckLeaf(string what)
    {
        if (!IsLeaf)
        {
            throw new InvalidOperationException(
                $"{what} can only change a leaf; this tensor is the result of {Op} and is recomputed by building the graph again.");
        }
    }

    /// <summary>
    /// Refuses a shape that is empty or holds more elements than the longest array .NET allows
    /// (<see cref="Array.MaxLength"/>), before anything is allocated; <paramref name="method"/> names the caller.
    /// </summary>
    private static void CheckSize(int rows, int cols, string method)
    {
        if (rows < 1 || cols < 1)
        {
            throw new ArgumentOutOfRangeException(
                rows < 1 ? nameof(rows) : nameof(cols), $"{method}: a {rows}×{cols} shape is empty; rows and cols must be at least 1.");
        }

        if (IsTooLarge(rows, cols))
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"{method}: a {rows}×{cols} tensor {TooLargeText(rows, cols)}");
        }
    }

    /// <summary>
    /// The same check for an operation's result, whose shape the operation computed from its inputs: a bug in an
    /// operation, not the caller's mistake, if it ever fires (each operation checks its own shapes first).
    /// </summary>
    private void CheckResultSize((int Rows, int Cols) shape)
    {
        if (shape.Rows < 1 || shape.Cols < 1 || IsTooLarge(shape.Rows, shape.Cols))
        {
            throw new ArgumentException(
                $"{OpName}: the result would be {shape.Rows}×{shape.Cols}, which no tensor can be (at least 1×1, at most {Array.MaxLength:N0} elements).");
        }
    }

    /// <summary>Whether rows × cols (computed without overflowing) is more than one array can hold.</summary>
    private protected static bool IsTooLarge(int rows, int cols) => (long)rows * cols > Array.MaxLength;

    /// <summary>The end of the message for a shape that <see cref="IsTooLarge"/>: how many elements it would have, and the limit.</summary>
    private protected static string TooLargeText(int rows, int cols) =>
        $"would have {(long)rows * cols:N0} elements; the largest tensor holds {Array.MaxLength:N0}.";
}
