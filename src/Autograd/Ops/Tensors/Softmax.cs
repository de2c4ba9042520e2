using Autograd.Kernels;

namespace Autograd.Ops.Tensors;

/// <summary>The softmax of each row, computed stably (the row's maximum is subtracted first). <c>x.Softmax()</c> builds one.</summary>
public sealed class Softmax : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public Softmax(Tensor x, string? label = null)
        : base(SameShape(x), x)
    {
        Label = label;
        Elementwise.SoftmaxRows(DataOf(x), DataOf(this), x.Cols);
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // dyᵢ/dxⱼ = yᵢ(δᵢⱼ - yⱼ), so dx = y ⊙ (dy - (dy·y)), row by row.
        var x = Inputs[0];
        if (x.RequiresGrad)
        {
            Elementwise.SoftmaxRowsBackward(DataOf(this), GradOf(this), GradOf(x), x.Cols);
        }
    }
}
