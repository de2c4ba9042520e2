using Autograd;
using Autograd.Data;
using Autograd.NN;
using Autograd.Optim;
using BenchmarkDotNet.Attributes;

namespace Autograd.Benchmarks;

/// <summary>
/// Training steps through the modules, the fused cross-entropy and SGD, to compare with libtorch's figures in the
/// README's Performance section: one step of a 784-256-10 MLP at batch 128, and 1000 full-batch steps of the spiral net.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class TrainingBenchmarks
{
    private readonly CrossEntropyLoss loss = new();
    private MlpTraining mlp = null!;
    private Sequential spiralNet = null!;
    private SGD spiralSgd = null!;
    private Tensor spiralX = null!;
    private int[] spiralY = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        mlp = new MlpTraining(batch: 128, rng);

        (spiralX, spiralY) = Datasets.Spiral(100, 3, seed: 0);
        spiralNet = new Sequential(new Linear(2, 100, rng), new ReLU(), new Linear(100, 3, rng));
        spiralSgd = new SGD(spiralNet.Parameters(), lr: 1);
    }

    /// <summary>One SGD step (zero grad, forward, cross-entropy, backward, update) of Linear(784, 256)-ReLU-Linear(256, 10) on 128 random images.</summary>
    [Benchmark]
    public double MlpStep784x256x10Batch128() => mlp.Step();

    /// <summary>1000 full-batch SGD steps of the 2-100-3 ReLU net on the 300-point spiral.</summary>
    [Benchmark]
    public double Spiral1000SgdSteps()
    {
        double last = 0;
        for (int step = 0; step < 1000; step++)
        {
            using var scope = Tensor.Scope();
            spiralSgd.ZeroGrad();
            var l = loss.Forward(spiralNet.Forward(spiralX), spiralY);
            l.Backward();
            spiralSgd.Step();
            last = l.Item();
        }

        return last;
    }
}
