using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops.Tensors;

/// <summary>c · X for every element of X, with a constant c. <c>x * 2</c> and <c>2 * x</c> build one.</summary>
public sealed class MulConstant : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public MulConstant(Tensor x, double c, string? label = null)
        : base(SameShape(x), x)
    {
        C = c;
        Label = label;
        TP.Multiply(DataOf(x), c, DataOf(this));
    }

    /// <summary>The constant.</summary>
    public double C { get; }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(c·x)/dx = c.
        var x = Inputs[0];
        if (x.RequiresGrad)
        {
            TP.MultiplyAdd(GradOf(this), C, GradOf(x), GradOf(x));
        }
    }
}
