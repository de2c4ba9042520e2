namespace Autograd.Ops;

/// <summary>The difference x - y. <c>x - y</c> builds one.</summary>
public sealed class Sub : Scalar
{
    /// <summary>Builds x - y and computes its value.</summary>
    public Sub(Scalar x, Scalar y, string? label = null)
        : base(label, x, y)
    {
        SetValue(x.Value - y.Value);
    }

    /// <summary>The left input.</summary>
    public Scalar X => Input(0);

    /// <summary>The right input.</summary>
    public Scalar Y => Input(1);

    internal override void PropagateGrad()
    {
        // d(x - y)/dx = 1 and d(x - y)/dy = -1.
        AccumulateGrad(X, Grad);
        AccumulateGrad(Y, -Grad);
    }
}
