using Autograd.Kernels;

namespace Autograd.Ops;

/// <summary>The transpose of X: element (r, c) of the result is X's element (c, r). <c>x.Transpose()</c> builds one.</summary>
public sealed class TransposeTensor : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public TransposeTensor(Tensor x, string? label = null)
        : base(Transposed(x), label, x)
    {
        Elementwise.Transpose(x.Values, Values, x.Rows, x.Cols, accumulate: false);
    }

    /// <summary>The input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    private protected override string OpName => "Transpose";

    internal override void PropagateGrad()
    {
        // Each element was only moved, so its gradient moves back: dX = (dY)ᵀ.
        if (X.RequiresGrad)
        {
            Elementwise.Transpose(GradValues, X.GradValues, Rows, Cols, accumulate: true);
        }
    }

    private static (int Rows, int Cols) Transposed(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return (x.Cols, x.Rows);
    }
}
