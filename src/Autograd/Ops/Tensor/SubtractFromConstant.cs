using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops;

/// <summary>c - X for every element of X, with a constant c. <c>1 - x</c> builds one.</summary>
public sealed class SubtractFromConstant : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public SubtractFromConstant(double c, Tensor x, string? label = null)
        : base(SameShape(x), label, x)
    {
        C = c;
        TP.Subtract(c, x.Values, Values);
    }

    /// <summary>The input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    /// <summary>The constant.</summary>
    public double C { get; }

    private protected override string OpName => "Sub";

    internal override void PropagateGrad()
    {
        // d(c - x)/dx = -1.
        if (X.RequiresGrad)
        {
            TP.Subtract(X.GradValues, GradValues, X.GradValues);
        }
    }
}
