using Autograd.Kernels;

namespace Autograd.Tests;

/// <summary>
/// The library's own transcendental functions: within 1 ulp of <see cref="Math"/> over sweeps of a million inputs and
/// at the special values and thresholds, and the same bits at every lane width and in the span and scalar forms.
/// </summary>
/// <remarks>
/// Math.Tanh is not accurate enough to be the measure (glibc 2.36's tanh is up to 2.1 ulp off), and there is no Math
/// sigmoid, so those two must be less than 1 ulp from a double-double reference written here (about 100 bits), and
/// are compared with Math.Tanh, or the sigmoid formula on Math.Exp, only loosely.
/// </remarks>
public class TranscendentalTests
{
    private const int Sweep = 1_000_000;

    /// <summary>Every special value and threshold the functions treat apart, and the neighbours of the thresholds.</summary>
    public static readonly double[] SpecialValues = BuildSpecialValues();

    [Fact]
    public void Exp_is_within_one_ulp_of_Math_Exp_from_underflow_to_overflow()
    {
        var rng = new Random(1);
        var x = Fill(Sweep, i => i % 4 == 0 ? Uniform(rng, -1, 1) : Uniform(rng, -750, 715));
        AssertWithinUlps(x, Transcendental.Exp, Math.Exp, 1, "exp");
        AssertWithinUlps(SpecialValues, Transcendental.Exp, Math.Exp, 1, "exp");
    }

    [Fact]
    public void Exp_overflows_and_underflows_where_the_double_range_ends()
    {
        Assert.True(Transcendental.Exp(709.782712893384) is > 1.797e308 and < double.PositiveInfinity);
        Assert.Equal(double.PositiveInfinity, Transcendental.Exp(Math.BitIncrement(709.782712893384)));
        Assert.Equal(double.PositiveInfinity, Transcendental.Exp(1e300));
        Assert.Equal(double.Epsilon, Transcendental.Exp(-745.1332191019411));
        Assert.Equal(0.0, Transcendental.Exp(-745.1332191019412));
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(Transcendental.Exp(-1e300)));
        Assert.True(Transcendental.Exp(-720) is > 0 and < 2.2250738585072014E-308);
        Assert.Equal(1.0, Transcendental.Exp(0.0));
        Assert.Equal(1.0, Transcendental.Exp(-0.0));
        Assert.Equal(1.0, Transcendental.Exp(double.Epsilon));
        Assert.Equal(0.0, Transcendental.Exp(double.NegativeInfinity));
        Assert.Equal(double.PositiveInfinity, Transcendental.Exp(double.PositiveInfinity));
        Assert.True(double.IsNaN(Transcendental.Exp(double.NaN)));
    }

    [Fact]
    public void Log_is_within_one_ulp_of_Math_Log_for_random_bit_patterns_and_near_one()
    {
        var rng = new Random(2);
        var x = Fill(Sweep, i => i % 4 == 0 ? Uniform(rng, 0.5, 2) : BitConverter.Int64BitsToDouble(rng.NextInt64(1, 0x7FF0000000000000)));
        AssertWithinUlps(x, Transcendental.Log, Math.Log, 1, "log");
        AssertWithinUlps(SpecialValues, Transcendental.Log, Math.Log, 1, "log");
    }

    [Fact]
    public void Log_follows_ieee_754_at_zero_below_zero_and_at_infinity()
    {
        Assert.Equal(double.NegativeInfinity, Transcendental.Log(0.0));
        Assert.Equal(double.NegativeInfinity, Transcendental.Log(-0.0));
        Assert.True(double.IsNaN(Transcendental.Log(-1)));
        Assert.True(double.IsNaN(Transcendental.Log(-double.Epsilon)));
        Assert.True(double.IsNaN(Transcendental.Log(double.NegativeInfinity)));
        Assert.True(double.IsNaN(Transcendental.Log(double.NaN)));
        Assert.Equal(double.PositiveInfinity, Transcendental.Log(double.PositiveInfinity));
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(Transcendental.Log(1.0)));
        Assert.Equal(Math.Log(double.Epsilon), Transcendental.Log(double.Epsilon));
        Assert.Equal(Math.Log(double.MaxValue), Transcendental.Log(double.MaxValue));
    }

    [Fact]
    public void Tanh_is_within_one_ulp_of_the_true_value_and_three_of_Math_Tanh()
    {
        var rng = new Random(3);
        var x = Fill(Sweep, i => (i % 3) switch
        {
            0 => Uniform(rng, -25, 25),
            1 => Uniform(rng, -1.5, 1.5),
            _ => Math.ScaleB(Uniform(rng, -1, 1), -rng.Next(0, 60)),
        });
        AssertWithinUlps(x, Transcendental.Tanh, Math.Tanh, 3, "tanh");
        AssertWithinUlps(SpecialValues, Transcendental.Tanh, Math.Tanh, 3, "tanh");
        AssertFaithful(x.AsSpan(0, 200_000), Transcendental.Tanh, Reference.Tanh, "tanh");
        AssertFaithful(SpecialValues.Where(double.IsFinite).ToArray(), Transcendental.Tanh, Reference.Tanh, "tanh");
    }

    [Fact]
    public void Tanh_keeps_the_sign_of_zero_and_of_tiny_arguments_and_saturates_at_one()
    {
        AssertSameBits(0.0, Transcendental.Tanh(0.0));
        AssertSameBits(-0.0, Transcendental.Tanh(-0.0));
        AssertSameBits(double.Epsilon, Transcendental.Tanh(double.Epsilon));
        AssertSameBits(-1e-300, Transcendental.Tanh(-1e-300));
        AssertSameBits(3e-9, Transcendental.Tanh(3e-9));
        Assert.Equal(1.0, Transcendental.Tanh(19.1));
        Assert.Equal(-1.0, Transcendental.Tanh(-1e300));
        Assert.Equal(1.0, Transcendental.Tanh(double.PositiveInfinity));
        Assert.Equal(-1.0, Transcendental.Tanh(double.NegativeInfinity));
        Assert.True(double.IsNaN(Transcendental.Tanh(double.NaN)));
        Assert.True(Transcendental.Tanh(18.5) < 1.0);
    }

    [Fact]
    public void Sigmoid_is_within_one_ulp_of_the_true_value_and_two_of_the_formula_on_Math_Exp()
    {
        var rng = new Random(4);
        var x = Fill(Sweep, i => i % 2 == 0 ? Uniform(rng, -40, 40) : Uniform(rng, -760, 760));
        AssertWithinUlps(x, Transcendental.Sigmoid, NaiveSigmoid, 2, "sigmoid");
        AssertWithinUlps(SpecialValues, Transcendental.Sigmoid, NaiveSigmoid, 2, "sigmoid");

        // Below about -708.4 σ(x) = e^x (1 - e^x + ...) is subnormal and equal to e^x in every bit that exists.
        var normal = x.Take(200_000).Concat(SpecialValues).Where(v => double.IsFinite(v) && v > -708.3).ToArray();
        AssertFaithful(normal, Transcendental.Sigmoid, Reference.Sigmoid, "sigmoid");
        var subnormal = x.Where(v => v < -708.4).Append(-745.1).ToArray();
        AssertWithinUlps(subnormal, Transcendental.Sigmoid, Math.Exp, 1, "sigmoid");
    }

    [Fact]
    public void Sigmoid_goes_to_zero_and_one_without_nans()
    {
        Assert.Equal(0.5, Transcendental.Sigmoid(0.0));
        Assert.Equal(0.5, Transcendental.Sigmoid(-0.0));
        Assert.Equal(1.0, Transcendental.Sigmoid(40));
        Assert.Equal(1.0, Transcendental.Sigmoid(800));
        Assert.Equal(1.0, Transcendental.Sigmoid(double.PositiveInfinity));
        Assert.Equal(0.0, Transcendental.Sigmoid(-800));
        Assert.Equal(0.0, Transcendental.Sigmoid(double.NegativeInfinity));
        Assert.Equal(double.Epsilon, Transcendental.Sigmoid(-745.0));
        Assert.True(double.IsNaN(Transcendental.Sigmoid(double.NaN)));
    }

    [Fact]
    public void Sin_and_cos_are_within_one_ulp_of_Math_for_small_large_and_huge_arguments()
    {
        var rng = new Random(5);
        var x = Fill(Sweep, i => (i % 4) switch
        {
            0 => Uniform(rng, -1, 1),
            1 => Uniform(rng, -8 * Math.PI, 8 * Math.PI),
            2 => Uniform(rng, -1e6, 1e6),
            _ => BitConverter.Int64BitsToDouble(rng.NextInt64(0, 0x7FF0000000000000)) * (rng.Next(2) == 0 ? 1 : -1),
        });
        AssertWithinUlps(x, Transcendental.Sin, Math.Sin, 1, "sin");
        AssertWithinUlps(x, Transcendental.Cos, Math.Cos, 1, "cos");
        AssertWithinUlps(SpecialValues, Transcendental.Sin, Math.Sin, 1, "sin");
        AssertWithinUlps(SpecialValues, Transcendental.Cos, Math.Cos, 1, "cos");
    }

    [Fact]
    public void Sin_and_cos_at_zero_infinity_and_the_quarter_turns()
    {
        AssertSameBits(0.0, Transcendental.Sin(0.0));
        AssertSameBits(-0.0, Transcendental.Sin(-0.0));
        AssertSameBits(-1e-300, Transcendental.Sin(-1e-300));
        Assert.Equal(1.0, Transcendental.Cos(0.0));
        Assert.Equal(1.0, Transcendental.Cos(-0.0));
        Assert.True(double.IsNaN(Transcendental.Sin(double.PositiveInfinity)));
        Assert.True(double.IsNaN(Transcendental.Cos(double.NegativeInfinity)));
        Assert.True(double.IsNaN(Transcendental.Sin(double.NaN)));
        Assert.Equal(1.0, Transcendental.Sin(Math.PI / 2));
        Assert.Equal(-1.0, Transcendental.Cos(Math.PI));
        Assert.Equal(Math.Sin(Math.PI), Transcendental.Sin(Math.PI)); // 1.2246467991473532E-16: π rounded
        Assert.Equal(Math.Cos(Math.PI / 2), Transcendental.Cos(Math.PI / 2));
    }

    [Fact]
    public void Pow_is_within_one_ulp_of_Math_Pow_on_a_grid_and_for_adam_bias_corrections()
    {
        var rng = new Random(6);
        var pairs = new List<(double X, double Y)>();
        for (int i = 0; i < 250_000; i++)
        {
            pairs.Add((Math.Exp(Uniform(rng, -20, 20)), Uniform(rng, -30, 30)));
            pairs.Add((-Math.Exp(Uniform(rng, -10, 10)), Math.Round(Uniform(rng, -40, 40))));
            pairs.Add((Uniform(rng, 0, 2), Uniform(rng, -1000, 1000)));
            pairs.Add((1 + Uniform(rng, -1e-6, 1e-6), Uniform(rng, -1e8, 1e8)));
        }

        foreach (double beta in new[] { 0.9, 0.999 })
        {
            for (int t = 1; t <= 100_000; t++)
            {
                pairs.Add((beta, t));

                // 1 - β^t, Adam's bias correction, differs from Math's by one step of β^t or of itself at most.
                double ours = 1 - Transcendental.Pow(beta, t), theirs = 1 - Math.Pow(beta, t);
                double step = Math.Max(Math.BitIncrement(1 - theirs) - (1 - theirs), Math.BitIncrement(theirs) - theirs);
                Assert.True(Math.Abs(ours - theirs) <= step, $"1 - {beta}^{t} = {ours:R}, with Math.Pow {theirs:R}");
            }
        }

        foreach (double a in SpecialValues.Concat([-3.0, -2.0, -0.5, 0.5, 2.0, 3.0, 10.0]))
        {
            foreach (double b in new[] { 0.0, -0.0, 1, -1, 2, -2, 3, -3, 0.5, -0.5, 1e300, -1e300, 9007199254740991.0, 9007199254740992.0, 1.5, double.PositiveInfinity, double.NegativeInfinity, double.NaN })
            {
                pairs.Add((a, b));
            }
        }

        foreach (var (a, b) in pairs)
        {
            double expected = Math.Pow(a, b), actual = Transcendental.Pow(a, b);
            Assert.True(UlpDistance(actual, expected) <= 1, $"pow({a:R}, {b:R}) = {actual:R}, Math.Pow gives {expected:R}");
        }
    }

    [Fact]
    public void Pow_follows_the_ieee_special_cases_of_Math_Pow()
    {
        double[] values =
        [
            0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, -3.0, double.PositiveInfinity, double.NegativeInfinity,
            double.NaN, double.Epsilon, -double.Epsilon, double.MaxValue, -double.MaxValue, 9007199254740991.0, 9007199254740992.0,
        ];
        foreach (double a in values)
        {
            foreach (double b in values)
            {
                // Zeros (with their signs), infinities, NaN and ±1 exactly; the other results within 1 ulp.
                double expected = Math.Pow(a, b), actual = Transcendental.Pow(a, b);
                if (expected == 0 || !double.IsFinite(expected) || Math.Abs(expected) == 1)
                {
                    AssertSameBits(expected, actual, $"pow({a:R}, {b:R})");
                }
                else
                {
                    Assert.True(UlpDistance(actual, expected) <= 1, $"pow({a:R}, {b:R}) = {actual:R}, Math.Pow gives {expected:R}");
                }
            }
        }

        Assert.Equal(-8.0, Transcendental.Pow(-2, 3));
        Assert.Equal(1024.0, Transcendental.Pow(2, 10));
        Assert.Equal(1000.0, Transcendental.Pow(10, 3));
        Assert.Equal(0.125, Transcendental.Pow(0.5, 3));
        Assert.Equal(3.0, Transcendental.Pow(9, 0.5));
        Assert.True(double.IsNaN(Transcendental.Pow(-8, 1.0 / 3)));
    }

    [Fact]
    public void Every_lane_width_gives_the_same_bits()
    {
        var rng = new Random(7);
        var inputs = SpecialValues.Concat(Fill(20_000, i => (i % 5) switch
        {
            0 => BitConverter.Int64BitsToDouble(rng.NextInt64()),
            1 => Uniform(rng, -800, 800),
            2 => Uniform(rng, -25, 25),
            3 => Math.ScaleB(Uniform(rng, -1, 1), -rng.Next(0, 1080)),
            _ => Uniform(rng, -1, 1),
        })).ToArray();

        AssertWidthsAgree<ExpFunction>(inputs);
        AssertWidthsAgree<LogFunction>(inputs);
        AssertWidthsAgree<TanhFunction>(inputs);
        AssertWidthsAgree<SigmoidFunction>(inputs);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(1001)]
    public void The_span_forms_give_the_scalar_bits_for_every_length(int length)
    {
        var rng = new Random(length);
        var x = Fill(length, i => i < SpecialValues.Length && i % 2 == 0 ? SpecialValues[i] : Uniform(rng, -30, 30));
        AssertSpanMatchesScalar(x, Transcendental.Exp, Transcendental.Exp);
        AssertSpanMatchesScalar(x, Transcendental.Log, Transcendental.Log);
        AssertSpanMatchesScalar(x, Transcendental.Tanh, Transcendental.Tanh);
        AssertSpanMatchesScalar(x, Transcendental.Sigmoid, Transcendental.Sigmoid);

        // In place, as the ops use them.
        var y = (double[])x.Clone();
        Transcendental.Exp(y, y);
        Assert.Equal(x.Select(v => Transcendental.Exp(v)), y);
    }

    [Fact]
    public void Lane_max_and_min_compare_and_select_alike_at_every_width()
    {
        double[] values = [double.NaN, double.NegativeInfinity, -1.5, -0.0, 0.0, double.Epsilon, 2.0, double.PositiveInfinity];
        foreach (double a in values)
        {
            foreach (double b in values)
            {
                double max = a < b ? b : a, min = a > b ? b : a;
                foreach (var (actualMax, actualMin) in new[] { MaxMin<Lanes1>(a, b), MaxMin<Lanes2>(a, b), MaxMin<Lanes4>(a, b), MaxMin<Lanes8>(a, b) })
                {
                    AssertSameBits(max, actualMax, $"max({a}, {b})");
                    AssertSameBits(min, actualMin, $"min({a}, {b})");
                }
            }
        }
    }

    private static double[] BuildSpecialValues()
    {
        double[] centres =
        [
            0.0, double.Epsilon, 2.2250738585072009E-308, 2.2250738585072014E-308, 1e-300, 1e-20, 7.450580596923828E-09,
            1e-5, 0.1, 0.17328679513998632, 0.34657359027997264, 0.5, 0.7071067811865476, 1.0, 1.4142135623730951, 2.0,
            Math.E, Math.PI / 4, Math.PI / 2, Math.PI, 10.0, 18.5, 19.06, 20.0, 40.0, 708.3964185322641,
            709.782712893384, 709.79, 710.0, 745.1332191019411, 745.2, 746.0, 1e10, 1073741824.0, 1e300, double.MaxValue,
        ];
        var values = new List<double> { double.NaN, double.PositiveInfinity, double.NegativeInfinity };
        foreach (double c in centres)
        {
            foreach (double v in new[] { c, Math.BitIncrement(c), Math.BitDecrement(c) })
            {
                if (v >= 0)
                {
                    values.Add(v);
                    values.Add(-v);
                }
            }
        }

        return values.Distinct().ToArray();
    }

    private static double Uniform(Random rng, double low, double high) => low + ((high - low) * rng.NextDouble());

    private static double[] Fill(int length, Func<int, double> value)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = value(i);
        }

        return values;
    }

    private static double NaiveSigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>How many doubles apart a and b are: 0 for two NaNs or equal values (so +0 and -0 are 0 apart).</summary>
    private static long UlpDistance(double a, double b)
    {
        if (a == b || (double.IsNaN(a) && double.IsNaN(b)))
        {
            return 0;
        }

        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return long.MaxValue;
        }

        // Map the bits to a line on which adjacent doubles are adjacent integers, negatives included.
        static long Ordered(double v)
        {
            long bits = BitConverter.DoubleToInt64Bits(v);
            return bits < 0 ? long.MinValue - bits : bits;
        }

        return Math.Abs(Ordered(a) - Ordered(b));
    }

    /// <summary>Within <paramref name="ulps"/> of the reference everywhere; zeros must also carry the reference's sign.</summary>
    private static void AssertWithinUlps(ReadOnlySpan<double> x, Func<double, double> actual, Func<double, double> expected, long ulps, string name)
    {
        foreach (double v in x)
        {
            double a = actual(v), e = expected(v);
            bool zeroSignsAgree = a != 0 || e != 0 || double.IsNegative(a) == double.IsNegative(e);
            Assert.True(UlpDistance(a, e) <= ulps && zeroSignsAgree, $"{name}({v:R}) = {a:R}, the reference gives {e:R}");
        }
    }

    /// <summary>Less than 1 ulp from the double-double reference, that is, one of the two doubles around the true value.</summary>
    private static void AssertFaithful(ReadOnlySpan<double> x, Func<double, double> actual, Func<double, (double Hi, double Lo)> reference, string name)
    {
        foreach (double v in x)
        {
            double a = actual(v);
            var (hi, lo) = reference(v);
            double ulp = Math.ScaleB(1.0, Math.Max(Math.ILogB(hi), -1022) - 52);
            double error = Math.Abs((a - hi) - lo) / ulp;
            Assert.True(error < 1, $"{name}({v:R}) = {a:R} is {error:F3} ulp from {hi:R} + {lo:R}");
        }
    }

    private static void AssertSameBits(double expected, double actual, string? because = null) =>
        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual)),
            $"{because} expected {expected:R}, got {actual:R}");

    private static void AssertSpanMatchesScalar(double[] x, Func<double, double> scalar, SpanFunction span)
    {
        var y = new double[x.Length];
        span(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            AssertSameBits(scalar(x[i]), y[i], $"at {i} of {x.Length}, x = {x[i]:R}:");
        }
    }

    private static void AssertWidthsAgree<TFunction>(double[] x)
        where TFunction : ILaneFunction
    {
        var one = new double[x.Length];
        LaneLoops.Map<TFunction, Lanes1>(x, one);
        foreach (var wider in new[] { LaneLoops.Map<TFunction, Lanes2>, LaneLoops.Map<TFunction, Lanes4>, (SpanFunction)LaneLoops.Map<TFunction, Lanes8> })
        {
            var y = new double[x.Length];
            wider(x, y);
            for (int i = 0; i < x.Length; i++)
            {
                AssertSameBits(one[i], y[i], $"{typeof(TFunction).Name}({x[i]:R}):");
            }
        }
    }

    private static (double Max, double Min) MaxMin<T>(double a, double b)
        where T : struct, ILanes<T>
    {
        var x = new double[T.Count];
        var y = new double[T.Count];
        Array.Fill(x, a);
        Array.Fill(y, b);
        var max = new double[T.Count];
        var min = new double[T.Count];
        T.Store(T.Max(T.Load(in x[0]), T.Load(in y[0])), ref max[0]);
        T.Store(T.Min(T.Load(in x[0]), T.Load(in y[0])), ref min[0]);
        Assert.All(max, v => AssertSameBits(max[0], v));
        return (max[0], min[0]);
    }

    private delegate void SpanFunction(ReadOnlySpan<double> x, Span<double> y);

    private readonly struct ExpFunction : ILaneFunction
    {
        public static T Apply<T>(T x)
            where T : struct, ILanes<T> => Transcendental.Exp(x);
    }

    private readonly struct LogFunction : ILaneFunction
    {
        public static T Apply<T>(T x)
            where T : struct, ILanes<T> => Transcendental.Log(x);
    }

    private readonly struct TanhFunction : ILaneFunction
    {
        public static T Apply<T>(T x)
            where T : struct, ILanes<T> => Transcendental.Tanh(x);
    }

    private readonly struct SigmoidFunction : ILaneFunction
    {
        public static T Apply<T>(T x)
            where T : struct, ILanes<T> => Transcendental.Sigmoid(x);
    }

    /// <summary>
    /// tanh and σ to about 100 bits, from a double-double e^x (argument reduced by ln 2 and then by 2^10, a Taylor
    /// series, and ten squarings), written plainly and separately from the code under test.
    /// </summary>
    private static class Reference
    {
        private static readonly (double Hi, double Lo) Ln2 = (0.6931471805599453, 2.3190468138462996E-17);

        public static (double Hi, double Lo) Tanh(double x)
        {
            double a = Math.Min(Math.Abs(x), 25); // tanh rounds to 1 well before 25
            (double Hi, double Lo) t;
            if (a < 1.0 / (1 << 26))
            {
                t = (a, -a * a * a / 3);
            }
            else
            {
                var e = Exp(-2 * a);
                t = Divide(Add((1, 0), Negate(e)), Add((1, 0), e));
            }

            return x < 0 ? Negate(t) : t;
        }

        public static (double Hi, double Lo) Sigmoid(double x)
        {
            var e = Exp(-Math.Min(Math.Abs(x), 800)); // e^-800 is 0
            var q = Divide((1, 0), Add((1, 0), e));
            return x >= 0 ? q : Multiply(e, q);
        }

        private static (double Hi, double Lo) Exp(double x)
        {
            double k = Math.Round(x / Ln2.Hi);
            var r = Add((x, 0), Negate(Multiply(Ln2, (k, 0))));
            r = (Math.ScaleB(r.Hi, -10), Math.ScaleB(r.Lo, -10));
            (double Hi, double Lo) sum = (1, 0);
            for (int n = 14; n >= 1; n--)
            {
                sum = Add((1, 0), Divide(Multiply(r, sum), (n, 0)));
            }

            for (int i = 0; i < 10; i++)
            {
                sum = Multiply(sum, sum);
            }

            return (Math.ScaleB(sum.Hi, (int)k), Math.ScaleB(sum.Lo, (int)k));
        }

        private static (double Hi, double Lo) Negate((double Hi, double Lo) a) => (-a.Hi, -a.Lo);

        private static (double Hi, double Lo) Add((double Hi, double Lo) a, (double Hi, double Lo) b)
        {
            double s = a.Hi + b.Hi;
            double v = s - a.Hi;
            double e = (a.Hi - (s - v)) + (b.Hi - v) + a.Lo + b.Lo;
            double hi = s + e;
            return (hi, e - (hi - s));
        }

        private static (double Hi, double Lo) Multiply((double Hi, double Lo) a, (double Hi, double Lo) b)
        {
            double p = a.Hi * b.Hi;
            double e = Math.FusedMultiplyAdd(a.Hi, b.Hi, -p) + (a.Hi * b.Lo) + (a.Lo * b.Hi);
            double hi = p + e;
            return (hi, e - (hi - p));
        }

        private static (double Hi, double Lo) Divide((double Hi, double Lo) a, (double Hi, double Lo) b)
        {
            double q = a.Hi / b.Hi;
            var rest = Add(a, Negate(Multiply((q, 0), b)));
            double q2 = rest.Hi / b.Hi;
            double hi = q + q2;
            return (hi, q2 - (hi - q));
        }
    }
}
