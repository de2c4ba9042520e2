using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops;

/// <summary>c · X for every element of X, with a constant c. <c>x * 2</c> and <c>2 * x</c> build one.</summary>
public sealed class MultiplyByConstant : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public MultiplyByConstant(Tensor x, double c, string? label = null)
        : base(SameShape(x), label, x)
    {
        C = c;
        TP.Multiply(x.Values, c, Values);
    }

    /// <summary>The input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    /// <summary>The constant.</summary>
    public double C { get; }

    private protected override string OpName => "Mul";

    internal override void PropagateGrad()
    {
        // d(c·x)/dx = c.
        if (X.RequiresGrad)
        {
            TP.MultiplyAdd(GradValues, C, X.GradValues, X.GradValues);
        }
    }
}
