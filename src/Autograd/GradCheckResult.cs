namespace Autograd;

/// <summary>
/// What <see cref="GradCheck"/> found: the largest differences between autograd's gradients and the finite
/// differences, and where the largest relative one occurred.
/// </summary>
/// <param name="MaxAbsoluteError">The largest |analytic - numeric| over every input element (NaN if any is NaN).</param>
/// <param name="MaxRelativeError">
/// The largest |analytic - numeric| / max(1, |analytic|, |numeric|): relative for large gradients, absolute for small
/// ones, so a gradient near zero does not make a tiny rounding difference look huge.
/// </param>
/// <param name="Where">Which input (and element, for matrices) had the largest relative error.</param>
/// <param name="Analytic">The gradient autograd computed there.</param>
/// <param name="Numeric">The finite difference there.</param>
public sealed record GradCheckResult(double MaxAbsoluteError, double MaxRelativeError, string Where, double Analytic, double Numeric)
{
    /// <summary>Whether every gradient agrees within <paramref name="tolerance"/>, measured as the relative error.</summary>
    public bool Passed(double tolerance = 1e-6) => MaxRelativeError <= tolerance;

    /// <summary>A one-line summary, numbers rounded to 6 significant digits.</summary>
    public override string ToString() =>
        $"max abs error {NumberText.Format(MaxAbsoluteError)}, max rel error {NumberText.Format(MaxRelativeError)} " +
        $"at {Where} (autograd {NumberText.Format(Analytic)}, finite difference {NumberText.Format(Numeric)})";
}
