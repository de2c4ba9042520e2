using Autograd.Kernels;

namespace Autograd.Tests;

/// <summary>
/// The fast matrix kernels against a plain triple loop, for every shape class (single elements, thin rows and
/// columns, sizes that are not multiples of the vector width or the block sizes, and sizes that use both threads).
/// Some tests change <see cref="Gemm.MaxThreads"/> and <see cref="Gemm.UseSimd"/> (per-thread settings, restored
/// afterwards); the collection keeps them from competing for the cores with each other.
/// </summary>
[Collection(nameof(KernelSettingsCollection))]
public class KernelTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 1, 7, 1 }, { 1, 1, 9 }, { 9, 1, 1 }, { 1, 50, 33 }, { 40, 30, 1 }, { 33, 1, 40 },
        { 2, 3, 4 }, { 7, 13, 5 }, { 4, 12, 12 }, { 5, 13, 17 }, { 16, 16, 16 }, { 31, 257, 29 },
        { 65, 64, 13 }, { 64, 300, 100 }, { 130, 257, 67 }, { 200, 100, 150 }, { 150, 257, 130 },

        // More columns than one column block (192) and a summed dimension of three slices (256 each).
        { 70, 600, 401 },

        // Thin products of a small network: 2 features in, 3 classes out.
        { 300, 2, 100 }, { 300, 100, 3 }, { 300, 3, 100 }, { 2, 300, 100 }, { 100, 300, 3 }, { 5, 40, 6 }, { 40, 5, 6 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_product_matches_the_triple_loop(int m, int k, int n) => CheckForward(m, k, n);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_products_match_the_triple_loop(int m, int k, int n) => CheckBackward(m, k, n);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_fallback_without_vectors_matches_the_triple_loop(int m, int k, int n)
    {
        bool saved = Gemm.UseSimd;
        try
        {
            Gemm.UseSimd = false;
            CheckForward(m, k, n);
            CheckBackward(m, k, n);
        }
        finally
        {
            Gemm.UseSimd = saved;
        }
    }

    private static void CheckForward(int m, int k, int n)
    {
        var rng = new Random((m * 7919) + (k * 31) + n);
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var c = new double[m * n];

        Gemm.MatMul(a, b, c, m, k, n);

        AssertClose(c, (i, j) => Terms(k, p => a[(i * k) + p] * b[(p * n) + j]), m, n);
    }

    private static void CheckBackward(int m, int k, int n)
    {
        var rng = new Random((m * 104729) + (k * 17) + n);
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var dc = Random(rng, m * n);
        var startA = Random(rng, m * k);
        var startB = Random(rng, k * n);
        var da = (double[])startA.Clone();
        var db = (double[])startB.Clone();

        Gemm.AddTimesTransposed(dc, b, da, m, k, n);
        Gemm.AddTransposedTimes(a, dc, db, m, k, n);

        // dA = start + dC·Bᵀ (m×k) and dB = start + Aᵀ·dC (k×n); the starting values are terms of the sum too.
        AssertClose(da, (i, p) => [startA[(i * k) + p], .. Terms(n, j => dc[(i * n) + j] * b[(p * n) + j])], m, k);
        AssertClose(db, (p, j) => [startB[(p * n) + j], .. Terms(m, i => a[(i * k) + p] * dc[(i * n) + j])], k, n);
    }

    [Theory]
    [InlineData(150, 257, 130)]
    [InlineData(200, 120, 150)]
    [InlineData(257, 129, 300)]
    [InlineData(301, 520, 410)]
    public void Results_are_bit_identical_on_one_thread_and_on_two(int m, int k, int n)
    {
        var rng = new Random(5);
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var dc = Random(rng, m * n);
        int saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = 2;
            Assert.SkipUnless(Gemm.UseSimd, "Without 256-bit vectors every product runs on one thread.");
            Assert.True(Gemm.UsesThreads(m, n, k) && Gemm.UsesThreads(m, k, n) && Gemm.UsesThreads(k, n, m));
            var one = Products(1);
            var two = Products(2);
            for (int i = 0; i < one.Length; i++)
            {
                Assert.Equal(one[i], two[i]);
            }
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }

        double[][] Products(int threads)
        {
            Gemm.MaxThreads = threads;
            var c = new double[m * n];
            var da = new double[m * k];
            var db = new double[k * n];
            Gemm.MatMul(a, b, c, m, k, n);
            Gemm.AddTimesTransposed(dc, b, da, m, k, n);
            Gemm.AddTransposedTimes(a, dc, db, m, k, n);
            return [c, da, db];
        }
    }

    [Theory]
    [InlineData(3, 4, 5)]
    [InlineData(300, 2, 100)]
    [InlineData(3, 0, 5)]
    [InlineData(70, 600, 401)]
    public void The_forward_product_overwrites_whatever_the_output_held(int m, int k, int n)
    {
        var rng = new Random(11);
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var c = new double[m * n];
        Array.Fill(c, double.NaN);

        Gemm.MatMul(a, b, c, m, k, n);

        AssertClose(c, (i, j) => Terms(k, p => a[(i * k) + p] * b[(p * n) + j]), m, n);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(1027)]
    public void Relu_backward_adds_the_gradient_exactly_where_the_output_is_positive(int length)
    {
        var rng = new Random(length);
        var y = Random(rng, length).Select(v => v < -0.2 ? 0 : v).ToArray();
        y[0] = 0;
        if (length > 2)
        {
            y[1] = double.NaN;
            y[2] = double.Epsilon;
        }

        var g = Random(rng, length);
        var dx = Random(rng, length);
        var expected = dx.Select((d, i) => y[i] > 0 ? d + g[i] : d).ToArray();

        Elementwise.ReluBackward(y, g, dx);

        Assert.Equal(expected, dx);
    }

    [Fact]
    public void Infinities_and_nans_propagate_through_the_product()
    {
        int m = 20, k = 30, n = 25;
        var a = new double[m * k];
        var b = new double[k * n];
        Array.Fill(a, 1.0);
        Array.Fill(b, 1.0);
        a[(3 * k) + 4] = double.PositiveInfinity;
        b[(5 * n) + 6] = double.NaN;
        var c = new double[m * n];

        Gemm.MatMul(a, b, c, m, k, n);

        Assert.Equal(double.PositiveInfinity, c[(3 * n) + 0]);
        Assert.True(double.IsNaN(c[(0 * n) + 6]));
        Assert.Equal(k, c[(1 * n) + 1]);
    }

    private static double[] Random(Random rng, int length)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (rng.NextDouble() * 2) - 1;
        }

        return values;
    }

    private static double[] Terms(int count, Func<int, double> term) => Enumerable.Range(0, count).Select(term).ToArray();

    /// <summary>Each element within 1e-12 · Σ|terms| of the triple loop's sum of the same terms.</summary>
    private static void AssertClose(double[] actual, Func<int, int, double[]> terms, int rows, int cols)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                var t = terms(i, j);
                double expected = 0;
                double magnitude = 0;
                foreach (double x in t)
                {
                    expected += x;
                    magnitude += Math.Abs(x);
                }

                double error = Math.Abs(actual[(i * cols) + j] - expected);
                Assert.True(error <= 1e-12 * magnitude, $"element ({i}, {j}) of {rows}×{cols}: {actual[(i * cols) + j]} vs {expected}");
            }
        }
    }
}

[CollectionDefinition(nameof(KernelSettingsCollection), DisableParallelization = true)]
public sealed class KernelSettingsCollection;
