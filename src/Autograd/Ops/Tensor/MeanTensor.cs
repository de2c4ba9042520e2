using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops;

/// <summary>The mean of every element of X, as a 1×1 tensor. <c>x.Mean()</c> builds one.</summary>
public sealed class MeanTensor : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public MeanTensor(Tensor x, string? label = null)
        : base((1, 1), label, x)
    {
        Values[0] = Reductions.Sum(x.Values) / x.Values.Length;
    }

    /// <summary>The input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    private protected override string OpName => "Mean";

    internal override void PropagateGrad()
    {
        // Every element contributes with slope 1/n.
        if (X.RequiresGrad)
        {
            TP.Add(X.GradValues, GradValues[0] / X.Values.Length, X.GradValues);
        }
    }
}
