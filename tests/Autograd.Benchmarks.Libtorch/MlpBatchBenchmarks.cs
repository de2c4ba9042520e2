using BenchmarkDotNet.Attributes;
using TorchSharp;

namespace Autograd.Benchmarks.Libtorch;

/// <summary>libtorch's side of <c>Autograd.Benchmarks.MlpBatchBenchmarks</c>: one SGD step of the 784-256-10 MLP at batch 1 to 1024.</summary>
[MedianColumn]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class MlpBatchBenchmarks
{
    private Mlp mlp = null!;

    /// <summary>Images per step.</summary>
    [Params(1, 4, 16, 64, 128, 256, 1024)]
    public int Batch { get; set; }

    /// <summary>libtorch's intra-op thread count.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        mlp = new Mlp(Batch);
    }

    [GlobalCleanup]
    public void Cleanup() => mlp.Dispose();

    /// <summary>One SGD step (zero grad, forward, cross-entropy, backward, update).</summary>
    [Benchmark]
    public double Step() => mlp.Step();
}
