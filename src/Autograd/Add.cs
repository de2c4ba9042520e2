namespace Autograd;

/// <summary>The sum x + y, as a node of the graph. <c>x + y</c> builds one too.</summary>
public sealed class Add : Scalar
{
    /// <summary>Builds x + y and computes its value.</summary>
    public Add(Scalar x, Scalar y, string? label = null)
        : base(x.Value + y.Value, x, y)
    {
        Label = label;
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(x + y)/dx = 1 and d(x + y)/dy = 1: the gradient passes to both inputs unchanged.
        AccumulateGrad(Inputs[0], Grad);
        AccumulateGrad(Inputs[1], Grad);
    }
}
