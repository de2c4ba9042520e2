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
        int width = y.Values.Length;
        for (int start = 0; start < Values.Length; start += width)
        {
            TP.Multiply(x.Values.AsSpan(start, width), y.Values, Values.AsSpan(start, width));
        }
    }

    /// <summary>The left input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    /// <summary>The right input: X's shape, or one row.</summary>
    public Tensor Y => (Tensor)GetInput(1);

    private protected override string OpName => "Mul";

    internal override void PropagateGrad()
    {
        // d(x·y)/dx = y and d(x·y)/dy = x, element by element.
        int width = Y.Values.Length;
        if (X.RequiresGrad)
        {
            for (int start = 0; start < Values.Length; start += width)
            {
                var dx = X.GradValues.AsSpan(start, width);
                TP.MultiplyAdd(GradValues.AsSpan(start, width), Y.Values, dx, dx);
            }
        }

        if (Y.RequiresGrad)
        {
            Elementwise.AddRowProducts(GradValues, X.Values, Y.GradValues);
        }
    }
}
