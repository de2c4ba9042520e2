using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops.Tensors;

/// <summary>
/// A fully connected layer's X·W + b as one node: (n×in)·(in×out), then the 1×out row b added to every row.
/// <see cref="NN.Linear"/> builds one. Its value and gradients have the bits of <c>x.MatMul(w) + b</c>, the two
/// nodes it replaces; as one node it keeps one result array instead of two, and its backward pass sends dY straight
/// to the three inputs instead of copying it from the sum to the product first.
/// </summary>
public sealed class Affine : Tensor
{
    /// <summary>Builds X·W + b and computes its value.</summary>
    /// <exception cref="ArgumentException">
    /// X's columns and W's rows differ, b is not one row as wide as W, or the result would be too large.
    /// </exception>
    public Affine(Tensor x, Tensor weight, Tensor bias, string? label = null)
        : base(ResultShape(x, weight, bias), x, weight, bias)
    {
        Label = label;
        var result = DataOf(this);
        var b = DataOf(bias);
        Gemm.MatMul(DataOf(x), DataOf(weight), result, x.Rows, x.Cols, weight.Cols);
        for (int start = 0; start < result.Length; start += b.Length)
        {
            var row = result.Slice(start, b.Length);
            TP.Add(row, b, row);
        }
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // The product's rule is MatMul's: dX = dY·Wᵀ and dW = Xᵀ·dY. b was added to every row, so db collects every
        // row of dY.
        var dy = GradOf(this);
        Ops.Tensors.MatMul.PropagateProductGrad(Inputs[0], Inputs[1], dy);
        var b = Inputs[2];
        if (b.RequiresGrad)
        {
            Elementwise.AddRows(dy, GradOf(b));
        }
    }

    private static (int Rows, int Cols) ResultShape(Tensor x, Tensor weight, Tensor bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        if (x.Cols != weight.Rows)
        {
            throw new ArgumentException(
                $"Affine: ({x.Shape})·({weight.Shape}), inner sizes {x.Cols} and {weight.Rows} differ.");
        }

        if (bias.Rows != 1 || bias.Cols != weight.Cols)
        {
            throw new ArgumentException(
                $"Affine: the bias is {bias.Shape}, but ({x.Shape})·({weight.Shape}) needs a 1×{weight.Cols} row.");
        }

        if (IsTooLarge(x.Rows, weight.Cols))
        {
            throw new ArgumentException($"Affine: ({x.Shape})·({weight.Shape}) {TooLargeText(x.Rows, weight.Cols)}");
        }

        return (x.Rows, weight.Cols);
    }
}
