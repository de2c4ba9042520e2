using Autograd.Kernels;

namespace Autograd.Ops;

/// <summary>The natural logarithm ln x: -∞ at 0 and NaN for negative x, as IEEE 754 says. <c>x.Log()</c> builds one.</summary>
public sealed class Log : Scalar
{
    /// <summary>Builds the node and computes its value.</summary>
    public Log(Scalar x, string? label = null)
        : base(label, x)
    {
        SetValue(Transcendental.Log(x.Value));
    }

    /// <summary>The input.</summary>
    public Scalar X => Input(0);

    internal override void PropagateGrad()
    {
        // d(ln x)/dx = 1/x (∞ at 0, as PyTorch gives).
        AccumulateGrad(X, Grad / X.Value);
    }
}
