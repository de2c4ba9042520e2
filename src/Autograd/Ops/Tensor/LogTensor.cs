using Autograd.Kernels;

namespace Autograd.Ops;

/// <summary>The natural logarithm of every element: -∞ at 0 and NaN below, as IEEE 754 says. <c>x.Log()</c> builds one.</summary>
public sealed class LogTensor : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public LogTensor(Tensor x, string? label = null)
        : base(SameShape(x), label, x)
    {
        Transcendental.Log(x.Values, Values);
    }

    /// <summary>The input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    private protected override string OpName => "Log";

    internal override void PropagateGrad()
    {
        // d(log x)/dx = 1/x (+∞ at 0, as PyTorch gives).
        if (X.RequiresGrad)
        {
            Elementwise.LogBackward(X.Values, GradValues, X.GradValues);
        }
    }
}
