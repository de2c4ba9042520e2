namespace Autograd.Ops;

/// <summary>-x. <c>-x</c> builds one.</summary>
public sealed class Neg : Scalar
{
    /// <summary>Builds the node and computes its value.</summary>
    public Neg(Scalar x, string? label = null)
        : base(-x.Value, x)
    {
        Label = label;
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(-x)/dx = -1.
        AccumulateGrad(Inputs[0], -Grad);
    }
}
