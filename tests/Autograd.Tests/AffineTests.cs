using Autograd.NN;
using Autograd.Ops.Tensors;
using Autograd.Optim;

namespace Autograd.Tests;

/// <summary>
/// The fused X·W + b node that <see cref="Linear"/> builds, and the gradients written rather than added when they are
/// known to be zero: both must give exactly the bits of the unfused graph, pass after pass.
/// </summary>
public class AffineTests
{
    [Theory]
    [InlineData(3, 4, 5)] // the reference loop
    [InlineData(300, 2, 100)] // thin: row updates
    [InlineData(128, 70, 40)] // packed
    [InlineData(130, 300, 50)] // packed, the summed dimension in two slices
    public void Affine_has_the_bits_of_MatMul_then_Add_in_value_and_every_gradient(int n, int inputs, int outputs)
    {
        var rng = new Random(n + inputs + outputs);
        var x = Tensor.Randn(n, inputs, rng, requiresGrad: true);
        var w = Tensor.Randn(inputs, outputs, rng, requiresGrad: true);
        var b = Tensor.Randn(1, outputs, rng, requiresGrad: true);
        var seed = Tensor.Randn(n, outputs, rng);

        var (fused, fusedGrads) = Run(() => new Affine(x, w, b));
        var (plain, plainGrads) = Run(() => x.MatMul(w) + b);

        Assert.Equal(Bits(plain), Bits(fused));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(Bits(plainGrads[i]), Bits(fusedGrads[i]));
        }

        (double[] Value, double[][] Grads) Run(Func<Tensor> build)
        {
            // Two passes, then a ZeroGrad and a third: the first and third write into gradients known to be zero,
            // the second adds to them.
            foreach (var t in new[] { x, w, b })
            {
                t.ZeroGrad();
            }

            build().Backward(seed);
            var y = build();
            y.Backward(seed);
            var afterTwo = new[] { x, w, b }.Select(t => (double[])t.Grad.Clone()).ToArray();
            foreach (var t in new[] { x, w, b })
            {
                t.ZeroGrad();
            }

            build().Backward(seed);
            var grads = new[] { x, w, b }.Select(t => (double[])t.Grad.Clone()).ToArray();
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(grads[i].Select(g => g + g), afterTwo[i]);
            }

            return (y.Data, grads);
        }
    }

    [Fact]
    public void Linear_builds_one_Affine_node_over_its_weight_and_bias()
    {
        var layer = new Linear(3, 2, new Random(1));
        var y = layer.Forward(Tensor.Ones(4, 3));

        Assert.Equal("Affine", y.Op);
        Assert.Same(layer.Weight, y.Inputs[1]);
        Assert.Same(layer.Bias, y.Inputs[2]);
    }

    [Fact]
    public void Bad_shapes_are_refused_before_any_work_with_both_shapes()
    {
        var x = Tensor.Ones(2, 3);

        var inner = Assert.Throws<ArgumentException>(() => new Affine(x, Tensor.Ones(4, 5), Tensor.Ones(1, 5)));
        var bias = Assert.Throws<ArgumentException>(() => new Affine(x, Tensor.Ones(3, 5), Tensor.Ones(1, 4)));

        Assert.Equal("Affine: (2×3)·(4×5), inner sizes 3 and 4 differ.", inner.Message);
        Assert.Equal("Affine: the bias is 1×4, but (2×3)·(3×5) needs a 1×5 row.", bias.Message);
    }

    [Fact]
    public void A_gradient_array_held_by_the_caller_is_cleared_by_ZeroGrad_at_once()
    {
        var w = Tensor.Ones(3, 2, requiresGrad: true);
        var x = Tensor.Ones(4, 3);
        x.MatMul(w).Sum().Backward();
        var held = w.Grad;
        Assert.Equal(4.0, held[0]);

        w.ZeroGrad();

        Assert.All(held, g => Assert.Equal(0.0, g));
        x.MatMul(w).Sum().Backward();
        Assert.All(held, g => Assert.Equal(4.0, g));
    }

    [Fact]
    public void A_weight_used_by_two_products_in_one_pass_gets_both_contributions()
    {
        var w = Tensor.Ones(3, 3, requiresGrad: true);
        var x = Tensor.Ones(2, 3);
        w.ZeroGrad();

        (x.MatMul(w).Sum() + x.MatMul(w).Sum()).Backward();

        Assert.All(w.Grad, g => Assert.Equal(4.0, g));
    }

    [Fact]
    public void After_an_optimizers_ZeroGrad_a_pass_gives_the_gradients_of_a_first_pass()
    {
        // The optimizer reads gradients without handing them out, so its ZeroGrad leaves the clearing pending: the
        // weights' gradients are then written over stale numbers, and the biases' cleared when first added to.
        var model = new Sequential(new Linear(5, 40, new Random(1)), new ReLU(), new Linear(40, 3, new Random(2)));
        var optimizer = new SGD(model.Parameters(), lr: 0.1);
        var x = Tensor.Randn(64, 5, new Random(3));
        int[] y = [.. Enumerable.Range(0, 64).Select(i => i % 3)];

        new CrossEntropyLoss().Forward(model.Forward(x), y).Backward();
        var first = model.Parameters().Select(p => Bits(p.GradValues)).ToList();
        optimizer.ZeroGrad();
        new CrossEntropyLoss().Forward(model.Forward(x), y).Backward();
        var second = model.Parameters().Select(p => Bits(p.GradValues)).ToList();

        Assert.Equal(first, second);
        Assert.Contains(first[0], bits => bits != 0);
    }

    private static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
