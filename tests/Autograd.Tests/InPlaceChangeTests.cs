using System.Runtime.CompilerServices;
using Autograd.NN;
using Autograd.Optim;

namespace Autograd.Tests;

/// <summary>
/// A backward pass never mixes old and new numbers: an input changed in place after an operation used it makes
/// Backward() refuse, naming the input and the operation, before any gradient changes. And a result built without a
/// graph keeps nothing it was built from.
/// </summary>
public class InPlaceChangeTests
{
    [Fact]
    public void Backward_refuses_when_an_input_was_set_after_the_operation_used_it()
    {
        var x = new Tensor(1, 1) { Label = "x" };
        x.SetFrom([3]);
        var w = new Tensor(1, 1) { Label = "w" };
        w.SetFrom([2]);
        var y = x.MatMul(w);

        w.SetFrom([100]);
        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());

        Assert.Equal(
            "Backward: input 1 ('w', 1×1) of MatMul was changed in place after MatMul used it (it is at version 2, " +
            "MatMul saw version 1), so this gradient would mix old and new numbers. Build the graph again from the " +
            "changed tensor (run the forward pass again), then call Backward().",
            error.Message);
        Assert.All(x.Grad, g => Assert.Equal(0.0, g));
        Assert.All(w.Grad, g => Assert.Equal(0.0, g));

        // Built again, the graph uses the new value.
        x.MatMul(w).Backward();
        Assert.Equal(100.0, x.Grad[0]);
    }

    [Fact]
    public void The_indexer_counts_as_a_change_deep_in_the_graph()
    {
        var a = Tensor.Ones(2, 3, requiresGrad: true);
        var loss = (a.Tanh() * 2).Sum();

        a[1, 2] = 5;

        var error = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("input 0 (2×3) of Tanh was changed in place", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, a.Version);
    }

    [Fact]
    public void An_optimizer_step_between_two_backward_passes_is_refused()
    {
        var model = new Sequential(new Linear(2, 3, new Random(1)), new ReLU(), new Linear(3, 2, new Random(2)));
        var optimizer = new SGD(model.Parameters(), lr: 0.1);
        var x = Tensor.Randn(4, 2, new Random(3));
        var loss = new CrossEntropyLoss().Forward(model.Forward(x), [0, 1, 1, 0]);
        loss.Backward();
        optimizer.Step();
        var gradients = model.Parameters().Select(p => (double[])p.Grad.Clone()).ToList();

        var error = Assert.Throws<InvalidOperationException>(() => loss.Backward());

        Assert.Contains("of Affine was changed in place", error.Message, StringComparison.Ordinal);
        Assert.Equal(gradients, model.Parameters().Select(p => p.Grad));
    }

    [Fact]
    public void Loading_a_model_counts_as_a_change()
    {
        var model = new Sequential(new Linear(2, 2, new Random(1)));
        string path = Path.Combine(Path.GetTempPath(), $"autograd-version-{Guid.NewGuid():N}.safetensors");
        try
        {
            model.Save(path);
            var loss = model.Forward(Tensor.Ones(1, 2)).Sum();
            model.Load(path);

            Assert.Throws<InvalidOperationException>(() => loss.Backward());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Changing_an_input_that_nothing_recorded_is_allowed()
    {
        var x = Tensor.Ones(2, 2, requiresGrad: true);
        var y = (x * 3).Sum();
        y.Backward();
        var fresh = Tensor.Ones(2, 2);
        fresh.SetFrom([1, 2, 3, 4]);

        y.Backward();

        Assert.All(x.Grad, g => Assert.Equal(6.0, g));
    }

    [Fact]
    public void Results_built_inside_NoGrad_keep_none_of_their_inputs()
    {
        var (first, last) = ChainWithoutGraph(200);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(first.TryGetTarget(out _), "the first intermediate result is still reachable from the last one");
        Assert.True(last.IsLeaf);
        Assert.Empty(last.Inputs);
    }

    [Fact]
    public void A_cross_entropy_built_inside_NoGrad_keeps_no_probabilities()
    {
        var logits = Tensor.Randn(500, 40, new Random(1));
        Tensor loss;
        using (NoGrad.Scope())
        {
            loss = new CrossEntropyLoss().Forward(logits, [.. Enumerable.Range(0, 500).Select(i => i % 40)]);
        }

        var field = typeof(Ops.Tensors.CrossEntropy).GetField("probabilities", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        Assert.Null(field.GetValue(loss));
        Assert.True(double.IsFinite(loss.Item()));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference<Tensor> First, Tensor Last) ChainWithoutGraph(int length)
    {
        var x = Tensor.Randn(200, 100, new Random(2));
        using var noGraph = NoGrad.Scope();
        var current = x * 1.0;
        var first = new WeakReference<Tensor>(current);
        for (int i = 1; i < length; i++)
        {
            current = current * 1.0;
        }

        return (first, current);
    }
}
