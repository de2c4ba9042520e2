using Autograd.Kernels;

namespace Autograd.Ops;

/// <summary>The natural logarithm ln x: -∞ at 0 and NaN for negative x, as IEEE 754 says. <c>x.Log()</c> builds one.</summary>
public sealed class Log : Scalar
{
    /// <summary>Builds the node and computes its value.</summary>
    public Log(Scalar x, string? label = null)
        : base(Transcendental.Log(x.Value), x)
    {
        Label = label;
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(ln x)/dx = 1/x (∞ at 0, as PyTorch gives).
        AccumulateGrad(Inputs[0], Grad / Inputs[0].Value);
    }
}
