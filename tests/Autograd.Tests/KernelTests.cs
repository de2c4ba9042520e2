using Autograd.Kernels;

namespace Autograd.Tests;

/// <summary>
/// The fast matrix kernels against a plain triple loop, for every shape class (single elements, thin rows and
/// columns, sizes that are not multiples of the vector width or the block sizes, and sizes that use both threads).
/// Some tests change <see cref="Gemm.MaxThreads"/>, <see cref="Gemm.UseSimd"/> and <see cref="Gemm.UseVector512"/>
/// (per-thread settings, restored afterwards); the collection keeps them from competing for the cores with each other.
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
    [InlineData(2, 3, 4)]
    [InlineData(300, 2, 100)]
    [InlineData(33, 40, 29)]
    [InlineData(301, 520, 410)]
    public void Products_of_spans_inside_larger_arrays_give_the_same_bits_and_write_nothing_else(int m, int k, int n)
    {
        // The tiny reference, row updates, the packed path, and the packed path on two threads: each operand sits at
        // an offset inside a larger array whose other elements must come through unchanged.
        var rng = new Random(13);
        var a = MixedRandom(rng, m * k);
        var b = MixedRandom(rng, k * n);
        var dc = MixedRandom(rng, m * n);
        int saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = 2;
            var c = new double[m * n];
            var da = MixedRandom(rng, m * k);
            var db = MixedRandom(rng, k * n);
            var (aIn, aAt) = Embed(a, 3);
            var (bIn, bAt) = Embed(b, 5);
            var (dcIn, dcAt) = Embed(dc, 1);
            var (cIn, cAt) = Embed(c, 7);
            var (daIn, daAt) = Embed(da, 2);
            var (dbIn, dbAt) = Embed(db, 9);

            Gemm.MatMul(a, b, c, m, k, n);
            Gemm.AddTimesTransposed(dc, b, da, m, k, n);
            Gemm.AddTransposedTimes(a, dc, db, m, k, n);
            Gemm.MatMul(aIn.AsSpan(aAt, a.Length), bIn.AsSpan(bAt, b.Length), cIn.AsSpan(cAt, c.Length), m, k, n);
            Gemm.AddTimesTransposed(dcIn.AsSpan(dcAt, dc.Length), bIn.AsSpan(bAt, b.Length), daIn.AsSpan(daAt, da.Length), m, k, n);
            Gemm.AddTransposedTimes(aIn.AsSpan(aAt, a.Length), dcIn.AsSpan(dcAt, dc.Length), dbIn.AsSpan(dbAt, db.Length), m, k, n);

            AssertEmbedded(c, cIn, cAt, "C = A·B");
            AssertEmbedded(da, daIn, daAt, "dA += dC·Bᵀ");
            AssertEmbedded(db, dbIn, dbAt, "dB += Aᵀ·dC");
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }

        // A copy of the values at an offset in a larger array, the rest of which holds a marker.
        static (double[] Array, int Offset) Embed(double[] values, int offset)
        {
            var array = new double[offset + values.Length + 11];
            Array.Fill(array, -123.5);
            values.CopyTo(array, offset);
            return (array, offset);
        }

        static void AssertEmbedded(double[] expected, double[] array, int offset, string what)
        {
            AssertSameBits(expected, array[offset..(offset + expected.Length)], what);
            Assert.All(array[..offset], x => Assert.Equal(-123.5, x));
            Assert.All(array[(offset + expected.Length)..], x => Assert.Equal(-123.5, x));
        }
    }

    [Fact]
    public void A_span_too_short_for_its_matrix_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Gemm.MatMul(new double[11], new double[20], new double[15], 3, 4, 5));
        Assert.Throws<ArgumentException>(() => Gemm.MatMul(new double[12], new double[19], new double[15], 3, 4, 5));
        Assert.Throws<ArgumentException>(() => Gemm.MatMul(new double[12], new double[20], new double[14], 3, 4, 5));
        Assert.Throws<ArgumentException>(() => Gemm.AddTimesTransposed(new double[15], new double[19], new double[12], 3, 4, 5));
        Assert.Throws<ArgumentException>(() => Gemm.AddTransposedTimes(new double[11], new double[15], new double[20], 3, 4, 5));
    }

    /// <summary>Sizes around the vector widths (2, 4, 8), the tile (4 × 12) and the packing threshold (8).</summary>
    private static readonly int[] EdgeSizes = [1, 2, 3, 4, 7, 8, 9, 12, 13, 17, 33];

    public static TheoryData<int, int, int> LargeShapes => new()
    {
        { 100, 2, 100 }, { 300, 100, 3 }, { 300, 2, 100 }, { 2, 300, 100 }, { 100, 300, 3 },

        // Crossing a slice of the summed dimension (KC = 256) and large enough for two threads; then one long side.
        { 257, 300, 129 }, { 1030, 5, 9 }, { 3, 1100, 20 }, { 40, 7, 1200 },
    };

    [Fact]
    public void Every_path_gives_the_bits_of_the_reference_on_a_grid_of_edge_sizes()
    {
        foreach (int m in EdgeSizes)
        {
            foreach (int k in EdgeSizes)
            {
                foreach (int n in EdgeSizes)
                {
                    CheckBitsOfEveryPath(m, k, n);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(LargeShapes))]
    public void Every_path_gives_the_bits_of_the_reference_on_large_and_thin_shapes(int m, int k, int n) =>
        CheckBitsOfEveryPath(m, k, n);

    [Fact]
    public void Every_lane_width_gives_the_bits_of_the_reference_on_a_grid_of_edge_sizes()
    {
        foreach (int m in EdgeSizes)
        {
            foreach (int k in EdgeSizes)
            {
                foreach (int n in EdgeSizes)
                {
                    CheckBitsOfEveryLaneWidth(m, k, n);
                }
            }
        }
    }

    [Theory]
    [InlineData(100, 2, 100)]
    [InlineData(300, 100, 3)]
    [InlineData(2, 300, 100)]
    [InlineData(35, 70, 41)]
    [InlineData(1030, 3, 9)]
    [InlineData(5, 300, 260)]
    [InlineData(3, 7, 1200)]
    public void Every_lane_width_gives_the_bits_of_the_reference_on_thin_shapes(int m, int k, int n) =>
        CheckBitsOfEveryLaneWidth(m, k, n);

    [Theory]
    [InlineData(4, 20, 20)]
    [InlineData(257, 300, 129)]
    public void A_wrong_summation_order_fails_the_bit_comparison(int m, int k, int n)
    {
        // The inputs must be able to tell orders apart, or the bit comparisons above would prove nothing: summing the
        // first half of the terms on its own and then adding it (as a product split in two slices would) differs.
        var rng = new Random(3);
        var a = MixedRandom(rng, m * k);
        var b = MixedRandom(rng, k * n);
        var start = MixedRandom(rng, m * n);
        var expected = (double[])start.Clone();
        Gemm.ProductReference(new(a, k, 1), new(b, n, 1), expected, m, n, k, accumulate: true);

        var split = new double[m * n];
        int half = k / 2;
        Gemm.ProductReference(new(a, k, 1), new(b, n, 1), split, m, n, half, accumulate: false);
        for (int i = 0; i < split.Length; i++)
        {
            split[i] += start[i];
        }

        Gemm.ProductReference(new(a[half..], k, 1), new(b[(half * n)..], n, 1), split, m, n, k - half, accumulate: true);

        Assert.NotEqual(Bits(expected), Bits(split));
    }

    /// <summary>
    /// The three entry points, and the forward product accumulating, with the 512-bit and the 256-bit microkernels
    /// (those the machine has) and without, on one, two and three threads: each result has exactly the bits of
    /// <see cref="Gemm.ProductReference"/>.
    /// </summary>
    private static void CheckBitsOfEveryPath(int m, int k, int n)
    {
        var rng = new Random((m * 7919) + (k * 104729) + n);
        var a = MixedRandom(rng, m * k);
        var b = MixedRandom(rng, k * n);
        var dc = MixedRandom(rng, m * n);
        var startA = MixedRandom(rng, m * k);
        var startB = MixedRandom(rng, k * n);
        var startC = MixedRandom(rng, m * n);

        var c = Run(startC, e => Gemm.ProductReference(new(a, k, 1), new(b, n, 1), e, m, n, k, accumulate: false));
        var cPlus = Run(startC, e => Gemm.ProductReference(new(a, k, 1), new(b, n, 1), e, m, n, k, accumulate: true));
        var da = Run(startA, e => Gemm.ProductReference(new(dc, n, 1), new(b, 1, n), e, m, k, n, accumulate: true));
        var db = Run(startB, e => Gemm.ProductReference(new(a, 1, k), new(dc, n, 1), e, k, n, m, accumulate: true));

        bool simdSaved = Gemm.UseSimd;
        bool wideSaved = Gemm.UseVector512;
        int threadsSaved = Gemm.MaxThreads;
        try
        {
            var kernels = new List<(bool Packed, bool Wide)> { (false, false) };
            if (simdSaved)
            {
                kernels.Add((true, false));
            }

            if (wideSaved)
            {
                kernels.Add((true, true));
            }

            foreach (var (simd, wide) in kernels)
            {
                foreach (int threads in new[] { 1, 2, 3 })
                {
                    Gemm.UseSimd = simd;
                    Gemm.UseVector512 = wide;
                    Gemm.MaxThreads = threads;
                    string where = $"{m}×{k}·{k}×{n}, packed {simd}, 512-bit {wide}, {threads} thread(s)";
                    AssertSameBits(c, Run(startC, r => Gemm.MatMul(a, b, r, m, k, n)), "C = A·B, " + where);
                    AssertSameBits(cPlus, Run(startC, r => Gemm.Product(new(a, k, 1), new(b, n, 1), r, m, n, k, accumulate: true)), "C += A·B, " + where);
                    AssertSameBits(da, Run(startA, r => Gemm.AddTimesTransposed(dc, b, r, m, k, n)), "dA += dC·Bᵀ, " + where);
                    AssertSameBits(db, Run(startB, r => Gemm.AddTransposedTimes(a, dc, r, m, k, n)), "dB += Aᵀ·dC, " + where);
                }
            }
        }
        finally
        {
            Gemm.UseSimd = simdSaved;
            Gemm.UseVector512 = wideSaved;
            Gemm.MaxThreads = threadsSaved;
        }
    }

    /// <summary>
    /// The row-update path forced to each lane width (1, 2, 4 and 8 doubles; a width the machine does not accelerate
    /// still computes, in software), for each way of reading the operands, writing and accumulating.
    /// </summary>
    private static void CheckBitsOfEveryLaneWidth(int m, int k, int n)
    {
        var rng = new Random((m * 31) + (k * 7919) + n);
        var a = MixedRandom(rng, m * k);
        var b = MixedRandom(rng, k * n);
        var start = MixedRandom(rng, m * n);
        foreach (bool transposeA in new[] { false, true })
        {
            foreach (bool transposeB in new[] { false, true })
            {
                // A is m×k and B is k×n, stored either way round.
                Gemm.Operand OpA() => transposeA ? new(a, 1, m) : new(a, k, 1);
                Gemm.Operand OpB() => transposeB ? new(b, 1, k) : new(b, n, 1);
                foreach (bool accumulate in new[] { false, true })
                {
                    var expected = Run(start, e => Gemm.ProductReference(OpA(), OpB(), e, m, n, k, accumulate));
                    string where = $"{m}×{k}·{k}×{n}, A transposed {transposeA}, B transposed {transposeB}, accumulate {accumulate}";
                    AssertSameBits(expected, Run(start, r => Gemm.RowUpdateProduct<Lanes1>(OpA(), OpB(), r, m, n, k, accumulate)), "1 lane, " + where);
                    AssertSameBits(expected, Run(start, r => Gemm.RowUpdateProduct<Lanes2>(OpA(), OpB(), r, m, n, k, accumulate)), "2 lanes, " + where);
                    AssertSameBits(expected, Run(start, r => Gemm.RowUpdateProduct<Lanes4>(OpA(), OpB(), r, m, n, k, accumulate)), "4 lanes, " + where);
                    AssertSameBits(expected, Run(start, r => Gemm.RowUpdateProduct<Lanes8>(OpA(), OpB(), r, m, n, k, accumulate)), "8 lanes, " + where);
                }
            }
        }
    }

    /// <summary>A copy of <paramref name="start"/> after <paramref name="product"/> has run on it.</summary>
    private static double[] Run(double[] start, Action<double[]> product)
    {
        var result = (double[])start.Clone();
        product(result);
        return result;
    }

    private static void AssertSameBits(double[] expected, double[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail($"{what}: element {i} is {actual[i]:R}, the reference gives {expected[i]:R}");
            }
        }
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    /// <summary>
    /// Values of both signs spread over 2⁻²⁰ to 2²⁰, so that adding the same terms in another order, or rounding a
    /// product before adding it, changes the last bits of most sums.
    /// </summary>
    private static double[] MixedRandom(Random rng, int length)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = double.ScaleB((rng.NextDouble() * 2) - 1, rng.Next(-20, 21));
        }

        return values;
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

    [Fact]
    public void The_packed_copy_of_b_is_sized_in_64_bits_and_a_product_whose_copy_would_not_fit_is_not_packed()
    {
        // 13 columns pad to 24 in either panel width: a 150,000,000×13 B (1.95 billion doubles, within an array)
        // would need 3.6 billion when packed, past int.MaxValue, where the old int product went negative.
        bool wideSaved = Gemm.UseVector512;
        try
        {
            foreach (bool wide in new[] { false, true })
            {
                Gemm.UseVector512 = wide;
                Assert.Equal((24L * 150_000_000) + 8, Gemm.PackedBLength(13, 150_000_000));
                Assert.True(Gemm.PackedBLength(13, 150_000_000) > Array.MaxLength);
                Assert.Equal(Gemm.UseVector512 ? (48L * 8) + 8 : (36L * 8) + 8, Gemm.PackedBLength(25, 8));
            }
        }
        finally
        {
            Gemm.UseVector512 = wideSaved;
        }
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
