namespace Autograd.Interactive.Tests;

public class NumbersTests
{
    [Theory]
    [InlineData(1.0 / 3, "0.333333")]
    [InlineData(-12, "-12")]
    [InlineData(1234.5, "1234.5")]
    [InlineData(1234.5678, "1234.57")]
    [InlineData(123456789, "1.23457E+08")]
    [InlineData(0.000012345678, "1.23457E-05")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Format_keeps_six_significant_digits(double value, string expected)
    {
        Assert.Equal(expected, Numbers.Format(value));
    }

    [Fact]
    public void Format_writes_a_decimal_point_under_a_German_culture()
    {
        using var german = CultureScope.German();
        Assert.Equal("1,5", 1.5.ToString(System.Globalization.CultureInfo.CurrentCulture));

        Assert.Equal("1234.57", Numbers.Format(1234.5678));
        Assert.Equal("-0.333333", Numbers.Format(-1.0 / 3));
    }

    [Theory]
    [InlineData(1.0 / 3, 0.333333)]
    [InlineData(4.123456789, 4.12346)]
    [InlineData(123456789, 123457000)]
    [InlineData(2, 2)]
    public void Round_gives_the_printed_number(double value, double expected)
    {
        Assert.Equal(expected, Numbers.Round(value));
    }

    [Fact]
    public void Round_leaves_non_finite_values_alone()
    {
        Assert.Equal(double.PositiveInfinity, Numbers.Round(double.PositiveInfinity));
        Assert.True(double.IsNaN(Numbers.Round(double.NaN)));
    }
}
