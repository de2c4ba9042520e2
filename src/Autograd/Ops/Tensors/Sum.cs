using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops.Tensors;

/// <summary>The sum of every element, as a 1×1 tensor. <c>x.Sum()</c> builds one.</summary>
public sealed class Sum : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public Sum(Tensor x, string? label = null)
        : base(OneByOne(x), x)
    {
        Label = label;
        DataOf(this)[0] = Reductions.Sum(DataOf(x));
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // Every element contributes with slope 1, so each receives the whole gradient.
        var x = Inputs[0];
        if (x.RequiresGrad)
        {
            TP.Add(GradOf(x), GradOf(this)[0], GradOf(x));
        }
    }
}
