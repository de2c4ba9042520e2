using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops;

/// <summary>e raised to every element. <c>x.Exp()</c> builds one.</summary>
public sealed class ExpTensor : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public ExpTensor(Tensor x, string? label = null)
        : base(SameShape(x), label, x)
    {
        Transcendental.Exp(x.Values, Values);
    }

    /// <summary>The input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    private protected override string OpName => "Exp";

    internal override void PropagateGrad()
    {
        // d(eˣ)/dx = eˣ, which is this node's own value.
        if (X.RequiresGrad)
        {
            TP.MultiplyAdd(Values, GradValues, X.GradValues, X.GradValues);
        }
    }
}
