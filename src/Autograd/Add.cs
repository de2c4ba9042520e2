namespace Autograd;

/// <summary>The sum x + y, as a node of the graph. <c>x + y</c> builds one too.</summary>
public sealed class Add : Scalar
{
    /// <summary>Builds x + y and computes its value.</summary>
    public Add(Scalar x, Scalar y, string? label = null)
        : base(label, x, y)
    {
        SetValue(x.Value + y.Value);
    }

    /// <summary>The left input.</summary>
    public Scalar X => Input(0);

    /// <summary>The right input.</summary>
    public Scalar Y => Input(1);

    internal override void PropagateGrad()
    {
        // d(x + y)/dx = 1 and d(x + y)/dy = 1: the gradient passes to both inputs unchanged.
        AccumulateGrad(X, Grad);
        AccumulateGrad(Y, Grad);
    }
}
