using Autograd.Ops;

namespace Autograd.Tests;

/// <summary>
/// The scalar engine after its memory layout was slimmed: inputs kept once (in Node), walk buffers reused between
/// passes. These check that nothing leaks from one graph or one pass into the next.
/// </summary>
public class ScalarEngineLayoutTests
{
    [Fact]
    public void An_operation_reads_its_inputs_back_in_argument_order()
    {
        var x = new Scalar(2);
        var y = new Scalar(5);

        var sum = new Add(x, y);
        var power = new Pow(x, 3);

        Assert.Same(x, sum.Inputs[0]);
        Assert.Same(y, sum.Inputs[1]);
        Assert.Same(x, power.Inputs[0]);
        Assert.Single(power.Inputs);
        Assert.Equal([x, y], sum.Inputs);
    }

    [Fact]
    public void A_two_input_node_costs_72_bytes_and_a_backward_pass_allocates_nothing_per_node()
    {
        // Inputs are kept in two fields whatever their number, and a rule reads them through a struct view, so the
        // built-in nodes stay as small as they were before operations could take any number of inputs.
        Assert.SkipUnless(Environment.Is64BitProcess, "Object sizes are those of a 64-bit process.");
        var x = new Scalar(1);
        var y = new Scalar(2);
        var nodes = new Scalar[10_000];
        nodes[0] = new Add(x, y);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new Add(x, y);
        }

        long perNode = (GC.GetAllocatedBytesForCurrentThread() - before) / nodes.Length;
        var (_, root) = Chain(10_000);
        root.Backward();
        before = GC.GetAllocatedBytesForCurrentThread();
        root.Backward();
        long perPass = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(72, perNode);
        Assert.InRange(perPass, 0, 1024);
    }

    [Fact]
    public void A_result_built_inside_NoGrad_keeps_no_inputs_and_says_so_when_asked_for_one()
    {
        var x = new Scalar(2);
        Mul product;
        using (NoGrad.Scope())
        {
            product = new Mul(x, x);
        }

        var error = Assert.Throws<InvalidOperationException>(() => product.Inputs[0]);

        Assert.Equal(4, product.Value);
        Assert.True(product.IsLeaf);
        Assert.Empty(product.Inputs);
        Assert.Contains("NoGrad.Scope()", error.Message);
    }

    [Fact]
    public void Passes_over_different_graphs_in_turn_give_each_graph_its_own_gradients()
    {
        // The engine keeps its order and stack from one walk to the next; a large graph walked first must leave
        // nothing behind that a smaller one could pick up, and the other way round.
        var (bigLeaf, bigRoot) = Chain(50_000);
        var (smallLeaf, smallRoot) = Chain(3);

        bigRoot.Backward();
        smallRoot.Backward();
        bigRoot.Backward();
        smallRoot.Backward();

        Assert.Equal(2 * 50_001, bigLeaf.Grad);
        Assert.Equal(2 * 4, smallLeaf.Grad);
        Assert.Equal(1, bigRoot.Grad);
    }

    [Fact]
    public void ZeroGrad_between_passes_reaches_frozen_nodes_too()
    {
        var x = new Scalar(3);
        var frozen = new Scalar(4, requiresGrad: false);
        var f = (x * frozen) + x;
        f.Backward();

        f.ZeroGrad();
        f.Backward();

        Assert.Equal(5, x.Grad);
        Assert.Equal(0, frozen.Grad);
    }

    [Fact]
    public void A_leaf_gets_its_earlier_gradient_back_even_when_used_by_the_last_node_only()
    {
        // The leaf is the root's direct input: it is among the first nodes the reverse walk reaches.
        var x = new Scalar(1.5);
        x.Backward();
        var f = x * 2;

        f.Backward();

        Assert.Equal(3, x.Grad);
    }

    private static (Scalar Leaf, Scalar Root) Chain(int length)
    {
        var leaf = new Scalar(0.5);
        Scalar root = leaf;
        for (int i = 0; i < length; i++)
        {
            root += leaf;
        }

        return (leaf, root);
    }
}
