using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops;

/// <summary>The sum of every element of X, as a 1×1 tensor. <c>x.Sum()</c> builds one.</summary>
public sealed class SumTensor : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public SumTensor(Tensor x, string? label = null)
        : base((1, 1), label, x)
    {
        Values[0] = Reductions.Sum(x.Values);
    }

    /// <summary>The input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    private protected override string OpName => "Sum";

    internal override void PropagateGrad()
    {
        // Every element contributes with slope 1, so each receives the whole gradient.
        if (X.RequiresGrad)
        {
            TP.Add(X.GradValues, GradValues[0], X.GradValues);
        }
    }
}
