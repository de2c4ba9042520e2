using Autograd.Kernels;

namespace Autograd.Ops;

/// <summary>The hyperbolic tangent. <c>x.Tanh()</c> builds one.</summary>
public sealed class Tanh : Scalar
{
    /// <summary>Builds the node and computes its value.</summary>
    public Tanh(Scalar x, string? label = null)
        : base(Transcendental.Tanh(x.Value), x)
    {
        Label = label;
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(tanh x)/dx = 1 - tanh²x, written with this node's own value.
        AccumulateGrad(Inputs[0], (1 - (Value * Value)) * Grad);
    }
}
