using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops.Tensors;

/// <summary>c - X for every element of X, with a constant c. <c>1 - x</c> builds one.</summary>
public sealed class SubFromConstant : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public SubFromConstant(double c, Tensor x, string? label = null)
        : base(SameShape(x), x)
    {
        C = c;
        Label = label;
        TP.Subtract(c, DataOf(x), DataOf(this));
    }

    /// <summary>The constant.</summary>
    public double C { get; }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(c - x)/dx = -1.
        var x = Inputs[0];
        if (x.RequiresGrad)
        {
            TP.Subtract(GradOf(x), GradOf(this), GradOf(x));
        }
    }
}
