using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops.Tensors;

/// <summary>
/// Elementwise X + Y, where Y has X's shape or is one row added to every row of X (a bias). <c>x + y</c> builds one.
/// </summary>
public sealed class Add : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    /// <exception cref="ArgumentException">Y is neither X's shape nor a row as wide as X.</exception>
    public Add(Tensor x, Tensor y, string? label = null)
        : base(ElementwiseShape(x, y, "Add", "+"), x, y)
    {
        Label = label;

        // Y's data covers X once (same shape) or once per row (a broadcast row).
        var left = DataOf(x);
        var right = DataOf(y);
        var result = DataOf(this);
        for (int start = 0; start < result.Length; start += right.Length)
        {
            TP.Add(left.Slice(start, right.Length), right, result.Slice(start, right.Length));
        }
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(x + y)/dx = d(x + y)/dy = 1; a broadcast row was used by every row, so it collects every row's share.
        var x = Inputs[0];
        var y = Inputs[1];
        if (x.RequiresGrad)
        {
            TP.Add(GradOf(x), GradOf(this), GradOf(x));
        }

        if (y.RequiresGrad)
        {
            Elementwise.AddRows(GradOf(this), GradOf(y));
        }
    }
}
