namespace Autograd.Ops;

/// <summary>max(0, x). <c>x.Relu()</c> builds one.</summary>
public sealed class Relu : Scalar
{
    /// <summary>Builds the node and computes its value: Math.Max as the tensor op's max(x, 0), so NaN stays NaN and -0 gives +0.</summary>
    public Relu(Scalar x, string? label = null)
        : base(Math.Max(x.Value, 0), x)
    {
        Label = label;
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(relu x)/dx is 1 where x > 0 and 0 elsewhere (0 at x = 0, as PyTorch chooses).
        AccumulateGrad(Inputs[0], Inputs[0].Value > 0 ? Grad : 0);
    }
}
