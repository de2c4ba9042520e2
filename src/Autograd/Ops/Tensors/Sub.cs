using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops.Tensors;

/// <summary>
/// Elementwise X - Y, where Y has X's shape or is one row taken from every row of X. <c>x - y</c> builds one.
/// </summary>
public sealed class Sub : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    /// <exception cref="ArgumentException">Y is neither X's shape nor a row as wide as X.</exception>
    public Sub(Tensor x, Tensor y, string? label = null)
        : base(ElementwiseShape(x, y, "Sub", "-"), x, y)
    {
        Label = label;

        // Y's data covers X once (same shape) or once per row (a broadcast row).
        var left = DataOf(x);
        var right = DataOf(y);
        var result = DataOf(this);
        for (int start = 0; start < result.Length; start += right.Length)
        {
            TP.Subtract(left.Slice(start, right.Length), right, result.Slice(start, right.Length));
        }
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(x - y)/dx = 1 and d(x - y)/dy = -1.
        var x = Inputs[0];
        var y = Inputs[1];
        if (x.RequiresGrad)
        {
            TP.Add(GradOf(x), GradOf(this), GradOf(x));
        }

        if (y.RequiresGrad)
        {
            Elementwise.SubtractRows(GradOf(this), GradOf(y));
        }
    }
}
