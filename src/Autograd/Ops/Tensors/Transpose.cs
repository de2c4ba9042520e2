using Autograd.Kernels;

namespace Autograd.Ops.Tensors;

/// <summary>The transpose: element (r, c) of the result is element (c, r) of X. <c>x.Transpose()</c> builds one.</summary>
public sealed class Transpose : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public Transpose(Tensor x, string? label = null)
        : base(Transposed(x), x)
    {
        Label = label;
        Elementwise.Transpose(DataOf(x), DataOf(this), x.Rows, x.Cols, accumulate: false);
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // Each element was only moved, so its gradient moves back: dX = (dY)ᵀ.
        var x = Inputs[0];
        if (x.RequiresGrad)
        {
            Elementwise.Transpose(GradOf(this), GradOf(x), Rows, Cols, accumulate: true);
        }
    }

    private static (int Rows, int Cols) Transposed(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return (x.Cols, x.Rows);
    }
}
