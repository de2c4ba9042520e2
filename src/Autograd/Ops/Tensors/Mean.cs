using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops.Tensors;

/// <summary>The mean of every element, as a 1×1 tensor. <c>x.Mean()</c> builds one.</summary>
public sealed class Mean : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public Mean(Tensor x, string? label = null)
        : base(OneByOne(x), x)
    {
        Label = label;
        var values = DataOf(x);
        DataOf(this)[0] = Reductions.Sum(values) / values.Length;
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // Every element contributes with slope 1/n.
        var x = Inputs[0];
        if (x.RequiresGrad)
        {
            double share = GradOf(this)[0] / (x.Rows * x.Cols);
            TP.Add(GradOf(x), share, GradOf(x));
        }
    }
}
