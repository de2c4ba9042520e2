namespace Autograd.Tests;

/// <summary>The worked example of the JavaScript post the series follows: f = (x + y) · z.</summary>
public class SeedExampleTests
{
    [Fact]
    public void Forward_and_backward_match_the_seed()
    {
        var x = new Scalar(-2, label: "x");
        var y = new Scalar(5, label: "y");
        var z = new Scalar(-4, label: "z");
        var q = new Add(x, y, "q");
        var f = new Mul(q, z, "f");

        Assert.Equal(-12, f.Value);
        f.Backward();

        Assert.Equal(1, f.Grad);
        Assert.Equal(-4, q.Grad);
        Assert.Equal(-4, x.Grad);
        Assert.Equal(-4, y.Grad);
        Assert.Equal(3, z.Grad);
    }

    [Fact]
    public void A_frozen_input_receives_nothing_and_changes_nothing_else()
    {
        var x = new Scalar(-2, requiresGrad: false, label: "x");
        var y = new Scalar(5, label: "y");
        var z = new Scalar(-4, label: "z");
        var q = new Add(x, y, "q");
        var f = new Mul(q, z, "f");

        f.Backward();

        Assert.Equal(0, x.Grad);
        Assert.Equal(-4, q.Grad);
        Assert.Equal(-4, y.Grad);
        Assert.Equal(3, z.Grad);
    }

    [Fact]
    public void Freezing_a_leaf_after_the_graph_is_built_stops_its_gradient()
    {
        var x = new Scalar(-2);
        var y = new Scalar(5);
        var f = (x + y) * new Scalar(-4);
        x.RequiresGrad = false;

        f.Backward();

        Assert.Equal(0, x.Grad);
        Assert.Equal(-4, y.Grad);
    }

    [Fact]
    public void Operators_build_the_same_nodes_as_the_classes()
    {
        var x = new Scalar(-2);
        var y = new Scalar(5);
        var z = new Scalar(-4);

        var f = (x + y) * z;

        Assert.IsType<Mul>(f);
        Assert.Equal("Mul", f.Op);
        Assert.IsType<Add>(f.Inputs[0]);
        Assert.Same(z, f.Inputs[1]);
        Assert.Null(x.Op);
        Assert.True(x.IsLeaf);
    }

    [Fact]
    public void ToString_and_tree_show_values_grads_and_ops()
    {
        var x = new Scalar(-2, label: "x");
        var y = new Scalar(5, label: "y");
        var z = new Scalar(-4, label: "z");
        var f = new Mul(new Add(x, y, "q"), z, "f");
        f.Backward();

        Assert.Equal("Scalar(value=-12, grad=1, op=Mul, label=f)", f.ToString());
        Assert.Equal("Scalar(value=-2, grad=-4, label=x)", x.ToString());
        var expected = string.Join(Environment.NewLine,
            "#1 Mul f: value=-12 grad=1",
            "├─ #2 Add q: value=3 grad=-4",
            "│  ├─ #3 leaf x: value=-2 grad=-4",
            "│  └─ #4 leaf y: value=5 grad=-4",
            "└─ #5 leaf z: value=-4 grad=3",
            "");
        Assert.Equal(expected, f.ToTree());
    }
}
