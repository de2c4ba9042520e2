using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops.Tensors;

/// <summary>
/// Elementwise X ⊙ Y (not the matrix product), where Y has X's shape or is one row multiplying every row of X.
/// <c>x * y</c> builds one.
/// </summary>
public sealed class Mul : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    /// <exception cref="ArgumentException">Y is neither X's shape nor a row as wide as X.</exception>
    public Mul(Tensor x, Tensor y, string? label = null)
        : base(ElementwiseShape(x, y, "Mul", "*"), x, y)
    {
        Label = label;

        // Y's data covers X once (same shape) or once per row (a broadcast row).
        var left = DataOf(x);
        var right = DataOf(y);
        var result = DataOf(this);
        for (int start = 0; start < result.Length; start += right.Length)
        {
            TP.Multiply(left.Slice(start, right.Length), right, result.Slice(start, right.Length));
        }
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(x·y)/dx = y and d(x·y)/dy = x, element by element.
        var x = Inputs[0];
        var y = Inputs[1];
        if (x.RequiresGrad)
        {
            var grad = GradOf(this);
            var right = DataOf(y);
            var dx = GradOf(x);
            for (int start = 0; start < grad.Length; start += right.Length)
            {
                var dxPart = dx.Slice(start, right.Length);
                TP.MultiplyAdd(grad.Slice(start, right.Length), right, dxPart, dxPart);
            }
        }

        if (y.RequiresGrad)
        {
            Elementwise.AddRowProducts(GradOf(this), DataOf(x), GradOf(y));
        }
    }
}
