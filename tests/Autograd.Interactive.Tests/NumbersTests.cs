using Microsoft.DotNet.Interactive.Formatting;

namespace Autograd.Interactive.Tests;

/// <summary>The notebook shows numbers with the library's formatter, whatever the culture.</summary>
public class NumbersTests
{
    public NumbersTests() => Notebook.Setup();

    [Theory]
    [InlineData(1.0 / 3, "0.333333")]
    [InlineData(-12, "-12")]
    [InlineData(1234.5678, "1234.57")]
    [InlineData(123456789, "1.23457E+08")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(double.NaN, "NaN")]
    public void A_number_shows_six_significant_digits_with_a_decimal_point_under_a_German_culture(double value, string expected)
    {
        using var german = CultureScope.German();
        Assert.Equal("1,5", 1.5.ToString(System.Globalization.CultureInfo.CurrentCulture));

        Assert.Equal(expected, Formatter.ToDisplayString(value, "text/plain"));
    }

    [Fact]
    public void Chart_data_is_rounded_to_the_printed_number_and_infinities_stay()
    {
        var series = new Series("s", [1.0 / 3, 4.123456789, 123456789], [2, double.PositiveInfinity, double.NaN]);

        Assert.Equal([0.333333, 4.12346, 123457000], series.X);
        Assert.Equal(2, series.Y[0]);
        Assert.Equal(double.PositiveInfinity, series.Y[1]);
        Assert.True(double.IsNaN(series.Y[2]));
    }
}
