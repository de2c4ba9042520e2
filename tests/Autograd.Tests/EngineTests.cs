namespace Autograd.Tests;

public class EngineTests
{
    [Fact]
    public void Micrograd_readme_expression_gives_its_published_values()
    {
        var a = new Scalar(-4.0);
        var b = new Scalar(2.0);
        var c = a + b;
        var d = (a * b) + b.Pow(3);
        c += c + 1;
        c += 1 + c + (-a);
        d += (d * 2) + (b + a).Relu();
        d += (3 * d) + (b - a).Relu();
        var e = c - d;
        var f = e.Pow(2);
        var g = f / 2.0;
        g += 10.0 / f;

        g.Backward();

        Assert.Equal(24.7041, g.Value, 4);
        Assert.Equal(138.8338, a.Grad, 4);
        Assert.Equal(645.5773, b.Grad, 4);
    }

    [Fact]
    public void A_value_used_twice_receives_both_contributions()
    {
        var a = new Scalar(3);
        var b = a + a;

        b.Backward();

        Assert.Equal(2, a.Grad);
    }

    [Fact]
    public void A_shared_subgraph_is_visited_once_per_pass()
    {
        // s = x·y is used three times; each use must add its share exactly once.
        var x = new Scalar(2);
        var y = new Scalar(5);
        var s = x * y;
        var f = (s * s) + s;

        f.Backward();

        // df/ds = 2s + 1 = 21; df/dx = 21·y, df/dy = 21·x.
        Assert.Equal(21, s.Grad);
        Assert.Equal(105, x.Grad);
        Assert.Equal(42, y.Grad);
    }

    [Fact]
    public void A_diamond_repeated_many_levels_deep_gives_powers_of_two()
    {
        // Each level doubles the gradient through two paths; walking shared nodes twice would explode the time.
        var x = new Scalar(1);
        Scalar v = x;
        for (int level = 0; level < 60; level++)
        {
            v = v + v;
        }

        v.Backward();

        Assert.Equal(Math.Pow(2, 60), x.Grad);
    }

    [Fact]
    public void Two_passes_give_exactly_twice_the_leaf_gradients_and_the_same_interior_ones()
    {
        var x = new Scalar(0.7);
        var w = new Scalar(-1.3);
        var h = (x * w).Tanh();
        var f = h * h;

        f.Backward();
        var (dx, dw, dh) = (x.Grad, w.Grad, h.Grad);
        f.Backward();

        Assert.Equal(2 * dx, x.Grad);
        Assert.Equal(2 * dw, w.Grad);
        Assert.Equal(dh, h.Grad);
        Assert.Equal(1, f.Grad);
    }

    [Fact]
    public void ZeroGrad_clears_every_gradient_in_the_graph()
    {
        var x = new Scalar(2);
        var y = new Scalar(3);
        var q = x * y;
        var f = q + x;
        f.Backward();

        f.ZeroGrad();

        Assert.All(new[] { x, y, q, f }, node => Assert.Equal(0, node.Grad));
        f.Backward();
        Assert.Equal(4, x.Grad);
    }

    [Fact]
    public void A_million_node_chain_back_propagates_without_recursion()
    {
        var x = new Scalar(1.5, label: "x");
        Scalar y = x;
        for (int i = 0; i < 1_000_000; i++)
        {
            y = y + x;
        }

        y.Backward();

        Assert.Equal(1.5 * 1_000_001, y.Value);
        Assert.Equal(1_000_001, x.Grad);
        y.ZeroGrad();
        Assert.Equal(0, x.Grad);
        Assert.StartsWith("#1 Add: value=", y.ToTree());
    }

    [Fact]
    public void Backward_on_a_result_that_needs_no_grad_says_why()
    {
        var x = new Scalar(2, requiresGrad: false);
        var f = x * 3;

        var error = Assert.Throws<InvalidOperationException>(f.Backward);

        Assert.Contains("does not require grad", error.Message);
        Assert.False(f.RequiresGrad);
    }

    [Fact]
    public void Leaves_accumulate_when_backward_is_called_on_a_leaf()
    {
        var x = new Scalar(2);

        x.Backward();
        x.Backward();

        Assert.Equal(2, x.Grad);
    }

    [Fact]
    public void NoGrad_scope_records_no_graph()
    {
        var x = new Scalar(2);
        Scalar f;
        using (NoGrad.Scope())
        {
            f = (x * x) + 1;
            Assert.True(NoGrad.IsActive);
        }

        Assert.False(NoGrad.IsActive);
        Assert.Equal(5, f.Value);
        Assert.False(f.RequiresGrad);
        Assert.Empty(f.Inputs);
        Assert.True((x * x).RequiresGrad);
    }

    [Fact]
    public void RequiresGrad_and_Value_can_only_be_set_on_leaves()
    {
        var x = new Scalar(2);
        var f = x * x;

        var freeze = Assert.Throws<InvalidOperationException>(() => f.RequiresGrad = false);
        var assign = Assert.Throws<InvalidOperationException>(() => f.Value = 1);

        Assert.Contains("result of Mul", freeze.Message);
        Assert.Contains("result of Mul", assign.Message);
        x.Value = 3;
        Assert.Equal(3, x.Value);
    }

    [Fact]
    public void Null_inputs_are_refused_with_the_operation_and_the_input_named()
    {
        var x = new Scalar(1);
        Scalar? missing = null;

        var error = Assert.Throws<ArgumentNullException>(() => new Constant(x, missing!));
        var none = Assert.Throws<ArgumentException>(() => new Constant());

        Assert.Contains("Constant: input 1 is null", error.Message);
        Assert.Contains("Constant: an operation needs at least one input", none.Message);
    }

    /// <summary>An operation whose value does not read its inputs, so only the base constructor can see a null.</summary>
    private sealed class Constant(params Scalar[] inputs) : Scalar(0, inputs)
    {
        protected override void PropagateGrad()
        {
        }
    }

    [Fact]
    public void Tree_prints_a_shared_node_once()
    {
        var a = new Scalar(3, label: "a");
        var b = new Add(a, a, "b");

        var expected = string.Join(Environment.NewLine,
            "#1 Add b: value=6 grad=0",
            "├─ #2 leaf a: value=3 grad=0",
            "└─ #2 leaf a: value=3 grad=0 (shown above)",
            "");
        Assert.Equal(expected, b.ToTree());
    }
}
