using Autograd.Kernels;

namespace Autograd.Ops.Tensors;

/// <summary>
/// The matrix product C = X·Y: (m×k)·(k×n) gives m×n, with C[i, j] = Σₚ X[i, p]·Y[p, j].
/// <c>x.MatMul(y)</c> builds one. The arithmetic is in <see cref="Gemm"/>, whose plain reference (<c>Gemm.ProductReference</c>) is the triple loop the fast kernel must agree with.
/// </summary>
public sealed class MatMul : Tensor
{
    /// <summary>Builds X·Y and computes its value.</summary>
    /// <exception cref="ArgumentException">
    /// X's columns and Y's rows differ, or the m×n result would hold more elements than one array can.
    /// </exception>
    public MatMul(Tensor x, Tensor y, string? label = null)
        : base(ResultShape(x, y), x, y)
    {
        Label = label;
        Gemm.MatMul(DataOf(x), DataOf(y), DataOf(this), x.Rows, x.Cols, y.Cols);
    }

    /// <inheritdoc/>
    protected override void PropagateGrad() => PropagateProductGrad(Inputs[0], Inputs[1], GradOf(this));

    /// <summary>The rule of C = X·Y given dC, which <see cref="Affine"/> shares for its product.</summary>
    internal static void PropagateProductGrad(Tensor x, Tensor y, ReadOnlySpan<double> dc)
    {
        // C[i, j] += X[i, p]·Y[p, j] for every p, so each term sends dC[i, j]·Y[p, j] to X[i, p] and
        // dC[i, j]·X[i, p] to Y[p, j]. Summed over the other index: dX = dC·Yᵀ and dY = Xᵀ·dC.
        // A gradient still at zero (a parameter after ZeroGrad, an input used once) is written rather than added to.
        if (x.RequiresGrad)
        {
            var dx = GradToOverwrite(x, out bool dxIsZero);
            Gemm.AddTimesTransposed(dc, DataOf(y), dx, x.Rows, x.Cols, y.Cols, accumulate: !dxIsZero);
        }

        if (y.RequiresGrad)
        {
            var dy = GradToOverwrite(y, out bool dyIsZero);
            Gemm.AddTransposedTimes(DataOf(x), dc, dy, x.Rows, x.Cols, y.Cols, accumulate: !dyIsZero);
        }
    }

    private static (int Rows, int Cols) ResultShape(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Cols != y.Rows)
        {
            throw new ArgumentException(
                $"MatMul: ({x.Shape})·({y.Shape}), inner sizes {x.Cols} and {y.Rows} differ.");
        }

        if (IsTooLarge(x.Rows, y.Cols))
        {
            throw new ArgumentException($"MatMul: ({x.Shape})·({y.Shape}) {TooLargeText(x.Rows, y.Cols)}");
        }

        return (x.Rows, y.Cols);
    }
}
