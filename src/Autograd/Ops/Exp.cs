using Autograd.Kernels;

namespace Autograd.Ops;

/// <summary>e^x. <c>x.Exp()</c> builds one.</summary>
public sealed class Exp : Scalar
{
    /// <summary>Builds the node and computes its value.</summary>
    public Exp(Scalar x, string? label = null)
        : base(Transcendental.Exp(x.Value), x)
    {
        Label = label;
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(e^x)/dx = e^x, which is this node's own value.
        AccumulateGrad(Inputs[0], Value * Grad);
    }
}
