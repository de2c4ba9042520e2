using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops;

/// <summary>
/// Elementwise X - Y, where Y has X's shape or is one row taken from every row of X. <c>x - y</c> builds one.
/// </summary>
public sealed class ElementwiseSub : Tensor
{
    /// <summary>Builds X - Y and computes its value.</summary>
    /// <exception cref="ArgumentException">Y is neither X's shape nor a row as wide as X.</exception>
    public ElementwiseSub(Tensor x, Tensor y, string? label = null)
        : base(ElementwiseShape(x, y, "Sub", "-"), label, x, y)
    {
        int width = y.Values.Length;
        for (int start = 0; start < Values.Length; start += width)
        {
            TP.Subtract(x.Values.AsSpan(start, width), y.Values, Values.AsSpan(start, width));
        }
    }

    /// <summary>The left input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    /// <summary>The right input: X's shape, or one row.</summary>
    public Tensor Y => (Tensor)GetInput(1);

    private protected override string OpName => "Sub";

    internal override void PropagateGrad()
    {
        // d(x - y)/dx = 1 and d(x - y)/dy = -1.
        if (X.RequiresGrad)
        {
            TP.Add(X.GradValues, GradValues, X.GradValues);
        }

        if (Y.RequiresGrad)
        {
            Elementwise.SubtractRows(GradValues, Y.GradValues);
        }
    }
}
