namespace Autograd.Ops;

/// <summary>-x. <c>-x</c> builds one.</summary>
public sealed class Neg : Scalar
{
    /// <summary>Builds the node and computes its value.</summary>
    public Neg(Scalar x, string? label = null)
        : base(label, x)
    {
        SetValue(-x.Value);
    }

    /// <summary>The input.</summary>
    public Scalar X => Input(0);

    internal override void PropagateGrad()
    {
        // d(-x)/dx = -1.
        AccumulateGrad(X, -Grad);
    }
}
