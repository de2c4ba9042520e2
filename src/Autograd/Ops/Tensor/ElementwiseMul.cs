using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops;

/// <summary>
/// Elementwise X ⊙ Y (not the matrix product), where Y has X's shape or is one row multiplying every row of X.
/// <c>x * y</c> builds one.
/// </summary>
public sealed class ElementwiseMul : Tensor
{
    /// <summary>Builds X ⊙ Y and computes its value.</summary>
    /// <exception cref="ArgumentException">Y is neither X's shape nor a row as wide as X.</exception>
    public ElementwiseMul(Tensor x, Tensor y, string? label = null)
        : base(ElementwiseShape(x, y, "Mul", "*"), label, x, y)
    {
        X = x;
        Y = y;
        int width = y.Data.Length;
        for (int start = 0; start < Data.Length; start += width)
        {
            TP.Multiply(x.Data.AsSpan(start, width), y.Data, Data.AsSpan(start, width));
        }
    }

    /// <summary>The left input.</summary>
    public Tensor X { get; }

    /// <summary>The right input: X's shape, or one row.</summary>
    public Tensor Y { get; }

    private protected override string OpName => "Mul";

    internal override void PropagateGrad()
    {
        // d(x·y)/dx = y and d(x·y)/dy = x, element by element.
        int width = Y.Data.Length;
        if (X.RequiresGrad)
        {
            for (int start = 0; start < Data.Length; start += width)
            {
                var dx = X.Grad.AsSpan(start, width);
                TP.MultiplyAdd(Grad.AsSpan(start, width), Y.Data, dx, dx);
            }
        }

        if (Y.RequiresGrad)
        {
            Elementwise.AddRowProducts(Grad, X.Data, Y.Grad);
        }
    }
}
