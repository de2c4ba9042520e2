using System.Runtime.CompilerServices;
using Autograd.Data;
using Autograd.NN;
using Autograd.Optim;

namespace Autograd.Tests;

/// <summary>
/// The recycling of large result arrays (<see cref="BufferPool"/>): arrays are reused once their tensor is gone, never
/// an array that was handed out through <see cref="Tensor.Data"/> or <see cref="Tensor.Grad"/>, and training gives the
/// same numbers whether or not the arrays it gets held old values.
/// </summary>
[Collection(nameof(KernelSettingsCollection))]
public class BufferPoolTests
{
    // 200×100 doubles = 160 KB: large enough to be pooled.
    private const int Rows = 200;
    private const int Cols = 100;

    [Fact]
    public void A_result_array_is_reused_once_its_tensor_is_unreachable()
    {
        // A shape no other test uses, so that this is the only free array of its length.
        var x = Tensor.Randn(211, 101, new Random(1));
        var array = ResultValues(x);
        GC.Collect();

        var next = x * 3;

        Assert.Same(array, next.Values);
    }

    [Fact]
    public void An_array_read_through_Data_is_never_reused()
    {
        var x = Tensor.Randn(Rows, Cols, new Random(2));
        var data = PublicData(x);
        var copy = (double[])data.Clone();
        GC.Collect();

        var results = Enumerable.Range(0, 20).Select(i => x * (i + 5)).ToList();

        Assert.All(results, r => Assert.NotSame(data, r.Values));
        Assert.Equal(copy, data);
    }

    [Fact]
    public void A_gradient_read_through_Grad_is_never_reused()
    {
        var x = Tensor.Randn(Rows, Cols, new Random(3), requiresGrad: true);
        var grad = PublicInteriorGrad(x);
        var copy = (double[])grad.Clone();
        GC.Collect();

        for (int i = 0; i < 5; i++)
        {
            (x * (i + 7)).Sum().Backward();
        }

        Assert.Equal(copy, grad);
        Assert.All(copy, g => Assert.Equal(1.0, g));
    }

    [Fact]
    public void Training_gives_the_same_losses_whatever_the_recycled_arrays_held()
    {
        // The first run fills the pool with arrays holding its values; the second gets those arrays back.
        var first = TrainSpiral(steps: 60);
        GC.Collect();
        var second = TrainSpiral(steps: 60);

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_training_step_allocates_far_less_than_its_activations()
    {
        var (x, y) = Datasets.Spiral(100, 3, seed: 0);
        var net = new Sequential(new Linear(2, 100, new Random(1)), new ReLU(), new Linear(100, 3, new Random(2)));
        var sgd = new SGD(net.Parameters(), lr: 0.5);
        var loss = new CrossEntropyLoss();
        void Step()
        {
            sgd.ZeroGrad();
            loss.Forward(net.Forward(x), y).Backward();
            sgd.Step();
        }

        for (int i = 0; i < 200; i++)
        {
            Step();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            Step();
        }

        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 200;

        // Without recycling each step allocates six 300×100 arrays (three results, three gradients): 1.44 MB.
        Assert.True(perStep < 300 * 100 * sizeof(double), $"{perStep} bytes per step");
    }

    private static double[] TrainSpiral(int steps)
    {
        var (x, y) = Datasets.Spiral(100, 3, seed: 0);
        var net = new Sequential(new Linear(2, 100, new Random(1)), new ReLU(), new Linear(100, 3, new Random(2)));
        var sgd = new SGD(net.Parameters(), lr: 0.5);
        var loss = new CrossEntropyLoss();
        var losses = new double[steps];
        for (int i = 0; i < steps; i++)
        {
            sgd.ZeroGrad();
            var l = loss.Forward(net.Forward(x), y);
            l.Backward();
            sgd.Step();
            losses[i] = l.Item();
        }

        return losses;
    }

    // Each helper returns an array and lets go of the tensor that had it, in a frame of its own, so that nothing on the
    // test's stack keeps the tensor reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double[] ResultValues(Tensor x) => (x * 2).Values;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double[] PublicData(Tensor x) => (x * 2).Data;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double[] PublicInteriorGrad(Tensor x)
    {
        var doubled = x * 2;
        doubled.Sum().Backward();
        return doubled.Grad;
    }
}
