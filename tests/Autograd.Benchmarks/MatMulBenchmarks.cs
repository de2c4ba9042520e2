using System.Globalization;
using Autograd;
using Autograd.Kernels;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Autograd.Benchmarks;

/// <summary>
/// MatMul of two n×n matrices on one thread and on two, reported in GFLOP/s (2n³ flops for the product, three times
/// that for forward plus backward): the kernel alone, and through the graph with inputs that require grad.
/// </summary>
[Config(typeof(Config))]
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
    [Params(64, 128, 256, 512, 1024)]
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

    /// <summary>A MatMul node, then back-propagation of a gradient of ones: dA = dC·Bᵀ and dB = Aᵀ·dC.</summary>
    [Benchmark]
    public double ForwardBackward()
    {
        Gemm.MaxThreads = Threads;
        var product = x.MatMul(w);
        product.Sum().Backward();
        return x.Grad[0];
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn());
    }

    /// <summary>Flops per second from the mean time: 2n³ per product, and three products for forward plus backward.</summary>
    private sealed class GflopsColumn : IColumn
    {
        public string Id => nameof(GflopsColumn);

        public string ColumnName => "GFLOP/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Billions of floating-point operations per second (2n³ per matrix product)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } statistics)
            {
                return "-";
            }

            int n = (int)benchmarkCase.Parameters["N"];
            int products = benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(ForwardBackward) ? 3 : 1;
            double flops = products * 2.0 * n * n * n;
            return (flops / statistics.Mean).ToString("F1", CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
