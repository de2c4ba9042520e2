using System.Globalization;

namespace Autograd;

/// <summary>
/// How every printout, picture and notebook display writes a number: at most 6 significant digits, with a decimal
/// point in every culture; a count in whole digits with thousands separators.
/// </summary>
/// <remarks>
/// Six significant digits are what a reader takes in at a glance. The culture is fixed because committed notebook
/// outputs are compared with fresh runs, and a machine set to German would otherwise print a decimal comma.
/// </remarks>
internal static class NumberText
{
    /// <summary>
    /// <paramref name="value"/> rounded to 6 significant digits: <c>0.333333</c>, <c>1234.5</c>,
    /// <c>1.23457E+08</c>, <c>NaN</c>, <c>-Infinity</c>.
    /// </summary>
    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="value"/> rounded as <see cref="Format"/> prints it, as a number; infinities and NaN are left
    /// as they are. Chart data is rounded this way, so a chart's content is the same on every machine.
    /// </summary>
    internal static double Round(double value) =>
        double.IsFinite(value) ? double.Parse(Format(value), CultureInfo.InvariantCulture) : value;

    /// <summary>A count with thousands separators, the same in every culture: <c>1,797</c>.</summary>
    internal static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
