using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops.Tensors;

/// <summary>X + c for every element of X, with a constant c. <c>x + 2</c> and <c>2 + x</c> build one.</summary>
public sealed class AddConstant : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public AddConstant(Tensor x, double c, string? label = null)
        : base(SameShape(x), x)
    {
        C = c;
        Label = label;
        TP.Add(DataOf(x), c, DataOf(this));
    }

    /// <summary>The constant.</summary>
    public double C { get; }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(x + c)/dx = 1.
        var x = Inputs[0];
        if (x.RequiresGrad)
        {
            TP.Add(GradOf(x), GradOf(this), GradOf(x));
        }
    }
}
