using System.Diagnostics;

namespace Autograd.Tests;

/// <summary>
/// Shapes and settings at and past the limits: sizes whose product overflows an int, results of more elements than
/// one array holds, negative or NaN settings. Each is refused with a message naming the method and the numbers, before
/// anything large is allocated.
/// </summary>
public class SizeLimitTests
{
    /// <summary>More than an error's own bookkeeping, far less than any of the refused tensors.</summary>
    private const long SmallAllocation = 1 << 20;

    [Theory]
    [InlineData(65536, 8, 65537, "MatMul: (65536×8)·(8×65537) would have 4,295,032,832 elements; the largest tensor holds 2,147,483,591.")]
    [InlineData(50000, 1, 50000, "MatMul: (50000×1)·(1×50000) would have 2,500,000,000 elements; the largest tensor holds 2,147,483,591.")]
    [InlineData(65536, 1, 65537, "MatMul: (65536×1)·(1×65537) would have 4,295,032,832 elements; the largest tensor holds 2,147,483,591.")]
    public void A_matmul_too_large_for_one_array_is_refused_before_anything_is_allocated(int m, int k, int n, string message)
    {
        var a = Tensor.Ones(m, k, requiresGrad: true);
        var b = Tensor.Ones(k, n, requiresGrad: true);

        var (error, allocated, elapsed) = Measure(() => a.MatMul(b));

        Assert.Equal(message, Assert.IsType<ArgumentException>(error).Message);
        Assert.InRange(allocated, 0, SmallAllocation);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(65536, 65537, "4,295,032,832")]
    [InlineData(int.MaxValue, int.MaxValue, "4,611,686,014,132,420,609")]
    [InlineData(1, 2_147_483_592, "2,147,483,592")]
    [InlineData(2, 1_073_741_796, "2,147,483,592")]
    public void A_leaf_too_large_for_one_array_is_refused_by_every_factory_naming_it(int rows, int cols, string elements)
    {
        string Expected(string method) =>
            $"{method}: a {rows}×{cols} tensor would have {elements} elements; the largest tensor holds 2,147,483,591. (Parameter 'rows')";

        foreach (var (method, make) in new (string, Func<Tensor>)[]
        {
            ("Tensor", () => new Tensor(rows, cols)),
            ("Zeros", () => Tensor.Zeros(rows, cols)),
            ("Ones", () => Tensor.Ones(rows, cols)),
            ("Randn", () => Tensor.Randn(rows, cols, new Random(1))),
        })
        {
            var (error, allocated, _) = Measure(() => make());
            Assert.Equal(Expected(method), Assert.IsType<ArgumentOutOfRangeException>(error).Message);
            Assert.InRange(allocated, 0, SmallAllocation);
        }
    }

    [Fact]
    public void An_empty_shape_names_the_factory()
    {
        Assert.Equal(
            "Zeros: a 0×3 shape is empty; rows and cols must be at least 1. (Parameter 'rows')",
            Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(0, 3)).Message);
        Assert.Equal(
            "Randn: a 2×-1 shape is empty; rows and cols must be at least 1. (Parameter 'cols')",
            Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Randn(2, -1)).Message);
        Assert.Equal(
            "Tensor: a -5×-5 shape is empty; rows and cols must be at least 1. (Parameter 'rows')",
            Assert.Throws<ArgumentOutOfRangeException>(() => new Tensor(-5, -5)).Message);
    }

    [Theory]
    [InlineData(-1.0, "-1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(-double.Epsilon, "-5E-324")]
    public void Randn_refuses_a_standard_deviation_that_is_negative_or_not_finite(double std, string shown)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Randn(2, 3, new Random(1), std: std));

        Assert.Equal("std", error.ParamName);
        Assert.Equal(std, error.ActualValue);
        Assert.StartsWith($"Randn: the standard deviation must be a finite number ≥ 0, got {shown}.", error.Message);
    }

    [Fact]
    public void Randn_with_a_standard_deviation_of_zero_gives_zeros()
    {
        var t = Tensor.Randn(3, 5, new Random(1), std: 0);

        Assert.All(t.Data, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Every_other_op_keeps_an_input_shape_and_cannot_grow_past_the_limit()
    {
        // Transpose, the elementwise ops and broadcasting produce their input's number of elements or fewer, so
        // only MatMul can make a result larger than its inputs. A wide row broadcast over many rows still works.
        var x = Tensor.Ones(1 << 12, 1 << 9);
        var bias = Tensor.Ones(1, 1 << 9);

        var t = (x + bias).Transpose();

        Assert.Equal((1 << 9, 1 << 12), (t.Rows, t.Cols));
        Assert.Equal(2.0, t[(1 << 9) - 1, (1 << 12) - 1]);
    }

    [Fact]
    public void GradCheck_passes_on_the_op_s_own_refusal()
    {
        var error = Assert.Throws<ArgumentException>(
            () => GradCheck.Check(t => t[0].MatMul(t[1]).Sum(), Tensor.Ones(65536, 1), Tensor.Ones(1, 65537)));

        Assert.Equal("MatMul: (65536×1)·(1×65537) would have 4,295,032,832 elements; the largest tensor holds 2,147,483,591.", error.Message);
    }

    [Fact]
    public void A_linear_layer_whose_weight_is_too_large_names_itself_before_allocating()
    {
        var (error, allocated, _) = Measure(() => new Autograd.NN.Linear(100_000, 100_000));

        Assert.Equal(
            "Linear(100000, 100000): the weight would have 10,000,000,000 elements; the largest tensor holds 2,147,483,591. (Parameter 'outFeatures')",
            Assert.IsType<ArgumentOutOfRangeException>(error).Message);
        Assert.InRange(allocated, 0, SmallAllocation);
    }

    /// <summary>Runs <paramref name="action"/>, which must throw, and says what it threw, allocated and took.</summary>
    private static (Exception Error, long Allocated, TimeSpan Elapsed) Measure(Func<object> action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        try
        {
            action();
        }
        catch (Exception error)
        {
            clock.Stop();
            return (error, GC.GetAllocatedBytesForCurrentThread() - before, clock.Elapsed);
        }

        throw new Xunit.Sdk.XunitException("Expected an exception; none was thrown.");
    }
}
