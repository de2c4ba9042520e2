namespace Autograd.Ops;

/// <summary>max(0, x). <c>x.Relu()</c> builds one.</summary>
public sealed class Relu : Scalar
{
    /// <summary>Builds the node and computes its value.</summary>
    public Relu(Scalar x, string? label = null)
        : base(label, x)
    {
        // Math.Max as the tensor op's max(x, 0): NaN stays NaN, and -0 gives +0.
        SetValue(Math.Max(x.Value, 0));
    }

    /// <summary>The input.</summary>
    public Scalar X => Input(0);

    internal override void PropagateGrad()
    {
        // d(relu x)/dx is 1 where x > 0 and 0 elsewhere (0 at x = 0, as PyTorch chooses).
        AccumulateGrad(X, X.Value > 0 ? Grad : 0);
    }
}
