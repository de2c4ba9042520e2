using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops;

/// <summary>
/// Elementwise X + Y, where Y has X's shape or is one row added to every row of X (a bias). <c>x + y</c> builds one.
/// </summary>
public sealed class ElementwiseAdd : Tensor
{
    /// <summary>Builds X + Y and computes its value.</summary>
    /// <exception cref="ArgumentException">Y is neither X's shape nor a row as wide as X.</exception>
    public ElementwiseAdd(Tensor x, Tensor y, string? label = null)
        : base(ElementwiseShape(x, y, "Add", "+"), label, x, y)
    {

        // Y's data covers X once (same shape) or once per row (a broadcast row).
        int width = y.Values.Length;
        for (int start = 0; start < Values.Length; start += width)
        {
            TP.Add(x.Values.AsSpan(start, width), y.Values, Values.AsSpan(start, width));
        }
    }

    /// <summary>The left input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    /// <summary>The right input: X's shape, or one row.</summary>
    public Tensor Y => (Tensor)GetInput(1);

    private protected override string OpName => "Add";

    internal override void PropagateGrad()
    {
        // d(x + y)/dx = d(x + y)/dy = 1; a broadcast row was used by every row, so it collects every row's share.
        if (X.RequiresGrad)
        {
            TP.Add(X.GradValues, GradValues, X.GradValues);
        }

        if (Y.RequiresGrad)
        {
            Elementwise.AddRows(GradValues, Y.GradValues);
        }
    }
}
