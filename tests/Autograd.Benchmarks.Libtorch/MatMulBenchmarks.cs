using BenchmarkDotNet.Attributes;
using TorchSharp;

namespace Autograd.Benchmarks.Libtorch;

/// <summary>
/// libtorch's side of <c>Autograd.Benchmarks.MatMulBenchmarks</c>: the product of two n×n float64 matrices on one
/// thread and on two, and one training-style pass over it.
/// </summary>
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class MatMulBenchmarks
{
    private torch.Tensor a = null!;
    private torch.Tensor b = null!;
    private torch.Tensor c = null!;

    /// <summary>The matrix size.</summary>
    [Params(64, 128, 256, 512, 1024, 2048)]
    public int N { get; set; }

    /// <summary>libtorch's intra-op thread count.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(1);
        a = torch.randn(N, N, dtype: torch.float64, requires_grad: true);
        b = torch.randn(N, N, dtype: torch.float64, requires_grad: true);
        c = torch.zeros(N, N, dtype: torch.float64);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        a.Dispose();
        b.Dispose();
        c.Dispose();
    }

    /// <summary>C = A·B into an existing tensor (addmm_ with β = 0), without recording a graph.</summary>
    [Benchmark]
    public void Forward()
    {
        using var noGrad = torch.no_grad();
        c.addmm_(a, b, beta: 0, alpha: 1);
    }

    /// <summary>
    /// Clear both inputs' gradients (set to none, as optimizers do), build the product and back-propagate a gradient
    /// of ones through its sum: dA = dC·Bᵀ and dB = Aᵀ·dC.
    /// </summary>
    [Benchmark]
    public void ForwardBackward()
    {
        using var scope = torch.NewDisposeScope();
        a.grad = null;
        b.grad = null;
        a.mm(b).sum().backward();
    }
}
