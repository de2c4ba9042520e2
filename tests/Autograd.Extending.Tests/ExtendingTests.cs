using Autograd.Data;
using Autograd.NN;
using Autograd.Optim;

namespace Autograd.Extending.Tests;

/// <summary>
/// Operations defined outside the library, through its public API alone, behave as the library's own: they compute,
/// back-propagate, pass a gradient check, print, draw and train.
/// </summary>
public class ExtendingTests
{
    [Fact]
    public void A_one_input_scalar_op_gives_the_derivative_its_rule_states()
    {
        var x = new Scalar(0.5, label: "x");

        var y = new Sin(x);
        y.Backward();

        Assert.Equal(Math.Sin(0.5), y.Value);
        Assert.Equal(Math.Cos(0.5), x.Grad);
        Assert.Equal("Sin", y.Op);
        Assert.Same(x, Assert.Single(y.Inputs));
        Assert.True(GradCheck.Check(v => new Sin(v[0] * v[1]).Tanh(), 0.7, -1.3).Passed(1e-7));
    }

    [Fact]
    public void A_three_input_scalar_op_sends_each_input_its_own_share()
    {
        var (a, b, c) = (new Scalar(2), new Scalar(3), new Scalar(1, requiresGrad: false));

        var y = new MulAdd(a, b, c);
        y.Backward();

        Assert.Equal(7, y.Value);
        Assert.Equal([a, b, c], y.Inputs);
        Assert.Equal((3.0, 2.0, 0.0), (a.Grad, b.Grad, c.Grad));
        Assert.True(GradCheck.Check(v => new MulAdd(v[0], v[1].Exp(), v[2] * v[0]), 0.3, -0.4, 1.1).Passed(1e-7));
    }

    [Fact]
    public void A_rule_with_a_mistake_is_caught_by_the_gradient_check()
    {
        var result = GradCheck.Check(v => new SinWithSlopeOfOne(v[0]), 0.8);

        Assert.False(result.Passed(1e-3));
        Assert.Equal(1, result.Analytic);
        Assert.Equal(Math.Cos(0.8), result.Numeric, 1e-6);
    }

    [Fact]
    public void A_tensor_op_on_plain_arrays_computes_and_back_propagates()
    {
        var x = new Tensor(2, 2, requiresGrad: true);
        x.SetFrom([1, -2, 3, 0.5]);

        var y = new Square(x);
        y.Sum().Backward();

        Assert.Equal([1, 4, 9, 0.25], y.Data);
        Assert.Equal([2, -4, 6, 1], x.Grad);
        Assert.Equal("Square", y.Op);
        Assert.True(GradCheck.Check(t => new Square(t[0].Tanh()).Mean(), Leaf(2, 3, 0.1)).Passed(1e-7));
    }

    [Fact]
    public void A_fused_three_input_tensor_op_matches_the_ops_it_fuses()
    {
        var (x, w, b) = (Leaf(4, 3, 0.2), Leaf(3, 2, -0.3), Leaf(1, 2, 0.7));

        var fused = new Affine(x, w, b);
        var plain = x.MatMul(w) + b;
        var seed = Leaf(4, 2, 0.5, requiresGrad: false);
        fused.Backward(seed);
        var fusedGrads = (x.Grad.ToArray(), w.Grad.ToArray(), b.Grad.ToArray());
        plain.ZeroGrad();
        plain.Backward(seed);

        AssertClose(plain.Data, fused.Data);
        AssertClose(x.Grad, fusedGrads.Item1);
        AssertClose(w.Grad, fusedGrads.Item2);
        AssertClose(b.Grad, fusedGrads.Item3);
        Assert.Equal("Affine", fused.Op);
        Assert.Equal(3, fused.Inputs.Count);
        Assert.True(GradCheck.Check(t => new Affine(t[0], t[1], t[2]).Tanh().Sum(), x, w, b).Passed(1e-7));
    }

    [Fact]
    public void An_op_takes_any_number_of_inputs_and_reaches_each_one_once()
    {
        var tensors = Enumerable.Range(0, 5).Select(i => Leaf(1, 2, i)).ToArray();

        var total = new SumOf([.. tensors, tensors[0]]);
        total.Backward();

        Assert.Equal(6, total.Inputs.Count);
        Assert.Equal(tensors.Sum(t => t.Data.Sum()) + tensors[0].Data.Sum(), total.Item(), 1e-12);
        Assert.Equal([2, 2], tensors[0].Grad);
        Assert.All(tensors.Skip(1), t => Assert.Equal([1, 1], t.Grad));
    }

    [Fact]
    public void Frozen_inputs_receive_nothing_and_a_graph_without_grad_records_nothing()
    {
        var x = Leaf(2, 2, 0.4);
        var frozen = Leaf(2, 2, 0.9, requiresGrad: false);
        var bias = Leaf(1, 2, 0.1, requiresGrad: false);

        new Affine(x, frozen, bias).Sum().Backward();
        Tensor evaluated;
        using (NoGrad.Scope())
        {
            evaluated = new Square(x);
        }

        Assert.All(frozen.Grad, g => Assert.Equal(0, g));
        Assert.All(bias.Grad, g => Assert.Equal(0, g));
        Assert.True(evaluated.IsLeaf);
        Assert.False(evaluated.RequiresGrad);
        Assert.Null(evaluated.Op);
    }

    [Fact]
    public void Wrong_inputs_are_refused_before_any_work_with_the_op_named()
    {
        var x = Leaf(2, 3, 0.1);
        Tensor? missing = null;

        var shapes = Assert.Throws<ArgumentException>(() => new Affine(x, Leaf(2, 2, 0.1), Leaf(1, 2, 0.1)));
        var nullInput = Assert.Throws<ArgumentNullException>(() => new SumOf(x, x, missing!));
        var noInputs = Assert.Throws<ArgumentException>(() => new SumOf());

        Assert.Equal("Affine: X is 2×3, W 2×2, b 1×2.", shapes.Message);
        Assert.Contains("SumOf: input 2 is null; every input of an operation must be a value.", nullInput.Message);
        Assert.Contains("SumOf: an operation needs at least one input", noInputs.Message);
    }

    [Fact]
    public void A_third_input_changed_in_place_after_use_stops_the_backward_pass()
    {
        var (x, w, b) = (Leaf(2, 2, 0.1), Leaf(2, 2, 0.2), Leaf(1, 2, 0.3));
        var loss = new Affine(x, w, b).Sum();

        b[0, 1] = 5;
        var error = Assert.Throws<InvalidOperationException>(loss.Backward);

        Assert.Contains("input 2 (1×2) of Affine was changed in place", error.Message);
    }

    [Fact]
    public void User_ops_print_and_draw_under_their_class_names()
    {
        var x = new Scalar(0.3, label: "x");
        var t = Leaf(1, 2, 0.5);
        t.Label = "t";

        var scalarGraph = new MulAdd(new Sin(x), x, x);
        var tensorGraph = new Square(new Affine(t, Leaf(2, 2, 0.1), Leaf(1, 2, 0.2)));

        Assert.Contains("op=MulAdd", scalarGraph.ToString());
        Assert.Contains(">Sin<", scalarGraph.ToSvg());
        Assert.Contains(">MulAdd<", scalarGraph.ToSvg());
        Assert.Contains("\"Affine\"", tensorGraph.ToDot());
        Assert.Contains("\"Square\"", tensorGraph.ToDot());
        Assert.Contains("MulAdd", scalarGraph.ToTree());
    }

    [Fact]
    public void A_model_whose_layers_use_the_fused_op_learns_a_two_class_problem()
    {
        Rng.Seed(3);
        var (points, labels) = Datasets.Moons(200, noise: 0.1, seed: 5);
        var model = new Sequential(new AffineLayer(2, 16), new Autograd.NN.Tanh(), new AffineLayer(16, 2));
        var optimizer = new SGD(model.Parameters(), lr: 0.5);
        var loss = new CrossEntropyLoss();
        double first = 0, last = 0;

        for (int step = 0; step < 300; step++)
        {
            using var scope = Tensor.Scope();
            optimizer.ZeroGrad();
            var value = loss.Forward(model.Forward(points), labels);
            value.Backward();
            optimizer.Step();
            last = value.Item();
            if (step == 0)
            {
                first = last;
            }
        }

        int[] predicted;
        using (NoGrad.Scope())
        {
            predicted = model.Forward(points).ArgMax();
        }

        Assert.InRange(first, 0.5, 1.5);
        Assert.True(last < 0.2 * first, $"loss went from {first} to {last}");
        Assert.True(predicted.Zip(labels).Count(p => p.First == p.Second) >= 190);
    }

    private static Tensor Leaf(int rows, int cols, double start, bool requiresGrad = true)
    {
        var t = new Tensor(rows, cols, requiresGrad);
        t.SetFrom(Enumerable.Range(0, rows * cols).Select(i => start + (0.37 * i) - (0.05 * i * i)).ToArray());
        return t;
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-12);
        }
    }

    /// <summary>sin x with a wrong rule (slope 1 instead of cos x), the kind of mistake a gradient check exists for.</summary>
    private sealed class SinWithSlopeOfOne(Scalar x) : Scalar(Math.Sin(x.Value), x)
    {
        protected override void PropagateGrad() => AccumulateGrad(Inputs[0], Grad);
    }

    /// <summary>A layer written by a user: its weights, and a forward pass that is one <see cref="Affine"/> node.</summary>
    private sealed class AffineLayer(int inFeatures, int outFeatures) : Module
    {
        private readonly Tensor weight = Tensor.Randn(inFeatures, outFeatures, std: Math.Sqrt(1.0 / inFeatures), requiresGrad: true);
        private readonly Tensor bias = Tensor.Zeros(1, outFeatures, requiresGrad: true);

        public override Tensor Forward(Tensor input) => new Affine(input, weight, bias);

        protected override IEnumerable<(string Name, Tensor Parameter)> OwnParameters() => [("weight", weight), ("bias", bias)];
    }
}
