using Autograd.Kernels;

namespace Autograd.Tests;

/// <summary>
/// Sums, dot products and maxima give the same bits at every vector width (each width is run here, in software where
/// the machine does not accelerate it) and in the order the plain reference spells out.
/// </summary>
public class ReductionTests
{
    public static TheoryData<int> Lengths => [0, 1, 2, 3, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1000, 1031];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sum_is_the_reference_order_at_every_width(int length)
    {
        var x = Values(length, seed: length);
        long expected = Bits(Reductions.SumReference(x));
        Assert.Equal(expected, Bits(Reductions.Sum(x)));
        Assert.Equal(expected, Bits(Reductions.Reduce<Reductions.SumStep, Lanes1>(x, x)));
        Assert.Equal(expected, Bits(Reductions.Reduce<Reductions.SumStep, Lanes2>(x, x)));
        Assert.Equal(expected, Bits(Reductions.Reduce<Reductions.SumStep, Lanes4>(x, x)));
        Assert.Equal(expected, Bits(Reductions.Reduce<Reductions.SumStep, Lanes8>(x, x)));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_is_the_reference_order_at_every_width(int length)
    {
        var x = Values(length, seed: length);
        var y = Values(length, seed: length + 1000);
        long expected = Bits(DotReference(x, y));
        Assert.Equal(expected, Bits(Reductions.Dot(x, y)));
        Assert.Equal(expected, Bits(Reductions.Reduce<Reductions.DotStep, Lanes1>(x, y)));
        Assert.Equal(expected, Bits(Reductions.Reduce<Reductions.DotStep, Lanes2>(x, y)));
        Assert.Equal(expected, Bits(Reductions.Reduce<Reductions.DotStep, Lanes4>(x, y)));
        Assert.Equal(expected, Bits(Reductions.Reduce<Reductions.DotStep, Lanes8>(x, y)));
    }

    [Fact]
    public void The_order_is_the_documented_one_not_left_to_right()
    {
        // 2^53 + 1 + 1 + ... left to right loses every 1; the partials keep sixteen of them apart until combined.
        var x = new double[32];
        Array.Fill(x, 1.0);
        x[0] = 9007199254740992.0;
        Assert.Equal(9007199254741022.0, Reductions.Sum(x));
        double leftToRight = 0;
        foreach (double v in x)
        {
            leftToRight += v;
        }

        Assert.Equal(9007199254740992.0, leftToRight);
    }

    [Fact]
    public void Sums_of_negative_zeros_stay_negative_zero() =>
        Assert.Equal(Bits(-0.0), Bits(Reductions.Sum([-0.0, -0.0, -0.0])));

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Max_is_the_largest_element_at_every_width(int length)
    {
        if (length == 0)
        {
            var error = Assert.Throws<ArgumentException>(() => Reductions.Max([]));
            Assert.Contains("Max: the span is empty", error.Message);
            return;
        }

        var x = Values(length, seed: length);
        double expected = x.Max();
        Assert.Equal(expected, Reductions.Max(x));
        Assert.Equal(expected, Reductions.Reduce<Reductions.MaxStep, Lanes1>(x, x));
        Assert.Equal(expected, Reductions.Reduce<Reductions.MaxStep, Lanes2>(x, x));
        Assert.Equal(expected, Reductions.Reduce<Reductions.MaxStep, Lanes4>(x, x));
        Assert.Equal(expected, Reductions.Reduce<Reductions.MaxStep, Lanes8>(x, x));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(40)]
    public void A_NaN_anywhere_makes_the_maximum_NaN(int at)
    {
        var x = Values(41, seed: 3);
        x[at] = double.NaN;
        Assert.True(double.IsNaN(Reductions.Max(x)));
        Assert.True(double.IsNaN(Reductions.Reduce<Reductions.MaxStep, Lanes1>(x, x)));
        Assert.True(double.IsNaN(Reductions.Reduce<Reductions.MaxStep, Lanes4>(x, x)));
    }

    [Fact]
    public void Between_zeros_the_maximum_is_the_first_met_in_the_fixed_order()
    {
        // Partial 0 holds -0 (element 0), partial 8 holds +0 (element 8): combining partial 0 with partial 8 keeps -0.
        var x = new double[16];
        Array.Fill(x, double.NegativeInfinity);
        x[0] = -0.0;
        x[8] = 0.0;
        Assert.Equal(Bits(-0.0), Bits(Reductions.Max(x)));
        Assert.Equal(Bits(-0.0), Bits(Reductions.Reduce<Reductions.MaxStep, Lanes1>(x, x)));
        Assert.Equal(Bits(-0.0), Bits(Reductions.Reduce<Reductions.MaxStep, Lanes8>(x, x)));
    }

    private static double DotReference(double[] x, double[] y)
    {
        var partial = new double[Reductions.Partials];
        Array.Fill(partial, -0.0);
        int body = x.Length - (x.Length % Reductions.Partials);
        for (int i = 0; i < body; i++)
        {
            partial[i % Reductions.Partials] = Math.FusedMultiplyAdd(x[i], y[i], partial[i % Reductions.Partials]);
        }

        for (int width = Reductions.Partials / 2; width >= 1; width /= 2)
        {
            for (int j = 0; j < width; j++)
            {
                partial[j] += partial[j + width];
            }
        }

        double sum = partial[0];
        for (int i = body; i < x.Length; i++)
        {
            sum = Math.FusedMultiplyAdd(x[i], y[i], sum);
        }

        return sum;
    }

    /// <summary>Values of both signs over many magnitudes, so that any change of order changes the rounding.</summary>
    private static double[] Values(int length, int seed)
    {
        var rng = new Random(seed);
        var x = new double[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (rng.NextDouble() - 0.5) * Math.ScaleB(1, rng.Next(-30, 30));
        }

        return x;
    }

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
}
