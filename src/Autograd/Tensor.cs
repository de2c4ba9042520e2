using System.Runtime.CompilerServices;
using Autograd.Kernels;
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
    // The numbers, and (in Tensor.Bookkeeping.cs) what the engine needs to tell whether they changed since an
    // operation read them. How results are recycled is in Tensor.Lifetime.cs; printing in Tensor.Printing.cs.
    private readonly double[] data;
    private int version;
    private readonly int firstInputVersion;
    private readonly int[]? laterInputVersions;

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
    /// Makes the result of an operation on <paramref name="inputs"/> (one or more), with <paramref name="rows"/> ×
    /// <paramref name="cols"/> elements, all 0. The operation's constructor then fills <see cref="Data"/>, and it
    /// overrides <see cref="PropagateGrad"/> with its local rule, which adds into each input's <see cref="Grad"/>:
    /// <code>
    /// public sealed class Square : Tensor
    /// {
    ///     public Square(Tensor x) : base(x.Rows, x.Cols, x)
    ///     {
    ///         for (int i = 0; i &lt; Data.Length; i++) Data[i] = x.Data[i] * x.Data[i];
    ///     }
    ///
    ///     protected override void PropagateGrad()
    ///     {
    ///         var x = Inputs[0];
    ///         if (!x.RequiresGrad) return;
    ///         for (int i = 0; i &lt; Data.Length; i++) x.Grad[i] += 2 * x.Data[i] * Grad[i];
    ///     }
    /// }
    /// </code>
    /// The result requires grad when any input does, unless it is built inside <see cref="NoGrad.Scope"/>, where it
    /// records no inputs and is a leaf that does not require grad. Inside a <see cref="TensorScope"/>, arrays read
    /// through <see cref="Data"/> and <see cref="Grad"/> are handed to the caller and so never recycled; the
    /// library's own operations read them as spans with <see cref="DataOf"/> and <see cref="GradOf"/> instead, which
    /// leaves them to be recycled.
    /// </summary>
    /// <exception cref="ArgumentException">No input is given, or a size is below 1, or the tensor would be too large.</exception>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    protected Tensor(int rows, int cols, params ReadOnlySpan<Tensor> inputs)
        : this((rows, cols), inputs)
    {
        Array.Clear(data);
    }

    /// <summary>
    /// The same for the library's own operations, which compute and check their shape first and write every element
    /// of <see cref="Data"/>: the array starts with whatever it held (a result can be megabytes, and zeroing it first
    /// would cost a pass over memory).
    /// </summary>
    private protected Tensor((int Rows, int Cols) shape, params ReadOnlySpan<Tensor> inputs)
        : base(requiresGrad: false, label: null)
    {
        CheckResultSize(shape);
        RecordInputs(inputs);
        (Rows, Cols) = shape;

        // Each input stays in use while this result lives, since its rule reads them; and each input's version is
        // noted, so that a backward pass can tell it was changed in place afterwards.
        foreach (var input in inputs)
        {
            input.BeginUse();
        }

        if (!IsLeaf)
        {
            firstInputVersion = inputs[0].version;
            if (inputs.Length > 1)
            {
                laterInputVersions = new int[inputs.Length - 1];
                for (int i = 1; i < inputs.Length; i++)
                {
                    laterInputVersions[i - 1] = inputs[i].version;
                }
            }
        }

        (data, scoped) = NewResultArray(Rows * Cols);
    }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>The number of columns.</summary>
    public int Cols { get; }

    /// <summary>
    /// The numbers, row after row: element (r, c) is at <c>Cols * r + c</c>. An operation's numbers are computed when
    /// it is built; changing a leaf's numbers afterwards does not update results already built from it.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The tensor is a result of a <see cref="TensorScope"/> that has ended.</exception>
    public double[] Data
    {
        get
        {
            HandOut(DataHandedOut);
            return data;
        }
    }

    /// <summary>
    /// The same array as <see cref="Data"/>, for the library's own code, which reads it only while the tensor is in
    /// use (see <see cref="BeginUse"/>): reading it this way leaves the array free to be recycled when its
    /// <see cref="TensorScope"/> ends, which the public getter does not.
    /// </summary>
    internal double[] Values => data;

    /// <summary>
    /// How many times this tensor's numbers were changed in place (by <see cref="SetFrom"/>, the indexer, an optimizer's
    /// step or <c>Module.Load</c>). An operation notes its inputs' versions when it is built, and
    /// <see cref="Backward()"/> refuses to run when one has changed since: the gradient would mix old and new numbers.
    /// Writes through the <see cref="Data"/> array are not counted.
    /// </summary>
    public int Version => version;

    /// <summary>
    /// d(output)/d(each element) from the latest <see cref="Backward()"/>, in the same layout as <see cref="Data"/>
    /// (accumulated over passes on leaves).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The tensor is a result of a <see cref="TensorScope"/> that has ended.</exception>
    public double[] Grad
    {
        get
        {
            BeginUse();
            var values = GradToAdd;
            SetLifeFlag(GradHandedOut);
            gradHandedOut = true;
            EndUse();
            return values;
        }
    }

    /// <summary>The tensors this one was computed from; empty for a leaf.</summary>
    public InputList<Tensor> Inputs => new(this);

    /// <summary>The shape as text, such as <c>2×3</c>.</summary>
    internal string Shape => $"{Rows}×{Cols}";

    /// <summary>Element (<paramref name="row"/>, <paramref name="col"/>), which is <c>Data[Cols * row + col]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index lies outside the shape.</exception>
    /// <exception cref="InvalidOperationException">Set on a tensor that is not a leaf.</exception>
    [IndexerName("Element")]
    public double this[int row, int col]
    {
        get
        {
            int index = Index(row, col);
            BeginUse();
            double value = Values[index];
            EndUse();
            return value;
        }

        set
        {
            int index = Index(row, col);
            CheckLeaf("the indexer");
            Values[index] = value;
            version++;
        }
    }

    /// <summary>
    /// Opens a <see cref="TensorScope"/>: the results of operations built until it is disposed belong to it, and their
    /// arrays are recycled when it ends. Put one around each training step,
    /// <c>using (Tensor.Scope()) { ... }</c>, and keep what outlives the step with <see cref="Item"/> or
    /// <see cref="Detach"/>.
    /// </summary>
    public static TensorScope Scope() => TensorScope.Open();

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
        version++;
    }

    /// <summary>The value of a 1×1 tensor, such as a loss.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not 1×1.</exception>
    public double Item()
    {
        if (Values.Length != 1)
        {
            throw new InvalidOperationException($"Item: the tensor is {Shape}; Item() needs a 1×1 tensor.");
        }

        BeginUse();
        double value = Values[0];
        EndUse();
        return value;
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

        Engine.Backward(this, () => GradToAdd[0] += 1, nameof(Backward));
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

        seed.BeginUse();
        try
        {
            Engine.Backward(
                this,
                () =>
                {
                    var gradient = GradToAdd;
                    TP.Add(gradient, seed.Values, gradient);
                },
                nameof(Backward));
        }
        finally
        {
            seed.EndUse();
        }
    }

    /// <summary>The local rule of an operation (see the constructor for operations); a leaf has none.</summary>
    protected override void PropagateGrad()
    {
    }

    /// <summary>
    /// For an operation's own code: the numbers of <paramref name="tensor"/> (this result or one of its inputs), as a
    /// span over the same array <see cref="Data"/> returns. Unlike <see cref="Data"/>, it leaves the array free to be
    /// recycled when its <see cref="TensorScope"/> ends, so a span must not be kept beyond the constructor or the
    /// rule that asked for it (the compiler already keeps it from being stored in a field).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The tensor's arrays were already recycled.</exception>
    protected static Span<double> DataOf(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.ThrowIfRecycled();
        return tensor.data;
    }

    /// <summary>For an operation's own code: the gradient of <paramref name="tensor"/> as a span (see <see cref="DataOf"/>).</summary>
    /// <exception cref="ObjectDisposedException">The tensor's arrays were already recycled.</exception>
    protected static Span<double> GradOf(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.ThrowIfRecycled();
        return tensor.GradToAdd;
    }

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
    /// The same check for an operation's result, whose shape the operation computed from its inputs: for the
    /// library's operations a bug if it ever fires (each checks its own shapes first).
    /// </summary>
    private void CheckResultSize((int Rows, int Cols) shape)
    {
        if (shape.Rows < 1 || shape.Cols < 1 || IsTooLarge(shape.Rows, shape.Cols))
        {
            throw new ArgumentException(
                $"{GetType().Name}: the result would be {shape.Rows}×{shape.Cols}, which no tensor can be (at least 1×1, at most {Array.MaxLength:N0} elements).");
        }
    }

    /// <summary>Whether rows × cols (computed without overflowing) is more than one array can hold.</summary>
    private protected static bool IsTooLarge(int rows, int cols) => (long)rows * cols > Array.MaxLength;

    /// <summary>The end of the message for a shape that <see cref="IsTooLarge"/>: how many elements it would have, and the limit.</summary>
    private protected static string TooLargeText(int rows, int cols) =>
        $"would have {(long)rows * cols:N0} elements; the largest tensor holds {Array.MaxLength:N0}.";
}
