namespace Autograd;

/// <summary>The product x · y, as a node of the graph. <c>x * y</c> builds one too.</summary>
public sealed class Mul : Scalar
{
    /// <summary>Builds x · y and computes its value.</summary>
    public Mul(Scalar x, Scalar y, string? label = null)
        : base(label, x, y)
    {
        SetValue(x.Value * y.Value);
    }

    /// <summary>The left input.</summary>
    public Scalar X => Input(0);

    /// <summary>The right input.</summary>
    public Scalar Y => Input(1);

    internal override void PropagateGrad()
    {
        // d(x·y)/dx = y and d(x·y)/dy = x: each input's gradient is the other input's value.
        AccumulateGrad(X, Y.Value * Grad);
        AccumulateGrad(Y, X.Value * Grad);
    }
}
