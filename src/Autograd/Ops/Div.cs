namespace Autograd.Ops;

/// <summary>The quotient x / y. <c>x / y</c> builds one.</summary>
public sealed class Div : Scalar
{
    /// <summary>Builds x / y and computes its value (±∞ or NaN when y is 0, as IEEE 754 says).</summary>
    public Div(Scalar x, Scalar y, string? label = null)
        : base(label, x, y)
    {
        SetValue(x.Value / y.Value);
    }

    /// <summary>The numerator.</summary>
    public Scalar X => Input(0);

    /// <summary>The denominator.</summary>
    public Scalar Y => Input(1);

    internal override void PropagateGrad()
    {
        // d(x/y)/dx = 1/y and d(x/y)/dy = -x/y², written as -(x/y)/y with this node's own value.
        AccumulateGrad(X, Grad / Y.Value);
        AccumulateGrad(Y, -Value / Y.Value * Grad);
    }
}
