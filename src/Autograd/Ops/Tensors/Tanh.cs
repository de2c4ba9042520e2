using Autograd.Kernels;

namespace Autograd.Ops.Tensors;

/// <summary>The hyperbolic tangent of every element. <c>x.Tanh()</c> builds one.</summary>
public sealed class Tanh : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public Tanh(Tensor x, string? label = null)
        : base(SameShape(x), x)
    {
        Label = label;
        Transcendental.Tanh(DataOf(x), DataOf(this));
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(tanh x)/dx = 1 - tanh²x, written with this node's own values.
        var x = Inputs[0];
        if (x.RequiresGrad)
        {
            Elementwise.TanhBackward(DataOf(this), GradOf(this), GradOf(x));
        }
    }
}
