namespace Autograd.Ops;

/// <summary>The difference x - y. <c>x - y</c> builds one.</summary>
public sealed class Sub : Scalar
{
    /// <summary>Builds x - y and computes its value.</summary>
    public Sub(Scalar x, Scalar y, string? label = null)
        : base(x.Value - y.Value, x, y)
    {
        Label = label;
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(x - y)/dx = 1 and d(x - y)/dy = -1.
        AccumulateGrad(Inputs[0], Grad);
        AccumulateGrad(Inputs[1], -Grad);
    }
}
