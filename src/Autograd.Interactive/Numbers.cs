using System.Globalization;

namespace Autograd.Interactive;

/// <summary>How the notebooks print numbers: at most 6 significant digits, the same in every culture.</summary>
/// <remarks>
/// Six significant digits are what a reader takes in at a glance. The culture is fixed because committed notebook
/// outputs are compared with fresh runs, and a machine set to German would otherwise print a decimal comma.
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
