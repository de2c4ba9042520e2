using Autograd.Kernels;

namespace Autograd.Ops;

/// <summary>
/// The softmax of every row: yᵢ = e^xᵢ / Σⱼ e^xⱼ, computed after subtracting the row's maximum so that large logits
/// (1000, say) do not overflow. <c>x.Softmax()</c> builds one.
/// </summary>
public sealed class SoftmaxTensor : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public SoftmaxTensor(Tensor x, string? label = null)
        : base(SameShape(x), label, x)
    {
        Elementwise.SoftmaxRows(x.Values, Values, x.Cols);
    }

    /// <summary>The input: one row of logits per example.</summary>
    public Tensor X => (Tensor)GetInput(0);

    private protected override string OpName => "Softmax";

    internal override void PropagateGrad()
    {
        // dyᵢ/dxⱼ = yᵢ(δᵢⱼ - yⱼ), so dx = y ⊙ (dy - (dy·y)), row by row.
        if (X.RequiresGrad)
        {
            Elementwise.SoftmaxRowsBackward(Values, GradValues, X.GradValues, X.Cols);
        }
    }
}
