using Autograd.Kernels;

namespace Autograd.Ops;

/// <summary>The logistic function σ(x) = 1 / (1 + e^-x). <c>x.Sigmoid()</c> builds one.</summary>
public sealed class Sigmoid : Scalar
{
    /// <summary>Builds the node and computes its value.</summary>
    public Sigmoid(Scalar x, string? label = null)
        : base(Transcendental.Sigmoid(x.Value), x)
    {
        Label = label;
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // dσ/dx = σ(x)·(1 - σ(x)), written with this node's own value.
        AccumulateGrad(Inputs[0], Value * (1 - Value) * Grad);
    }
}
