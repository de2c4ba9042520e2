using Autograd.Kernels;

namespace Autograd.Ops;

/// <summary>x raised to a constant power. <c>x.Pow(p)</c> builds one.</summary>
public sealed class Pow : Scalar
{
    /// <summary>Builds x^<paramref name="exponent"/> and computes its value with the library's own power function (the same bits on every machine).</summary>
    public Pow(Scalar x, double exponent, string? label = null)
        : base(Transcendental.Pow(x.Value, exponent), x)
    {
        Exponent = exponent;
        Label = label;
    }

    /// <summary>The constant exponent.</summary>
    public double Exponent { get; }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(x^p)/dx = p·x^(p-1). x^0 is the constant 1, so its slope is 0 even at x = 0, where the formula would
        // give 0·∞ = NaN (PyTorch makes the same exception).
        var x = Inputs[0];
        double slope = Exponent == 0 ? 0 : Exponent * Transcendental.Pow(x.Value, Exponent - 1);
        AccumulateGrad(x, slope * Grad);
    }
}
