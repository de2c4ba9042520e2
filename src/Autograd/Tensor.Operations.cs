using TensorOps = Autograd.Ops.Tensors;

namespace Autograd;

/// <summary>The operations on tensors: each builds one node from <see cref="Autograd.Ops.Tensors"/>.</summary>
public partial class Tensor
{
    /// <summary>The matrix product this · <paramref name="other"/>: (m×k)·(k×n) gives m×n.</summary>
    /// <exception cref="ArgumentException">The inner sizes differ, or the result would be too large for one array.</exception>
    public Tensor MatMul(Tensor other) => new TensorOps.MatMul(this, other);

    /// <summary>max(0, x) for each element; its gradient is 0 at x = 0, as in PyTorch.</summary>
    public Tensor Relu() => new TensorOps.Relu(this);

    /// <summary>The hyperbolic tangent of each element.</summary>
    public Tensor Tanh() => new TensorOps.Tanh(this);

    /// <summary>The logistic function 1 / (1 + e^-x) of each element.</summary>
    public Tensor Sigmoid() => new TensorOps.Sigmoid(this);

    /// <summary>e raised to each element.</summary>
    public Tensor Exp() => new TensorOps.Exp(this);

    /// <summary>The natural logarithm of each element: -∞ at 0 and NaN below it, as IEEE 754 says.</summary>
    public Tensor Log() => new TensorOps.Log(this);

    /// <summary>
    /// The softmax of each row: e^x / Σ e^x, so each row becomes positive numbers that sum to 1. Computed stably:
    /// the row's maximum is subtracted first, so logits such as 1000 do not overflow.
    /// </summary>
    public Tensor Softmax() => new TensorOps.Softmax(this);

    /// <summary>The sum of every element, as a 1×1 tensor.</summary>
    public Tensor Sum() => new TensorOps.Sum(this);

    /// <summary>The mean of every element, as a 1×1 tensor.</summary>
    public Tensor Mean() => new TensorOps.Mean(this);

    /// <summary>The transpose: element (r, c) of the result is element (c, r) of this tensor.</summary>
    public Tensor Transpose() => new TensorOps.Transpose(this);

    /// <summary>The column of the largest element of each row (the first, if tied), such as a predicted class.</summary>
    public int[] ArgMax()
    {
        var result = new int[Rows];
        BeginUse();
        for (int r = 0; r < Rows; r++)
        {
            var row = Values.AsSpan(Cols * r, Cols);
            int best = 0;
            for (int c = 1; c < row.Length; c++)
            {
                // NaN counts as the largest, as in PyTorch, so a broken row is noticed rather than hidden.
                if (row[c] > row[best] || (double.IsNaN(row[c]) && !double.IsNaN(row[best])))
                {
                    best = c;
                }
            }

            result[r] = best;
        }

        EndUse();
        return result;
    }

    /// <summary>A copy of the values as a new leaf that does not require grad: the graph stops here.</summary>
    public Tensor Detach()
    {
        var copy = new Tensor(Rows, Cols, requiresGrad: false) { Label = Label };
        BeginUse();
        Values.CopyTo(copy.Values, 0);
        EndUse();
        return copy;
    }

    /// <summary>
    /// Elementwise x + y, where y has x's shape or is a 1×n row added to every row of x (a bias). Builds an
    /// <see cref="TensorOps.Add"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit.</exception>
    public static Tensor operator +(Tensor x, Tensor y) => new TensorOps.Add(x, y);

    /// <summary>Elementwise x - y, where y has x's shape or is a 1×n row taken from every row of x.</summary>
    /// <exception cref="ArgumentException">The shapes do not fit.</exception>
    public static Tensor operator -(Tensor x, Tensor y) => new TensorOps.Sub(x, y);

    /// <summary>Elementwise x · y (not the matrix product: see <see cref="MatMul"/>), where y has x's shape or is a 1×n row.</summary>
    /// <exception cref="ArgumentException">The shapes do not fit.</exception>
    public static Tensor operator *(Tensor x, Tensor y) => new TensorOps.Mul(x, y);

    /// <summary>Adds a constant to every element.</summary>
    public static Tensor operator +(Tensor x, double c) => new TensorOps.AddConstant(x, c);

    /// <summary>Adds a constant to every element.</summary>
    public static Tensor operator +(double c, Tensor x) => new TensorOps.AddConstant(x, c);

    /// <summary>Subtracts a constant from every element.</summary>
    public static Tensor operator -(Tensor x, double c) => new TensorOps.SubConstant(x, c);

    /// <summary>Subtracts every element from a constant.</summary>
    public static Tensor operator -(double c, Tensor x) => new TensorOps.SubFromConstant(c, x);

    /// <summary>Multiplies every element by a constant.</summary>
    public static Tensor operator *(Tensor x, double c) => new TensorOps.MulConstant(x, c);

    /// <summary>Multiplies every element by a constant.</summary>
    public static Tensor operator *(double c, Tensor x) => new TensorOps.MulConstant(x, c);

    /// <summary>The shape of x ⊕ y for an elementwise op, checked before any work: x's shape, if y fits it.</summary>
    private protected static (int Rows, int Cols) ElementwiseShape(Tensor x, Tensor y, string op, string symbol)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        bool sameShape = x.Rows == y.Rows && x.Cols == y.Cols;
        bool row = y.Rows == 1 && y.Cols == x.Cols;
        if (!sameShape && !row)
        {
            throw new ArgumentException(
                $"{op}: ({x.Shape}) {symbol} ({y.Shape}), shapes differ; the right operand must be {x.Shape}, " +
                $"or a 1×{x.Cols} row that is used for every row.");
        }

        return (x.Rows, x.Cols);
    }

    /// <summary>The shape of a reduction to one number, 1×1, after checking its input is there.</summary>
    private protected static (int Rows, int Cols) OneByOne(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return (1, 1);
    }

    /// <summary>The shape of an op whose result has its input's shape.</summary>
    private protected static (int Rows, int Cols) SameShape(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return (x.Rows, x.Cols);
    }
}
