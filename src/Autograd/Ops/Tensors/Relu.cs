using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops.Tensors;

/// <summary>max(0, x) for every element. <c>x.Relu()</c> builds one.</summary>
public sealed class Relu : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public Relu(Tensor x, string? label = null)
        : base(SameShape(x), x)
    {
        Label = label;
        TP.Max(DataOf(x), 0.0, DataOf(this));
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(relu x)/dx is 1 where x > 0 and 0 elsewhere (0 at x = 0, as in PyTorch). A gradient still at zero is
        // written rather than added to.
        var x = Inputs[0];
        if (x.RequiresGrad)
        {
            var dx = GradToOverwrite(x, out bool dxIsZero);
            Elementwise.ReluBackward(DataOf(this), GradOf(this), dx, accumulate: !dxIsZero);
        }
    }
}
