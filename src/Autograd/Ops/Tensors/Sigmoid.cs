using Autograd.Kernels;

namespace Autograd.Ops.Tensors;

/// <summary>The logistic function 1 / (1 + e^-x) of every element. <c>x.Sigmoid()</c> builds one.</summary>
public sealed class Sigmoid : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public Sigmoid(Tensor x, string? label = null)
        : base(SameShape(x), x)
    {
        Label = label;
        Transcendental.Sigmoid(DataOf(x), DataOf(this));
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(σ(x))/dx = σ(x)·(1 - σ(x)), written with this node's own values.
        var x = Inputs[0];
        if (x.RequiresGrad)
        {
            Elementwise.SigmoidBackward(DataOf(this), GradOf(this), GradOf(x));
        }
    }
}
