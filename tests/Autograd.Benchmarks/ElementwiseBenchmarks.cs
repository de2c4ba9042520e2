using Autograd;
using BenchmarkDotNet.Attributes;

namespace Autograd.Benchmarks;

/// <summary>Elementwise ops and reductions on a 512×512 tensor, each built and back-propagated.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ElementwiseBenchmarks
{
    private Tensor x = null!;
    private Tensor y = null!;
    private Tensor bias = null!;
    private Tensor logits = null!;
    private int[] targets = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        x = Tensor.Randn(512, 512, rng, requiresGrad: true);
        y = Tensor.Randn(512, 512, rng, requiresGrad: true);
        bias = Tensor.Randn(1, 512, rng, requiresGrad: true);
        logits = Tensor.Randn(512, 10, rng, requiresGrad: true);
        targets = Enumerable.Range(0, 512).Select(i => i % 10).ToArray();
    }

    /// <summary>tanh(x ⊙ y + bias), summed: three elementwise nodes and a reduction, forward and backward.</summary>
    [Benchmark]
    public double TanhOfProductPlusBias()
    {
        // Each call's results are recycled into the next call's, as in a training loop.
        using var scope = Tensor.Scope();
        var loss = ((x * y) + bias).Tanh().Sum();
        loss.Backward();
        return loss.Item();
    }

    /// <summary>Row-wise softmax of 512 rows of 512 logits, forward and backward.</summary>
    [Benchmark]
    public double Softmax()
    {
        // Each call's results are recycled into the next call's, as in a training loop.
        using var scope = Tensor.Scope();
        var loss = (x.Softmax() * y).Sum();
        loss.Backward();
        return loss.Item();
    }

    /// <summary>log(sigmoid(x) + e^y), summed: the exponential, logarithm and sigmoid kernels, forward and backward.</summary>
    [Benchmark]
    public double SigmoidExpLog()
    {
        // Each call's results are recycled into the next call's, as in a training loop.
        using var scope = Tensor.Scope();
        var loss = (x.Sigmoid() + y.Exp()).Log().Sum();
        loss.Backward();
        return loss.Item();
    }

    /// <summary>Cross-entropy of 512 rows of 10 logits (a classifier's batch), forward and backward.</summary>
    [Benchmark]
    public double CrossEntropy()
    {
        // Each call's results are recycled into the next call's, as in a training loop.
        using var scope = Tensor.Scope();
        var loss = new Autograd.NN.CrossEntropyLoss().Forward(logits, targets);
        loss.Backward();
        return loss.Item();
    }
}
