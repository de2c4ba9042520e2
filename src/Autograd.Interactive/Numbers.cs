using System.Globalization;

namespace Autograd.Interactive;

/// <summary>How the notebooks print numbers: at most 6 significant digits, the same in every culture.</summary>
/// <remarks>
/// Committed notebook outputs are compared with fresh runs, so printed numbers must not show the last bits that
/// vary between CPUs, nor a decimal comma on a machine set to German.
/// </remarks>
public static class Numbers
{
    /// <summary>
    /// <paramref name="value"/> rounded to 6 significant digits, with a decimal point: <c>0.333333</c>,
    /// <c>1234.5</c>, <c>1.23457E+08</c>, <c>NaN</c>, <c>-Infinity</c>.
    /// </summary>
    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="value"/> rounded to 6 significant digits, as a number: what <see cref="Format"/> prints.
    /// Chart data is rounded this way, so a chart's content is the same on every machine.
    /// </summary>
    public static double Round(double value) =>
        double.IsFinite(value) ? double.Parse(Format(value), CultureInfo.InvariantCulture) : value;
}
