using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops;

/// <summary>max(0, x) for every element. <c>x.Relu()</c> builds one.</summary>
public sealed class ReluTensor : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public ReluTensor(Tensor x, string? label = null)
        : base(SameShape(x), label, x)
    {
        TP.Max(x.Values, 0.0, Values);
    }

    /// <summary>The input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    private protected override string OpName => "Relu";

    internal override void PropagateGrad()
    {
        // d(relu x)/dx is 1 where x > 0 and 0 elsewhere (0 at x = 0, as in PyTorch).
        if (X.RequiresGrad)
        {
            Elementwise.ReluBackward(Values, GradValues, X.GradValues);
        }
    }
}
