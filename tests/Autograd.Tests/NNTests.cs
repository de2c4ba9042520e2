using Autograd.NN;

namespace Autograd.Tests;

/// <summary>The modules and losses of <see cref="Autograd.NN"/>: values, gradients, printouts and errors.</summary>
public class NNTests
{
    /// <summary>The JavaScript post's network, with weights chosen so that ReLU cuts one hidden unit.</summary>
    private static Sequential PostNetwork(bool softmax)
    {
        var first = new Linear(2, 3);
        first.Weight.SetFrom([0.1, -0.2, 0.3, 0.4, 0.5, -0.6]);
        first.Bias.SetFrom([0.1, -0.1, 0.2]);
        var second = new Linear(3, 2);
        second.Weight.SetFrom([0.2, -0.3, 0.1, 0.4, -0.5, 0.6]);
        second.Bias.SetFrom([0.05, 0.15]);
        return softmax ? new Sequential(first, new ReLU(), second, new Softmax()) : new Sequential(first, new ReLU(), second);
    }

    [Fact]
    public void The_posts_network_gives_hand_computed_values_and_gradients()
    {
        var model = PostNetwork(softmax: true);
        var x = new Tensor(1, 2);
        x.SetFrom([2, 3]);

        // x·W1 = [2·0.1 + 3·0.4, 2·-0.2 + 3·0.5, 2·0.3 + 3·-0.6] = [1.4, 1.1, -1.2]; + b1 = [1.5, 1, -1]; ReLU: [1.5, 1, 0].
        // h·W2 = [1.5·0.2 + 1·0.1, 1.5·-0.3 + 1·0.4] = [0.4, -0.05]; + b2 = z = [0.45, 0.1].
        // p = softmax(z): p0 = 1 / (1 + e^-0.35) = s = 0.58661757891733, p1 = 1 - s. The post's loss: -log p1.
        var p = model.Forward(x);
        var loss = -1 * (p.Log() * OneHot(2, 1)).Sum();
        loss.Backward();

        const double S = 0.58661757891733;
        Assert.Equal(S, p[0, 0], 12);
        Assert.Equal(1 - S, p[0, 1], 12);
        Assert.Equal(-Math.Log(1 - S), loss.Item(), 12);

        // dz = p - onehot(1) = [s, -s]; db2 = dz; dW2 = hᵀ·dz = [1.5s, -1.5s; s, -s; 0, 0].
        // dh = dz·W2ᵀ = [0.2s + 0.3s, 0.1s - 0.4s, -0.5s - 0.6s] = [0.5s, -0.3s, -1.1s], cut by ReLU to [0.5s, -0.3s, 0].
        // db1 = dh; dW1 = xᵀ·dh = [2·0.5s, 2·-0.3s, 0; 3·0.5s, 3·-0.3s, 0]; dx = dh·W1ᵀ = [0.05s + 0.06s, 0.2s - 0.15s].
        var first = (Linear)model[0];
        var second = (Linear)model[2];
        AssertClose([S, -S], second.Bias.Grad);
        AssertClose([1.5 * S, -1.5 * S, S, -S, 0, 0], second.Weight.Grad);
        AssertClose([0.5 * S, -0.3 * S, 0], first.Bias.Grad);
        AssertClose([S, -0.6 * S, 0, 1.5 * S, -0.9 * S, 0], first.Weight.Grad);
        AssertClose([0.11 * S, 0.05 * S], x.Grad);
    }

    [Fact]
    public void Cross_entropy_on_the_logits_gives_the_same_gradients_as_the_softmax_and_log()
    {
        var model = PostNetwork(softmax: false);
        var x = new Tensor(1, 2);
        x.SetFrom([2, 3]);

        var loss = new CrossEntropyLoss().Forward(model.Forward(x), [1]);
        loss.Backward();

        const double S = 0.58661757891733;
        Assert.Equal(-Math.Log(1 - S), loss.Item(), 12);
        AssertClose([S, -0.6 * S, 0, 1.5 * S, -0.9 * S, 0], ((Linear)model[0]).Weight.Grad);
        AssertClose([0.11 * S, 0.05 * S], x.Grad);
        Assert.Equal("CrossEntropy", loss.Op);
    }

    [Fact]
    public void Cross_entropy_matches_a_hand_computation_and_is_stable_at_large_logits()
    {
        var logits = new Tensor(2, 3);
        logits.SetFrom([1, 2, 3, 1000, 0, -1000]);

        var loss = new CrossEntropyLoss().Forward(logits, [2, 1]);
        loss.Backward();

        // Row 0: log(e + e² + e³) - 3 = log(1 + e⁻¹ + e⁻²) = 0.40760596444438. Row 1: 1000 + log(1 + e⁻¹⁰⁰⁰ + ...) - 0 = 1000.
        // The mean: 500.20380298222. A naive softmax would give e¹⁰⁰⁰ = ∞ and NaN.
        Assert.Equal((Math.Log(1 + Math.Exp(-1) + Math.Exp(-2)) + 1000) / 2, loss.Item(), 10);
        Assert.Equal(500.2038029822222, loss.Item(), 10);

        // d/dlogits = (softmax - onehot) / 2: row 0 softmax = [e⁻², e⁻¹, 1] / (1 + e⁻¹ + e⁻²); row 1 softmax = [1, 0, 0].
        double z = 1 + Math.Exp(-1) + Math.Exp(-2);
        AssertClose([Math.Exp(-2) / z / 2, Math.Exp(-1) / z / 2, ((1 / z) - 1) / 2, 0.5, -0.5, 0], logits.Grad);
        AssertClose([0.04501528658519022, 0.12236423552739882, -0.1673795221125891, 0.5, -0.5, 0], logits.Grad);
    }

    [Fact]
    public void Cross_entropy_of_a_correct_confident_row_is_zero_not_nan()
    {
        var logits = new Tensor(1, 2);
        logits.SetFrom([1000, -1000]);

        var loss = new CrossEntropyLoss().Forward(logits, [0]);
        loss.Backward();

        Assert.Equal(0, loss.Item());
        Assert.Equal([0, 0], logits.Grad);
    }

    [Fact]
    public void Cross_entropy_refuses_targets_that_do_not_fit()
    {
        var logits = new Tensor(3, 4);
        var loss = new CrossEntropyLoss();

        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => loss.Forward(logits, [0, 4, 1]));
        Assert.Contains("target 4 in row 1", outOfRange.Message);
        Assert.Contains("4 classes", outOfRange.Message);
        Assert.Contains("target -1 in row 2", Assert.Throws<ArgumentOutOfRangeException>(() => loss.Forward(logits, [0, 1, -1])).Message);
        var count = Assert.Throws<ArgumentException>(() => loss.Forward(logits, [0, 1]));
        Assert.StartsWith("CrossEntropyLoss: 2 targets for 3 rows of logits (3×4)", count.Message);
        Assert.Throws<ArgumentNullException>(() => loss.Forward(logits, null!));
    }

    [Fact]
    public void Mse_is_the_mean_of_squared_differences()
    {
        var prediction = new Tensor(2, 2);
        prediction.SetFrom([1, 2, 3, 4]);
        var target = Tensor.Zeros(2, 2);
        target.SetFrom([1, 0, 0, 8]);

        var loss = new MSELoss().Forward(prediction, target);
        loss.Backward();

        // (0² + 2² + 3² + (-4)²) / 4 = 29 / 4; d/dprediction = 2(prediction - target) / 4.
        Assert.Equal(7.25, loss.Item());
        Assert.Equal([0, 1, 1.5, -2], prediction.Grad);
        Assert.StartsWith(
            "MSELoss: the prediction is 2×2 but the target is 1×2",
            Assert.Throws<ArgumentException>(() => new MSELoss().Forward(prediction, Tensor.Zeros(1, 2))).Message);
    }

    public static TheoryData<string> Modules => new() { "Linear", "ReLU", "Tanh", "Sigmoid", "Softmax", "Sequential", "CrossEntropy", "MSE" };

    [Theory]
    [MemberData(nameof(Modules))]
    public void Each_module_and_loss_agrees_with_finite_differences(string name)
    {
        var rng = new Random(7);
        var x = Tensor.Randn(4, 3, rng);
        var linear = new Linear(3, 2, rng);
        var network = new Sequential(new Linear(3, 5, rng), new Tanh(), new Linear(5, 2, rng), new Softmax());
        GradCheckResult result = name switch
        {
            "Linear" => GradCheck.Check(t => linear.Forward(t[0]), x),
            "ReLU" => GradCheck.Check(t => new ReLU().Forward(t[0]), x),
            "Tanh" => GradCheck.Check(t => new Tanh().Forward(t[0]), x),
            "Sigmoid" => GradCheck.Check(t => new Sigmoid().Forward(t[0]), x),
            "Softmax" => GradCheck.Check(t => new Softmax().Forward(t[0]), x),
            "Sequential" => GradCheck.Check(t => network.Forward(t[0]), x),
            "CrossEntropy" => GradCheck.Check(t => new CrossEntropyLoss().Forward(t[0], [2, 0, 1, 2]), x),
            "MSE" => GradCheck.Check(t => new MSELoss().Forward(t[0], t[1]), x, Tensor.Randn(4, 3, rng)),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        Assert.True(result.Passed(1e-7), $"{name}: {result}");
    }

    [Fact]
    public void Parameter_gradients_agree_with_finite_differences()
    {
        var rng = new Random(8);
        var x = Tensor.Randn(5, 3, rng);
        int[] y = [0, 1, 2, 1, 0];
        var model = new Sequential(new Linear(3, 4, rng), new Tanh(), new Linear(4, 4, rng), new Sigmoid(), new Linear(4, 3, rng));
        var loss = new CrossEntropyLoss();
        loss.Forward(model.Forward(x), y).Backward();

        // Central differences on every weight and bias, moved in place and put back.
        const double H = 1e-6;
        foreach (var p in model.Parameters())
        {
            for (int i = 0; i < p.Data.Length; i++)
            {
                double saved = p.Data[i];
                p.Data[i] = saved + H;
                double plus = loss.Forward(model.Forward(x), y).Item();
                p.Data[i] = saved - H;
                double minus = loss.Forward(model.Forward(x), y).Item();
                p.Data[i] = saved;
                Assert.True(Math.Abs(((plus - minus) / (2 * H)) - p.Grad[i]) < 1e-8, $"{p.Label} element {i}: {p.Grad[i]} vs {(plus - minus) / (2 * H)}");
            }
        }
    }

    [Fact]
    public void Linear_forward_is_x_times_w_plus_b_through_the_module()
    {
        var linear = new Linear(3, 2, new Random(3));
        var x = Tensor.Randn(4, 3, new Random(4), requiresGrad: true);

        var result = GradCheck.Check(t => new Sequential(linear).Forward(t[0]), x);
        var y = linear.Forward(x);

        Assert.True(result.Passed(1e-7), result.ToString());
        Assert.Equal((x.MatMul(linear.Weight) + linear.Bias).Data, y.Data);
        Assert.Equal([linear.Weight, linear.Bias], linear.Parameters());
        Assert.Equal((3, 2), (linear.Weight.Rows, linear.Weight.Cols));
        Assert.Equal((1, 2), (linear.Bias.Rows, linear.Bias.Cols));
        Assert.True(linear.Weight.RequiresGrad && linear.Bias.RequiresGrad);
    }

    [Fact]
    public void Linear_initialises_within_one_over_root_in_and_repeats_for_a_seed()
    {
        var a = new Linear(100, 50, new Random(5));
        var b = new Linear(100, 50, new Random(5));
        Rng.Seed(9);
        var c = new Linear(100, 50);
        Rng.Seed(9);
        var d = new Linear(100, 50);

        Assert.Equal(a.Weight.Data, b.Weight.Data);
        Assert.Equal(a.Bias.Data, b.Bias.Data);
        Assert.Equal(c.Weight.Data, d.Weight.Data);
        Assert.NotEqual(a.Weight.Data, c.Weight.Data);
        Assert.All(a.Weight.Data.Concat(a.Bias.Data), w => Assert.InRange(Math.Abs(w), 0, 0.1));

        // U(-0.1, 0.1) has standard deviation 0.1/√3 = 0.0577; 5000 samples pin it to within a few per cent.
        double std = Math.Sqrt(a.Weight.Data.Average(w => w * w));
        Assert.InRange(std, 0.055, 0.060);
    }

    [Fact]
    public void Modules_refuse_bad_sizes_and_inputs()
    {
        Assert.Equal("inFeatures", Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(0, 3)).ParamName);
        Assert.Equal("outFeatures", Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(3, 0)).ParamName);
        var error = Assert.Throws<ArgumentException>(() => new Linear(2, 3).Forward(new Tensor(1, 4)));
        Assert.StartsWith("Linear(2, 3): the input is 1×4, but this layer takes rows of 2 features", error.Message);
        Assert.Throws<ArgumentNullException>(() => new Sequential(new ReLU(), null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sequential(new ReLU())[1]);
        Assert.Throws<ArgumentNullException>(() => new ReLU().Forward(null!));
    }

    [Fact]
    public void Activations_apply_their_function_elementwise()
    {
        var x = new Tensor(1, 3);
        x.SetFrom([-1, 0, 2]);

        Assert.Equal([0, 0, 2], new ReLU().Forward(x).Data);
        AssertClose([Math.Tanh(-1), 0, Math.Tanh(2)], new Tanh().Forward(x).Data);
        AssertClose([1 / (1 + Math.E), 0.5, 1 / (1 + Math.Exp(-2))], new Sigmoid().Forward(x).Data);
        double z = Math.Exp(-1) + 1 + Math.Exp(2);
        AssertClose([Math.Exp(-1) / z, 1 / z, Math.Exp(2) / z], new Softmax().Forward(x).Data);
    }

    [Fact]
    public void Sequential_lists_layers_parameters_and_counts()
    {
        var first = new Linear(2, 3);
        var second = new Linear(3, 2);
        var model = new Sequential(first, new ReLU(), second, new Softmax());

        Assert.Equal(4, model.Count);
        Assert.Same(second, model[2]);
        Assert.Equal([first.Weight, first.Bias, second.Weight, second.Bias], model.Parameters());
        Assert.Equal(17, model.ParameterCount);
        Assert.Equal(0, new ReLU().ParameterCount);
        Assert.Equal(4, model.Count());
    }

    [Fact]
    public void Sequential_prints_a_table_of_layers_parameter_shapes_and_counts()
    {
        var model = new Sequential(new Linear(2, 100), new ReLU(), new Linear(100, 3), new Softmax());

        Assert.Equal(
            "Sequential: 4 layers, 603 parameters\n" +
            "#  Layer           Parameter shapes          Parameters\n" +
            "0  Linear(2, 100)  weight 2×100, bias 1×100         300\n" +
            "1  ReLU            —                                  0\n" +
            "2  Linear(100, 3)  weight 100×3, bias 1×3           303\n" +
            "3  Softmax         —                                  0\n" +
            "   total                                            603",
            model.ToString());
        Assert.Equal("Linear(2, 100)", model[0].ToString());
        Assert.Equal("ReLU", model[1].ToString());
    }

    [Fact]
    public void A_nested_sequential_is_opened_up_in_the_table_under_its_parameters_names()
    {
        var model = new Sequential(new Linear(2, 4), new Sequential(new Tanh(), new Linear(4, 1)), new Sequential());

        Assert.Equal(
            "Sequential: 3 layers, 17 parameters\n" +
            "  #  Layer         Parameter shapes      Parameters\n" +
            "  0  Linear(2, 4)  weight 2×4, bias 1×4          12\n" +
            "1.0  Tanh          —                              0\n" +
            "1.1  Linear(4, 1)  weight 4×1, bias 1×1           5\n" +
            "  2  Sequential    —                              0\n" +
            "     total                                       17",
            model.ToString());
        Assert.Equal(["0.weight", "0.bias", "1.1.weight", "1.1.bias"], model.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void Named_parameters_have_pytorch_s_state_dict_names_and_parameters_follow_them()
    {
        var first = new Linear(2, 3);
        var second = new Linear(3, 2);
        var model = new Sequential(first, new ReLU(), second, new Softmax());

        Assert.Equal(
            [("0.weight", first.Weight), ("0.bias", first.Bias), ("2.weight", second.Weight), ("2.bias", second.Bias)],
            model.NamedParameters());
        Assert.Equal(model.NamedParameters().Select(p => p.Parameter), model.Parameters());
        Assert.Equal([("weight", first.Weight), ("bias", first.Bias)], first.NamedParameters());
        Assert.Empty(new ReLU().NamedParameters());

        // A layer used twice has both names, as in PyTorch's state_dict, and is trained once.
        var shared = new Sequential(first, new ReLU(), first);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], shared.NamedParameters().Select(p => p.Name));
        Assert.Equal([first.Weight, first.Bias], shared.Parameters());
        Assert.Equal(9, shared.ParameterCount);
    }

    [Fact]
    public void A_module_of_one_s_own_names_its_tensors_and_children_and_gets_parameters_and_a_table()
    {
        var block = new Block(new Random(1));
        var model = new Sequential(block, new Linear(3, 2, new Random(2)));

        Assert.Equal(["scale", "hidden.weight", "hidden.bias"], block.NamedParameters().Select(p => p.Name));
        Assert.Equal([block.Scale, block.Hidden.Weight, block.Hidden.Bias], block.Parameters());
        Assert.Equal(["0.scale", "0.hidden.weight", "0.hidden.bias", "1.weight", "1.bias"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(3 + 6 + 3 + 6 + 2, model.ParameterCount);
        Assert.Equal(
            "Sequential: 2 layers, 20 parameters\n" +
            "       #  Layer         Parameter shapes      Parameters\n" +
            "       0  Block         scale 1×3                      3\n" +
            "0.hidden  Linear(2, 3)  weight 2×3, bias 1×3           9\n" +
            "       1  Linear(3, 2)  weight 3×2, bias 1×2           8\n" +
            "          total                                       20",
            model.ToString());

        var x = Tensor.Ones(4, 2);
        new CrossEntropyLoss().Forward(model.Forward(x), [0, 1, 0, 1]).Backward();
        Assert.Contains(block.Scale.Grad, g => g != 0);
        model.ZeroGrad();
        Assert.All(model.Parameters().SelectMany(p => p.Grad), g => Assert.Equal(0, g));
    }

    [Fact]
    public void A_module_of_one_s_own_is_refused_a_name_pytorch_could_not_use()
    {
        var dotted = Assert.Throws<InvalidOperationException>(() => new Named("hidden.scale").NamedParameters().ToList());
        Assert.Equal(
            "Named: a parameter is named 'hidden.scale'; a name must be non-empty and without dots, which separate a child's name from its parameters' in PyTorch's names.",
            dotted.Message);
        Assert.Contains("is named ''", Assert.Throws<InvalidOperationException>(() => new Named("").Parameters().ToList()).Message);
    }

    [Fact]
    public void Zero_grad_clears_every_parameter()
    {
        var model = new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 2));
        var x = Tensor.Ones(4, 2);
        new CrossEntropyLoss().Forward(model.Forward(x), [0, 1, 0, 1]).Backward();
        Assert.Contains(model.Parameters().SelectMany(p => p.Grad), g => g != 0);

        model.ZeroGrad();

        Assert.All(model.Parameters().SelectMany(p => p.Grad), g => Assert.Equal(0, g));
    }

    [Fact]
    public void No_grad_evaluation_builds_no_graph()
    {
        var model = new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 2));
        using var _ = NoGrad.Scope();

        var y = model.Forward(Tensor.Ones(4, 2));

        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
    }

    /// <summary>tanh(x·W + b) scaled per column: a module of one's own, with a tensor of its own and a child.</summary>
    internal sealed class Block : Module
    {
        public Block(Random rng)
        {
            Hidden = new Linear(2, 3, rng);
            Scale = Tensor.Randn(1, 3, rng, requiresGrad: true);
        }

        public Linear Hidden { get; }

        public Tensor Scale { get; }

        public override Tensor Forward(Tensor input) => Hidden.Forward(input).Tanh() * Scale;

        protected override IEnumerable<(string Name, Tensor Parameter)> OwnParameters() => [("scale", Scale)];

        protected override IEnumerable<(string Name, Module Child)> NamedChildren() => [("hidden", Hidden)];
    }

    private sealed class Named(string name) : Module
    {
        public override Tensor Forward(Tensor input) => input;

        protected override IEnumerable<(string Name, Tensor Parameter)> OwnParameters() => [(name, Tensor.Ones(1, 1))];
    }

    private static Tensor OneHot(int classes, int target)
    {
        var t = Tensor.Zeros(1, classes);
        t[0, target] = 1;
        return t;
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
