namespace Autograd;

/// <summary>
/// Checks autograd against arithmetic: each gradient that <c>Backward()</c> computes is compared with the central
/// finite difference (f(x + h) - f(x - h)) / 2h, which needs nothing but the forward pass.
/// </summary>
public static partial class GradCheck
{
    /// <summary>The step h used when none is given: small enough for a close slope, large enough for rounding.</summary>
    public const double DefaultStep = 1e-6;

    /// <summary>
    /// Compares the gradient of <paramref name="function"/> with respect to each input, at <paramref name="inputs"/>.
    /// The function builds its result from the <see cref="Scalar"/> leaves it is given, in order.
    /// </summary>
    /// <example><c>GradCheck.Check(v => (v[0] * v[1]).Tanh(), 0.5, -1.5)</c></example>
    public static GradCheckResult Check(Func<Scalar[], Scalar> function, params double[] inputs) =>
        Check(function, inputs, DefaultStep);

    /// <inheritdoc cref="Check(Func{Scalar[], Scalar}, double[])"/>
    /// <param name="function">The function to check.</param>
    /// <param name="inputs">The point to check it at.</param>
    /// <param name="step">The finite-difference step h.</param>
    public static GradCheckResult Check(Func<Scalar[], Scalar> function, double[] inputs, double step)
    {
        CheckArguments(function, inputs, step);
        var leaves = inputs.Select((x, i) => new Scalar(x, label: $"x{i}")).ToArray();
        var output = function(leaves) ?? throw new InvalidOperationException("GradCheck: the function returned null.");
        output.Backward();

        var comparison = new Comparison();
        for (int i = 0; i < inputs.Length; i++)
        {
            double numeric = (Evaluate(function, inputs, i, step) - Evaluate(function, inputs, i, -step)) / (2 * step);
            comparison.Add(leaves[i].Grad, numeric, $"input {i}");
        }

        return comparison.Result;
    }

    /// <summary>Refuses what no check can run with: a missing function, no inputs, or a step that is not positive.</summary>
    private static void CheckArguments<T>(Delegate function, T[] inputs, double step)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0)
        {
            throw new ArgumentException("GradCheck: the function needs at least one input to check.", nameof(inputs));
        }

        if (!(step > 0) || double.IsInfinity(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "GradCheck: the step h must be a positive number.");
        }
    }

    /// <summary>The function's value with input <paramref name="index"/> moved by <paramref name="delta"/>.</summary>
    private static double Evaluate(Func<Scalar[], Scalar> function, double[] inputs, int index, double delta)
    {
        using var _ = NoGrad.Scope();
        var leaves = inputs.Select((x, i) => new Scalar(i == index ? x + delta : x)).ToArray();
        return function(leaves).Value;
    }

    /// <summary>Keeps the largest errors seen, and where the largest relative error was.</summary>
    private sealed class Comparison
    {
        private double maxAbsolute;
        private double maxRelative = -1;
        private string where = "";
        private double worstAnalytic;
        private double worstNumeric;

        public GradCheckResult Result => new(maxAbsolute, maxRelative, where, worstAnalytic, worstNumeric);

        public void Add(double analytic, double numeric, string location)
        {
            double absolute = Math.Abs(analytic - numeric);
            double relative = absolute / Math.Max(1, Math.Max(Math.Abs(analytic), Math.Abs(numeric)));

            // NaN never compares greater, so a NaN error is recorded explicitly: it must not pass unnoticed.
            if (double.IsNaN(absolute) && !double.IsNaN(maxAbsolute))
            {
                maxAbsolute = double.NaN;
                maxRelative = double.NaN;
                (where, worstAnalytic, worstNumeric) = (location, analytic, numeric);
                return;
            }

            maxAbsolute = Math.Max(maxAbsolute, absolute);
            if (relative > maxRelative)
            {
                maxRelative = relative;
                (where, worstAnalytic, worstNumeric) = (location, analytic, numeric);
            }
        }
    }
}
