using Autograd.NN;
using Autograd.Optim;

namespace Autograd.Tests;

/// <summary>
/// <see cref="SGD"/> and <see cref="Adam"/> against updates computed by hand (and checked against
/// torch.optim 1.13 in float64), on loss = ½ Σ p², whose gradient is p itself, from p = [1, -2].
/// </summary>
public class OptimTests
{
    [Fact]
    public void Sgd_without_momentum_is_p_minus_lr_times_grad()
    {
        var p = Start();

        var sgd = new SGD([p], lr: 0.1);
        Run(sgd, p, 1);

        Assert.Equal([0.9, -1.8], p.Data);
    }

    [Fact]
    public void Sgd_with_momentum_matches_a_hand_computed_update()
    {
        var p = Start();
        var sgd = new SGD([p], lr: 0.1, momentum: 0.9);

        // Step 1: g = p = [1, -2]; buf = g = [1, -2]; p = p - 0.1·buf = [0.9, -1.8].
        // Step 2: g = [0.9, -1.8]; buf = 0.9·[1, -2] + g = [1.8, -3.6]; p = [0.9 - 0.18, -1.8 + 0.36] = [0.72, -1.44].
        // Step 3: g = [0.72, -1.44]; buf = 0.9·[1.8, -3.6] + g = [2.34, -4.68]; p = [0.72 - 0.234, -1.44 + 0.468] = [0.486, -0.972].
        double[][] expected = [[0.9, -1.8], [0.72, -1.44], [0.486, -0.972]];
        for (int step = 0; step < 3; step++)
        {
            Run(sgd, p, 1);
            AssertClose(expected[step], p.Data);
        }
    }

    [Fact]
    public void Sgd_adds_weight_decay_to_the_gradient()
    {
        var p = Start();
        var sgd = new SGD([p], lr: 0.1, momentum: 0.9, weightDecay: 0.5);

        // Step 1: g = p + 0.5·p = [1.5, -3]; buf = g; p = [1 - 0.15, -2 + 0.3] = [0.85, -1.7].
        // Step 2: g = 1.5·[0.85, -1.7] = [1.275, -2.55]; buf = 0.9·[1.5, -3] + g = [2.625, -5.25];
        //         p = [0.85 - 0.2625, -1.7 + 0.525] = [0.5875, -1.175].
        Run(sgd, p, 1);
        AssertClose([0.85, -1.7], p.Data);
        Run(sgd, p, 1);
        AssertClose([0.5875, -1.175], p.Data);
    }

    [Fact]
    public void Adam_matches_a_hand_computed_update()
    {
        var p = Start();
        var adam = new Adam([p], lr: 0.1);

        // Step 1: g = [1, -2]; m = 0.1·g = [0.1, -0.2]; v = 0.001·g² = [0.001, 0.004]; m̂ = m / 0.1 = g; v̂ = v / 0.001 = [1, 4];
        //         p = p - 0.1·m̂ / (√v̂ + 1e-8) = [1 - 0.1/(1 + 1e-8), -2 + 0.2/(2 + 1e-8)] = [0.900000001, -1.9000000005].
        // Step 2: g = p; m = 0.9·0.1 + 0.1·0.900000001 = 0.1800000001; v = 0.999·0.001 + 0.001·0.900000001² = 0.0018090000018;
        //         m̂ = m / (1 - 0.9²) = 0.947368421578..., v̂ = v / (1 - 0.999²) = 0.904952477138...;
        //         p = 0.900000001 - 0.1·m̂ / (√v̂ + 1e-8) = 0.900000001 - 0.0995877712876... = 0.8004122297123382 (and likewise for -1.9).
        // Step 3: the same rule once more; torch.optim.Adam gives the same numbers to the last digit shown.
        double[][] expected =
        [
            [0.900000001, -1.9000000005],
            [0.8004122297123382, -1.8001664866210927],
            [0.701586274504415, -1.7006233928121137],
        ];
        for (int step = 0; step < 3; step++)
        {
            Run(adam, p, 1);
            AssertClose(expected[step], p.Data);
        }
    }

    [Fact]
    public void Adam_adds_weight_decay_to_the_gradient()
    {
        var p = Start();
        var adam = new Adam([p], lr: 0.1, weightDecay: 0.5);

        // Step 1: g = 1.5·p, so m̂ / √v̂ = sign(p) as before, but eps weighs less: p0 = 1 - 0.1·1.5/(1.5 + 1e-8) = 0.9000000006666...
        double[][] expected =
        [
            [0.9000000006666666, -1.9000000003333333],
            [0.8004122290319745, -1.8001664862841649],
            [0.7015862734654917, -1.7006233923016814],
        ];
        for (int step = 0; step < 3; step++)
        {
            Run(adam, p, 1);
            AssertClose(expected[step], p.Data);
        }
    }

    [Fact]
    public void Frozen_parameters_are_left_alone()
    {
        var trained = Start();
        var frozen = Start();
        frozen.Grad[0] = 5;
        frozen.RequiresGrad = false;
        var adam = new Adam([trained, frozen], lr: 0.1);
        var sgd = new SGD([trained, frozen], lr: 0.1, momentum: 0.9);

        ((0.5 * (trained * trained).Sum()) + (frozen * frozen).Sum()).Backward();
        adam.Step();
        sgd.Step();

        Assert.Equal([1, -2], frozen.Data);
        Assert.NotEqual([1, -2], trained.Data);
    }

    [Fact]
    public void Zero_grad_clears_the_gradients_and_duplicates_are_stepped_once()
    {
        var p = Start();
        var sgd = new SGD([p, p], lr: 0.1);
        (0.5 * (p * p).Sum()).Backward();

        sgd.Step();
        sgd.ZeroGrad();

        Assert.Equal([0.9, -1.8], p.Data);
        Assert.Equal([0, 0], p.Grad);
        Assert.Single(sgd.Parameters);
    }

    [Fact]
    public void Optimizer_and_module_zero_grad_clear_the_same_gradients_so_the_next_pass_starts_from_zero()
    {
        var model = new Sequential(new Linear(2, 3, new Random(1)), new Tanh(), new Linear(3, 1, new Random(2)));
        var x = Tensor.Randn(4, 2, new Random(3));
        var loss = model.Forward(x).Sum();
        loss.Backward();
        var once = model.Parameters().Select(p => (double[])p.Grad.Clone()).ToList();
        loss.Backward();
        Assert.Equal(once.Select(g => g.Select(v => 2 * v)), model.Parameters().Select(p => p.Grad));

        new SGD(model.Parameters(), lr: 0.1).ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.All(p.Grad, g => Assert.Equal(0, g)));
        loss.Backward();
        Assert.Equal(once, model.Parameters().Select(p => p.Grad));

        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.All(p.Grad, g => Assert.Equal(0, g)));
        loss.Backward();
        Assert.Equal(once, model.Parameters().Select(p => p.Grad));
    }

    [Fact]
    public void Optimizers_refuse_bad_arguments_with_clear_messages()
    {
        var p = Start();

        Assert.Contains("lr must be a finite number ≥ 0, got -1", Assert.Throws<ArgumentOutOfRangeException>(() => new SGD([p], lr: -1)).Message);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new SGD([p], 0.1, momentum: -0.5)).ParamName);
        Assert.Equal("weightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new SGD([p], 0.1, weightDecay: double.NaN)).ParamName);
        Assert.Equal("lr", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], lr: double.NaN)).ParamName);
        Assert.Contains("beta1 must be in [0, 1), got 1", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], beta1: 1)).Message);
        Assert.Equal("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], beta2: -0.1)).ParamName);
        Assert.Equal("eps", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], eps: -1)).ParamName);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new Adam([])).Message);
        Assert.Contains("only update leaves", Assert.Throws<ArgumentException>(() => new SGD([p * 2], 0.1)).Message);
        Assert.Throws<ArgumentNullException>(() => new SGD(null!, 0.1));
        Assert.Throws<ArgumentNullException>(() => new SGD([p, null!], 0.1));
        var sgd = new SGD([p], 0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = -0.1);
        sgd.LearningRate = 0.01;
        Assert.Equal(0.01, sgd.LearningRate);
    }

    [Fact]
    public void A_module_trains_through_its_parameters()
    {
        var model = new Sequential(new Linear(2, 4, new Random(1)), new Tanh(), new Linear(4, 1, new Random(2)));
        var x = Tensor.Randn(16, 2, new Random(3));
        var target = new Tensor(16, 1, requiresGrad: false);
        for (int r = 0; r < 16; r++)
        {
            target[r, 0] = x[r, 0] - (2 * x[r, 1]);
        }

        var adam = new Adam(model.Parameters(), lr: 0.05);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 200; step++)
        {
            adam.ZeroGrad();
            var loss = new MSELoss().Forward(model.Forward(x), target);
            loss.Backward();
            adam.Step();
            last = loss.Item();
            first = step == 0 ? last : first;
        }

        Assert.True(last < first / 20, $"loss {first} → {last}");
    }

    private static Tensor Start()
    {
        var p = new Tensor(1, 2);
        p.SetFrom([1, -2]);
        return p;
    }

    /// <summary>Runs <paramref name="steps"/> steps on loss = ½ Σ p², whose gradient is p.</summary>
    private static void Run(Optimizer optimizer, Tensor p, int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            optimizer.ZeroGrad();
            (0.5 * (p * p).Sum()).Backward();
            optimizer.Step();
        }
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-14, $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
