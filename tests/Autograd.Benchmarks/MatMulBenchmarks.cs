using Autograd;
using Autograd.Kernels;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Autograd.Benchmarks;

/// <summary>
/// MatMul of two n×n matrices on one thread and on two, reported in GFLOP/s (2n³ flops for the product, three times
/// that for forward plus backward): the kernel alone, a MatMul node, and the node's forward and backward.
/// </summary>
[Config(typeof(Config))]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class MatMulBenchmarks
{
    private double[] a = null!;
    private double[] b = null!;
    private double[] c = null!;
    private Tensor x = null!;
    private Tensor w = null!;
    private int savedThreads;

    /// <summary>The matrix size.</summary>
    [Params(64, 128, 256, 512, 1024, 2048)]
    public int N { get; set; }

    /// <summary>The most threads the kernel may use.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        savedThreads = Gemm.MaxThreads;
        var rng = new Random(1);
        x = Tensor.Randn(N, N, rng, requiresGrad: true);
        w = Tensor.Randn(N, N, rng, requiresGrad: true);
        a = x.Data;
        b = w.Data;
        c = new double[N * N];
    }

    [GlobalCleanup]
    public void Cleanup() => Gemm.MaxThreads = savedThreads;

    /// <summary>C = A·B with the kernel, into an existing array.</summary>
    [Benchmark]
    public double Forward()
    {
        // The setting is per thread; set here, on the thread that runs the benchmark.
        Gemm.MaxThreads = Threads;
        Gemm.MatMul(a, b, c, N, N, N);
        return c[0];
    }

    /// <summary>
    /// A MatMul node of two inputs that require grad, as a program builds one: the kernel plus the result's array.
    /// The forward that <see cref="ForwardBackward"/> is compared with.
    /// </summary>
    [Benchmark]
    public Tensor ForwardNode()
    {
        Gemm.MaxThreads = Threads;
        using var scope = Tensor.Scope();
        return x.MatMul(w);
    }

    /// <summary>
    /// One training-style pass over a MatMul node: zero the inputs' gradients, build the node, and back-propagate a
    /// gradient of ones (through Sum): dA = dC·Bᵀ and dB = Aᵀ·dC.
    /// </summary>
    [Benchmark]
    public double ForwardBackward()
    {
        Gemm.MaxThreads = Threads;
        using var scope = Tensor.Scope();
        x.ZeroGrad();
        w.ZeroGrad();
        var product = x.MatMul(w);
        product.Sum().Backward();
        return x.Grad[0];
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn(Flops, "Billions of floating-point operations per second (2n³ per matrix product)"));

        /// <summary>2n³ per product, and three products (C, dA, dB) for forward plus backward.</summary>
        private static double? Flops(BenchmarkCase benchmarkCase)
        {
            int n = (int)benchmarkCase.Parameters["N"];
            int products = benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(ForwardBackward) ? 3 : 1;
            return products * 2.0 * n * n * n;
        }
    }
}
