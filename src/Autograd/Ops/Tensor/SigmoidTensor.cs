using Autograd.Kernels;

namespace Autograd.Ops;

/// <summary>The logistic function 1 / (1 + e^-x) of every element. <c>x.Sigmoid()</c> builds one.</summary>
public sealed class SigmoidTensor : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public SigmoidTensor(Tensor x, string? label = null)
        : base(SameShape(x), label, x)
    {
        Transcendental.Sigmoid(x.Values, Values);
    }

    /// <summary>The input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    private protected override string OpName => "Sigmoid";

    internal override void PropagateGrad()
    {
        // d(σ(x))/dx = σ(x)·(1 - σ(x)), written with this node's own values.
        if (X.RequiresGrad)
        {
            Elementwise.SigmoidBackward(Values, GradValues, X.GradValues);
        }
    }
}
