namespace Autograd.Ops;

/// <summary>The quotient x / y. <c>x / y</c> builds one.</summary>
public sealed class Div : Scalar
{
    /// <summary>Builds x / y and computes its value (±∞ or NaN when y is 0, as IEEE 754 says).</summary>
    public Div(Scalar x, Scalar y, string? label = null)
        : base(x.Value / y.Value, x, y)
    {
        Label = label;
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(x/y)/dx = 1/y and d(x/y)/dy = -x/y², written as -(x/y)/y with this node's own value.
        var y = Inputs[1];
        AccumulateGrad(Inputs[0], Grad / y.Value);
        AccumulateGrad(y, -Value / y.Value * Grad);
    }
}
