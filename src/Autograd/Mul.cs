namespace Autograd;

/// <summary>The product x · y, as a node of the graph. <c>x * y</c> builds one too.</summary>
public sealed class Mul : Scalar
{
    /// <summary>Builds x · y and computes its value.</summary>
    public Mul(Scalar x, Scalar y, string? label = null)
        : base(x.Value * y.Value, x, y)
    {
        Label = label;
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(x·y)/dx = y and d(x·y)/dy = x: each input's gradient is the other input's value.
        var (x, y) = (Inputs[0], Inputs[1]);
        AccumulateGrad(x, y.Value * Grad);
        AccumulateGrad(y, x.Value * Grad);
    }
}
