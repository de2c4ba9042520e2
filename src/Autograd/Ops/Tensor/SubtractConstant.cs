using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops;

/// <summary>X - c for every element of X, with a constant c. <c>x - 2</c> builds one.</summary>
public sealed class SubtractConstant : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public SubtractConstant(Tensor x, double c, string? label = null)
        : base(SameShape(x), label, x)
    {
        C = c;
        TP.Subtract(x.Values, c, Values);
    }

    /// <summary>The input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    /// <summary>The constant.</summary>
    public double C { get; }

    private protected override string OpName => "Sub";

    internal override void PropagateGrad()
    {
        // d(x - c)/dx = 1.
        if (X.RequiresGrad)
        {
            TP.Add(X.GradValues, GradValues, X.GradValues);
        }
    }
}
