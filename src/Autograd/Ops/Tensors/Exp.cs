using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops.Tensors;

/// <summary>e raised to every element. <c>x.Exp()</c> builds one.</summary>
public sealed class Exp : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public Exp(Tensor x, string? label = null)
        : base(SameShape(x), x)
    {
        Label = label;
        Transcendental.Exp(DataOf(x), DataOf(this));
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(eˣ)/dx = eˣ, which is this node's own value.
        var x = Inputs[0];
        if (x.RequiresGrad)
        {
            TP.MultiplyAdd(DataOf(this), GradOf(this), GradOf(x), GradOf(x));
        }
    }
}
