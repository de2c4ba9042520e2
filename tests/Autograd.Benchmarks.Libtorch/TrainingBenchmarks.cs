using BenchmarkDotNet.Attributes;
using TorchSharp;

namespace Autograd.Benchmarks.Libtorch;

/// <summary>
/// libtorch's side of <c>Autograd.Benchmarks.TrainingBenchmarks</c>, on as many threads as the machine has cores (the
/// library's kernels also use every core unless told otherwise).
/// </summary>
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class TrainingBenchmarks
{
    private Mlp mlp = null!;
    private Spiral spiral = null!;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Environment.ProcessorCount);
        mlp = new Mlp(128);
        spiral = new Spiral();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        mlp.Dispose();
        spiral.Dispose();
    }

    /// <summary>One SGD step (zero grad, forward, cross-entropy, backward, update) of Linear(784, 256)-ReLU-Linear(256, 10) on 128 random images.</summary>
    [Benchmark]
    public double MlpStep784x256x10Batch128() => mlp.Step();

    /// <summary>1000 full-batch SGD steps of the 2-100-3 ReLU net on the 300-point spiral.</summary>
    [Benchmark]
    public double Spiral1000SgdSteps() => spiral.Train1000Steps();
}
