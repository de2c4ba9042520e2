namespace Autograd.Determinism;

/// <summary>
/// The battery's inputs: numbers drawn from a seeded <see cref="Random"/> (whose sequence is the same in every .NET
/// process on every platform) and lists of awkward values. Nothing here calls a C library function, so the inputs
/// themselves cannot differ between machines.
/// </summary>
internal static class Inputs
{
    /// <summary>Magnitudes from a thousandth to a hundred, written out rather than computed with Math.Pow.</summary>
    private static readonly double[] Scales = [1e-3, 1e-2, 0.1, 1, 10, 100];

    /// <summary>
    /// Zeros of both signs, subnormals, the edges of exp (overflow just above 709.78, underflow to 0 just below
    /// -745.13), the points where tanh and sigmoid saturate, the largest double, infinities and NaN.
    /// </summary>
    public static readonly double[] Extremes =
    [
        0, -0.0, double.Epsilon, -double.Epsilon, 1e-310, -1e-310, 2.2250738585072014E-308, 1e-300, -1e-300,
        1e-9, -1e-9, 0.5, -0.5, 1, -1, 2.5, -2.5, 18.5, -18.5, 20, -20, 36.8, -36.8, 40, -40, 300, -300,
        709.7, -709.7, 709.79, -745, -745.2, 800, -800, 1e300, -1e300, double.MaxValue, -double.MaxValue,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    ];

    /// <summary>Arguments of exp around its limits: the largest finite results, overflow, subnormal results, underflow.</summary>
    public static readonly double[] ExpLimits =
    [
        709.7, 709.78, 709.782712893384, 709.7827128933841, 709.79, 710, 708.4, 700, -700, -708.39, -708.4, -720,
        -740, -744.4, -745, -745.1332191019411, -745.1332191019412, -745.2, -746, -1000, 0, -0.0, 1e-17, -1e-17,
    ];

    /// <summary>Numbers of both signs with magnitudes from 1e-3 to 100.</summary>
    public static double[] Mixed(int count, int seed)
    {
        var rng = new Random(seed);
        var values = new double[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = ((2 * rng.NextDouble()) - 1) * Scales[rng.Next(Scales.Length)];
        }

        return values;
    }

    /// <summary>Positive numbers with magnitudes from 1e-3 to 100 (for the logarithm).</summary>
    public static double[] Positive(int count, int seed)
    {
        var values = Mixed(count, seed);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Abs(values[i]) + 1e-6;
        }

        return values;
    }

    /// <summary>Mixed numbers, then every fifth a zero (alternating +0 and -0) and every seventh its own negation.</summary>
    public static double[] WithZerosAndNegatives(double[] values)
    {
        var result = (double[])values.Clone();
        for (int i = 0; i < result.Length; i++)
        {
            if (i % 5 == 2)
            {
                result[i] = i % 10 == 2 ? 0.0 : -0.0;
            }
            else if (i % 7 == 3)
            {
                result[i] = -result[i];
            }
        }

        return result;
    }

    /// <summary>A leaf holding <paramref name="values"/>.</summary>
    public static Tensor Leaf(int rows, int cols, double[] values, bool requiresGrad = true)
    {
        var tensor = new Tensor(rows, cols, requiresGrad);
        tensor.SetFrom(values);
        return tensor;
    }

    /// <summary>A leaf of mixed numbers.</summary>
    public static Tensor Leaf(int rows, int cols, int seed, bool requiresGrad = true) =>
        Leaf(rows, cols, Mixed(rows * cols, seed), requiresGrad);

    /// <summary>A class index in [0, classes) for each of <paramref name="count"/> rows.</summary>
    public static int[] Targets(int count, int classes, int seed)
    {
        var rng = new Random(seed);
        var targets = new int[count];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = rng.Next(classes);
        }

        return targets;
    }

    /// <summary><paramref name="values"/> turned by <paramref name="shift"/> places, to pair each value with another.</summary>
    public static double[] Rotated(double[] values, int shift) =>
        [.. values.AsSpan(shift % values.Length), .. values.AsSpan(0, shift % values.Length)];
}
