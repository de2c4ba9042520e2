namespace Autograd.Tests;

/// <summary>The matrix <see cref="Tensor"/>: layout, the JavaScript post's MatMul example, backward semantics, errors.</summary>
public class TensorTests
{
    [Fact]
    public void Matmul_of_the_post_gives_its_values_and_gradients()
    {
        var a = new Tensor(2, 3);
        a.SetFrom([2, 3, 4, 5, 6, 7]);
        var b = new Tensor(3, 4);
        b.SetFrom([4, 5, 6, 7, 8, 9, 1, 2, 4, 7, 1, 4]);

        var mult = a.MatMul(b);
        mult.Backward(Tensor.Ones(2, 4));

        Assert.Equal([48, 65, 19, 36, 96, 128, 43, 75], mult.Data);
        Assert.Equal([22, 20, 16, 22, 20, 16], a.Grad);

        // dB = Aᵀ·ones: every column of row p is the sum of A's column p.
        Assert.Equal([7, 7, 7, 7, 9, 9, 9, 9, 11, 11, 11, 11], b.Grad);
        Assert.Equal("MatMul", mult.Op);
        Assert.Equal([a, b], mult.Inputs);
    }

    [Fact]
    public void Elements_are_stored_row_after_row()
    {
        var m = new Tensor(3, 3);
        m.SetFrom([2, 3, 4, 5, 6, 7, 8, 9, 10]);

        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10], m.Data);
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(m.Data[(m.Cols * r) + c], m[r, c]);
            }
        }

        Assert.Equal(7, m[1, 2]);
        m[2, 0] = -1;
        Assert.Equal(-1, m.Data[6]);
    }

    [Fact]
    public void Index_errors_name_the_index_and_the_shape()
    {
        var m = new Tensor(2, 3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => m[2, 0]);
        Assert.Contains("(2, 0)", error.Message);
        Assert.Contains("2×3", error.Message);
        Assert.Equal("row", error.ParamName);
        Assert.Equal("col", Assert.Throws<ArgumentOutOfRangeException>(() => m[0, -1] = 1).ParamName);
    }

    [Fact]
    public void Shape_errors_name_the_op_and_both_shapes_before_any_work()
    {
        var a = new Tensor(2, 3);
        var b = new Tensor(4, 5);

        Assert.Equal("MatMul: (2×3)·(4×5), inner sizes 3 and 4 differ.", Assert.Throws<ArgumentException>(() => a.MatMul(b)).Message);
        Assert.StartsWith("Add: (2×3) + (4×5), shapes differ", Assert.Throws<ArgumentException>(() => a + b).Message);
        Assert.StartsWith("Sub: (2×3) - (3×2), shapes differ", Assert.Throws<ArgumentException>(() => a - new Tensor(3, 2)).Message);
        Assert.Contains("or a 1×3 row", Assert.Throws<ArgumentException>(() => a * new Tensor(1, 2)).Message);
        Assert.StartsWith("SetFrom: 5 values given for a 2×3 tensor", Assert.Throws<ArgumentException>(() => a.SetFrom([1, 2, 3, 4, 5])).Message);
        Assert.StartsWith("Backward: the seed is 1×3 but the result is 2×3", Assert.Throws<ArgumentException>(() => (a * 2).Backward(Tensor.Ones(1, 3))).Message);
        Assert.StartsWith("Backward: the result is 2×3", Assert.Throws<InvalidOperationException>(() => (a * 2).Backward()).Message);
        Assert.StartsWith("Item: the tensor is 2×3", Assert.Throws<InvalidOperationException>(() => a.Item()).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tensor(0, 3));
        Assert.Throws<ArgumentNullException>(() => a.MatMul(null!));
        Assert.Throws<ArgumentNullException>(() => a + null!);
    }

    [Fact]
    public void Only_leaves_can_be_changed()
    {
        var a = Tensor.Ones(2, 2, requiresGrad: true);
        var b = a * 3;

        Assert.Throws<InvalidOperationException>(() => b.SetFrom([1, 2, 3, 4]));
        Assert.Throws<InvalidOperationException>(() => b[0, 0] = 1);
        Assert.Throws<InvalidOperationException>(() => b.RequiresGrad = false);
    }

    [Fact]
    public void Factories_and_the_constructor_default_requires_grad_as_pytorch_and_the_post_do()
    {
        Assert.True(new Tensor(2, 2).RequiresGrad);
        Assert.False(Tensor.Zeros(2, 2).RequiresGrad);
        Assert.False(Tensor.Ones(2, 2).RequiresGrad);
        Assert.False(Tensor.Randn(2, 2).RequiresGrad);
        Assert.True(Tensor.Randn(2, 2, requiresGrad: true).RequiresGrad);
        Assert.All(Tensor.Ones(3, 4).Data, x => Assert.Equal(1, x));
        Assert.All(Tensor.Zeros(3, 4).Data, x => Assert.Equal(0, x));
        Assert.Equal(12, new Tensor(3, 4).Grad.Length);
    }

    [Fact]
    public void Randn_draws_standard_normals_and_repeats_from_a_seed()
    {
        var x = Tensor.Randn(200, 100, new Random(3), std: 2);
        double mean = x.Data.Average();
        double std = Math.Sqrt(x.Data.Select(v => (v - mean) * (v - mean)).Average());

        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(std, 1.95, 2.05);
        Assert.Equal(Tensor.Randn(3, 3, new Random(9)).Data, Tensor.Randn(3, 3, new Random(9)).Data);
    }

    [Fact]
    public void The_default_generator_restarts_from_a_seed_and_starts_the_same_on_every_thread()
    {
        Rng.Seed(7);
        var first = Tensor.Randn(2, 3).Data;
        Rng.Seed(7);
        Assert.Equal(first, Tensor.Randn(2, 3).Data);

        // A thread started without this test's ambient values; one started with them would draw on from seed 7.
        double[] OnFreshThread()
        {
            double[] result = [];
            var thread = new Thread(() => result = Tensor.Randn(2, 3).Data);
            thread.UnsafeStart();
            thread.Join();
            return result;
        }

        Assert.Equal(OnFreshThread(), OnFreshThread());
        Assert.Equal(Tensor.Randn(2, 3, new Random(Rng.DefaultSeed)).Data, OnFreshThread());
    }

    [Fact]
    public void Item_reads_a_one_by_one_and_backward_seeds_it_with_one()
    {
        var a = new Tensor(2, 2);
        a.SetFrom([1, 2, 3, 4]);
        var loss = (a * a).Sum();

        loss.Backward();

        Assert.Equal(30, loss.Item());
        Assert.Equal([1], loss.Grad);
        Assert.Equal([2, 4, 6, 8], a.Grad);
    }

    [Fact]
    public void Leaf_gradients_accumulate_exactly_and_interior_ones_restart()
    {
        var a = Tensor.Randn(3, 4, new Random(1), requiresGrad: true);
        var w = Tensor.Randn(4, 2, new Random(2), requiresGrad: true);
        var h = a.MatMul(w).Tanh();
        var loss = h.Mean();

        loss.Backward();
        var once = (double[])a.Grad.Clone();
        var interior = (double[])h.Grad.Clone();
        loss.Backward();

        Assert.Equal(once.Select(g => 2 * g), a.Grad);
        Assert.Equal(interior, h.Grad);
        a.ZeroGrad();
        Assert.All(a.Grad, g => Assert.Equal(0, g));
        loss.ZeroGrad();
        Assert.All(w.Grad, g => Assert.Equal(0, g));
        Assert.All(h.Grad, g => Assert.Equal(0, g));
    }

    [Fact]
    public void A_tensor_used_twice_receives_both_contributions()
    {
        var a = new Tensor(2, 2);
        a.SetFrom([1, 2, 3, 4]);

        a.MatMul(a).Sum().Backward();

        // d/da Σ (a·a) = ones·aᵀ + aᵀ·ones.
        Assert.Equal([3 + 4, 7 + 4, 3 + 6, 7 + 6], a.Grad);
    }

    [Fact]
    public void Frozen_inputs_receive_nothing_and_no_grad_records_nothing()
    {
        var x = Tensor.Ones(2, 3);
        var w = Tensor.Ones(3, 1, requiresGrad: true);

        x.MatMul(w).Sum().Backward();

        Assert.All(x.Grad, g => Assert.Equal(0, g));
        Assert.All(w.Grad, g => Assert.Equal(2, g));

        Tensor y;
        using (NoGrad.Scope())
        {
            y = x.MatMul(w).Relu();
        }

        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
        Assert.Null(y.Op);
        Assert.Empty(y.Inputs);
        Assert.Equal([3, 3], y.Data);
        Assert.Contains("does not require grad", Assert.Throws<InvalidOperationException>(() => y.Sum().Backward()).Message);
    }

    [Fact]
    public void Broadcast_row_collects_the_gradient_of_every_row()
    {
        var x = new Tensor(3, 2);
        x.SetFrom([1, 2, 3, 4, 5, 6]);
        var bias = new Tensor(1, 2);
        bias.SetFrom([10, 20]);

        var sum = x + bias;
        var difference = x - bias;
        var product = x * bias;
        ((2 * sum) + difference + product).Sum().Backward();

        Assert.Equal([11, 22, 13, 24, 15, 26], sum.Data);
        Assert.Equal([-9, -18, -7, -16, -5, -14], difference.Data);
        Assert.Equal([10, 40, 30, 80, 50, 120], product.Data);
        Assert.Equal([6 - 3 + 9, 6 - 3 + 12], bias.Grad);
        Assert.Equal([13, 23, 13, 23, 13, 23], x.Grad);
    }

    [Fact]
    public void Constants_combine_on_either_side()
    {
        var x = new Tensor(1, 3);
        x.SetFrom([1, 2, 3]);

        Assert.Equal([3, 4, 5], (x + 2).Data);
        Assert.Equal([3, 4, 5], (2 + x).Data);
        Assert.Equal([-1, 0, 1], (x - 2).Data);
        Assert.Equal([1, 0, -1], (2 - x).Data);
        Assert.Equal([2, 4, 6], (x * 2).Data);
        Assert.Equal([2, 4, 6], (2 * x).Data);
        Assert.Equal(["AddConstant", "AddConstant", "SubConstant", "SubFromConstant", "MulConstant", "MulConstant"], new[] { x + 2, 2 + x, x - 2, 2 - x, x * 2, 2 * x }.Select(t => t.Op));

        ((x + 2) + (2 + x) + (x - 2) + (2 - x) + (x * 2) + (2 * x)).Sum().Backward();
        Assert.Equal([6, 6, 6], x.Grad);
    }

    [Fact]
    public void Unary_ops_compute_their_textbook_values()
    {
        var x = new Tensor(1, 4);
        x.SetFrom([-1.5, 0, 0.5, 2]);

        Assert.Equal([0, 0, 0.5, 2], x.Relu().Data);
        AssertAll(x.Data.Select(Math.Tanh), x.Tanh().Data);
        AssertAll(x.Data.Select(v => 1 / (1 + Math.Exp(-v))), x.Sigmoid().Data);
        AssertAll(x.Data.Select(Math.Exp), x.Exp().Data);
        Assert.Equal(1, x.Sum().Item());
        Assert.Equal(0.25, x.Mean().Item());
        Assert.Equal(["Relu", "Tanh", "Sigmoid", "Exp", "Log", "Softmax", "Sum", "Mean", "Transpose"],
            new[] { x.Relu(), x.Tanh(), x.Sigmoid(), x.Exp(), (x + 2).Log(), x.Softmax(), x.Sum(), x.Mean(), x.Transpose() }.Select(t => t.Op));
    }

    [Fact]
    public void Log_follows_ieee_754_at_zero_and_below()
    {
        var x = new Tensor(1, 3);
        x.SetFrom([0, -1, Math.E]);

        var y = x.Log();
        y.Backward(Tensor.Ones(1, 3));

        Assert.Equal(double.NegativeInfinity, y.Data[0]);
        Assert.True(double.IsNaN(y.Data[1]));
        Assert.Equal(1, y.Data[2], 15);
        Assert.Equal([double.PositiveInfinity, -1, 1 / Math.E], x.Grad);
    }

    [Fact]
    public void Relu_gradient_is_zero_at_zero()
    {
        var x = new Tensor(1, 3);
        x.SetFrom([-1, 0, 1]);

        x.Relu().Sum().Backward();

        Assert.Equal([0, 0, 1], x.Grad);
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_stay_finite_for_large_logits()
    {
        var logits = new Tensor(2, 3);
        logits.SetFrom([1000, 1001, 1002, -1000, 0, 1000]);

        var p = logits.Softmax();
        (p * Tensor.Randn(2, 3, new Random(4))).Sum().Backward();

        Assert.All(p.Data, v => Assert.True(double.IsFinite(v)));
        Assert.All(logits.Grad, g => Assert.True(double.IsFinite(g)));
        Assert.Equal(1, p.Data[0] + p.Data[1] + p.Data[2], 15);
        double e1 = Math.Exp(-1), e2 = Math.Exp(-2);
        Assert.Equal(1 / (1 + e1 + e2), p.Data[2], 15);
        Assert.Equal(e2 / (1 + e1 + e2), p.Data[0], 15);
        Assert.Equal([0, 0, 1], p.Data[3..]);
    }

    [Fact]
    public void Transpose_moves_each_element_and_its_gradient()
    {
        var x = new Tensor(2, 3);
        x.SetFrom([1, 2, 3, 4, 5, 6]);
        var seed = new Tensor(3, 2);
        seed.SetFrom([10, 40, 20, 50, 30, 60]);

        var t = x.Transpose();
        t.Backward(seed);

        Assert.Equal((3, 2), (t.Rows, t.Cols));
        Assert.Equal([1, 4, 2, 5, 3, 6], t.Data);
        Assert.Equal([10, 20, 30, 40, 50, 60], x.Grad);
    }

    [Fact]
    public void Argmax_gives_the_first_largest_column_of_each_row()
    {
        var x = new Tensor(3, 3);
        x.SetFrom([1, 5, 5, -2, -1, -3, 0, double.NaN, 9]);

        Assert.Equal([1, 1, 1], x.ArgMax());
    }

    [Fact]
    public void Detach_copies_the_values_without_the_graph()
    {
        var x = Tensor.Ones(2, 2, requiresGrad: true);
        var y = (x * 3).Detach();

        Assert.Equal([3, 3, 3, 3], y.Data);
        Assert.True(y.IsLeaf);
        Assert.False(y.RequiresGrad);
        Assert.Null(y.Op);
    }

    [Fact]
    public void Printouts_show_shape_values_and_gradients_rounded()
    {
        var a = new Tensor(2, 3) { Label = "a" };
        a.SetFrom([2, 3, 4, 5, 6, 1.0 / 3]);
        var big = Tensor.Zeros(10, 10);

        Assert.Equal(["2×3", "value [2, 3, 4; 5, 6, 0.333333]", "grad [0, 0, 0; 0, 0, 0]"], a.PictureLines());
        Assert.Equal(["10×10"], big.PictureLines());
        Assert.Equal(
            "Tensor 2×3 · label a · leaf · requires grad\n" +
            "data\n" +
            "  2  3         4\n" +
            "  5  6  0.333333\n" +
            "grad\n" +
            "  0  0  0\n" +
            "  0  0  0",
            a.ToString());
        Assert.Contains("MatMul", a.MatMul(a.Transpose()).ToSvg());
    }

    [Fact]
    public void A_printout_names_the_operation_and_leaves_out_the_gradient_of_a_tensor_without_one()
    {
        var w = Tensor.Ones(1, 2, requiresGrad: true);
        var doubled = w * 2;
        var frozen = Tensor.Ones(1, 2);

        Assert.NotNull(doubled.Op);
        Assert.Equal($"Tensor 1×2 · op {doubled.Op} · requires grad\ndata\n  2  2\ngrad\n  0  0", doubled.ToString());
        Assert.Equal("Tensor 1×2 · leaf · no grad\ndata\n  1  1", frozen.ToString());
    }

    [Fact]
    public void A_large_printout_shows_the_corners_and_says_how_much()
    {
        var t = Tensor.Zeros(20, 30);
        t.SetFrom(Enumerable.Range(0, 600).Select(i => (double)i).ToArray());

        var lines = t.ToString().Split('\n');

        Assert.Equal("Tensor 20×30 · leaf · no grad · showing 8 of 20 rows, 8 of 30 columns", lines[0]);
        Assert.Equal(["data",
            "    0    1    2    3  …   26   27   28   29",
            "   30   31   32   33  …   56   57   58   59",
            "   60   61   62   63  …   86   87   88   89",
            "   90   91   92   93  …  116  117  118  119",
            "    …    …    …    …  …    …    …    …    …",
            "  480  481  482  483  …  506  507  508  509",
            "  510  511  512  513  …  536  537  538  539",
            "  540  541  542  543  …  566  567  568  569",
            "  570  571  572  573  …  596  597  598  599"], lines[1..]);
        Assert.DoesNotContain("…", Tensor.Zeros(8, 8).ToString());
    }

    [Theory]
    [InlineData(1.0 / 3, "0.333333")]
    [InlineData(-12, "-12")]
    [InlineData(1234.5, "1234.5")]
    [InlineData(1234.5678, "1234.57")]
    [InlineData(123456789, "1.23457E+08")]
    [InlineData(0.000012345678, "1.23457E-05")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Printed_numbers_keep_six_significant_digits(double value, string expected)
    {
        var t = Tensor.Zeros(1, 1);
        t[0, 0] = value;

        Assert.Equal(expected, NumberText.Format(value));
        Assert.Equal($"Tensor 1×1 · leaf · no grad\ndata\n  {expected}", t.ToString());
    }

    [Theory]
    [InlineData(1.0 / 3, 0.333333)]
    [InlineData(4.123456789, 4.12346)]
    [InlineData(123456789, 123457000)]
    [InlineData(2, 2)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NaN, double.NaN)]
    public void Rounding_gives_the_printed_number(double value, double expected)
    {
        Assert.Equal(expected, NumberText.Round(value));
    }

    private static void AssertAll(IEnumerable<double> expected, double[] actual)
    {
        var e = expected.ToArray();
        Assert.Equal(e.Length, actual.Length);
        for (int i = 0; i < e.Length; i++)
        {
            Assert.Equal(e[i], actual[i], 1e-14);
        }
    }
}
