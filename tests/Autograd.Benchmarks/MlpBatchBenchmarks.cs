using Autograd;
using Autograd.Kernels;
using Autograd.NN;
using Autograd.Optim;
using BenchmarkDotNet.Attributes;

namespace Autograd.Benchmarks;

/// <summary>
/// How the cost of one SGD step of the 784-256-10 MLP grows with the batch, on one thread and on two: the step of
/// <see cref="TrainingBenchmarks.MlpStep784x256x10Batch128"/> at batch 1 to 1024.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class MlpBatchBenchmarks
{
    private MlpTraining mlp = null!;

    /// <summary>Images per step.</summary>
    [Params(1, 4, 16, 64, 128, 256, 1024)]
    public int Batch { get; set; }

    /// <summary>The most threads the MatMul kernel may use.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => mlp = new MlpTraining(Batch, new Random(1));

    /// <summary>One SGD step (zero grad, forward, cross-entropy, backward, update).</summary>
    [Benchmark]
    public double Step()
    {
        // The setting is per thread; set here, on the thread that runs the benchmark.
        Gemm.MaxThreads = Threads;
        return mlp.Step();
    }
}
