using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Autograd.Benchmarks;

/// <summary>
/// The float64 FMA peak of this machine, on one core and on two, in GFLOP/s: the ceiling the MatMul figures are
/// fractions of. Each core runs a fixed loop of fused multiply-adds into 12 independent accumulators, enough to keep
/// both FMA pipes busy through the instruction's latency (one dependent chain would measure the latency). It runs with
/// 256-bit vectors and, where .NET accelerates them, 512-bit ones: the widest is the peak the MatMul kernel can reach.
/// </summary>
[Config(typeof(Config))]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class FmaPeakBenchmarks
{
    /// <summary>Loop trips per core and invocation.</summary>
    public const int Iterations = 1_000_000;

    /// <summary>Independent accumulators, each one vector.</summary>
    public const int Accumulators = 12;

    private readonly double[] partials = new double[2];

    // Fields, not constants, so the JIT cannot fold the loop away. acc ← acc·m + a converges to a / (1 - m): no
    // overflow and no subnormals however long it runs.
    private readonly double multiplier = 0.999_999;
    private readonly double addend = 1e-6;

    /// <summary>The vector width in bits: 256, and 512 where <see cref="Vector512.IsHardwareAccelerated"/>.</summary>
    [ParamsSource(nameof(Widths))]
    public int Width { get; set; }

    /// <summary>The widths this machine accelerates (read in the process that lists the cases, on the same machine).</summary>
    public static IEnumerable<int> Widths() => Vector512.IsHardwareAccelerated ? [256, 512] : [256];

    /// <summary>Flops one core does per invocation: a multiply and an add per lane per accumulator per trip.</summary>
    public static double FlopsPerCore(int width) => (double)Iterations * Accumulators * (width / 64) * 2;

    [GlobalSetup]
    public void Setup()
    {
        if (!Fma.IsSupported || (Width == 512 && !Vector512.IsHardwareAccelerated))
        {
            throw new PlatformNotSupportedException(
                $"FmaPeakBenchmarks needs x86 FMA3 and, for Width = 512, accelerated 512-bit vectors, which this CPU or runtime lacks; there is no {Width}-bit FMA peak to measure here.");
        }
    }

    /// <summary>The loop on the benchmark's own thread.</summary>
    [Benchmark]
    public double OneCore() => Loop(Width, multiplier, addend);

    /// <summary>The same loop on two threads at once (Parallel.For, as the MatMul kernel splits its work).</summary>
    [Benchmark]
    public double TwoCores()
    {
        Parallel.For(0, 2, i => partials[i] = Loop(Width, multiplier, addend + i));
        return partials[0] + partials[1];
    }

    private static double Loop(int width, double multiplier, double addend) =>
        width == 512 ? Loop512(multiplier, addend) : Loop256(multiplier, addend);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Loop256(double multiplier, double addend)
    {
        var m = Vector256.Create(multiplier);
        var a = Vector256.Create(addend);
        Vector256<double> acc0 = a, acc1 = a, acc2 = a, acc3 = a, acc4 = a, acc5 = a;
        Vector256<double> acc6 = a, acc7 = a, acc8 = a, acc9 = a, acc10 = a, acc11 = a;
        for (int i = 0; i < Iterations; i++)
        {
            acc0 = Fma.MultiplyAdd(acc0, m, a);
            acc1 = Fma.MultiplyAdd(acc1, m, a);
            acc2 = Fma.MultiplyAdd(acc2, m, a);
            acc3 = Fma.MultiplyAdd(acc3, m, a);
            acc4 = Fma.MultiplyAdd(acc4, m, a);
            acc5 = Fma.MultiplyAdd(acc5, m, a);
            acc6 = Fma.MultiplyAdd(acc6, m, a);
            acc7 = Fma.MultiplyAdd(acc7, m, a);
            acc8 = Fma.MultiplyAdd(acc8, m, a);
            acc9 = Fma.MultiplyAdd(acc9, m, a);
            acc10 = Fma.MultiplyAdd(acc10, m, a);
            acc11 = Fma.MultiplyAdd(acc11, m, a);
        }

        var sum = acc0 + acc1 + acc2 + acc3 + acc4 + acc5 + acc6 + acc7 + acc8 + acc9 + acc10 + acc11;
        return Vector256.Sum(sum);
    }

    /// <summary>The same loop with 512-bit vectors: twice the lanes per instruction.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Loop512(double multiplier, double addend)
    {
        var m = Vector512.Create(multiplier);
        var a = Vector512.Create(addend);
        Vector512<double> acc0 = a, acc1 = a, acc2 = a, acc3 = a, acc4 = a, acc5 = a;
        Vector512<double> acc6 = a, acc7 = a, acc8 = a, acc9 = a, acc10 = a, acc11 = a;
        for (int i = 0; i < Iterations; i++)
        {
            acc0 = Vector512.FusedMultiplyAdd(acc0, m, a);
            acc1 = Vector512.FusedMultiplyAdd(acc1, m, a);
            acc2 = Vector512.FusedMultiplyAdd(acc2, m, a);
            acc3 = Vector512.FusedMultiplyAdd(acc3, m, a);
            acc4 = Vector512.FusedMultiplyAdd(acc4, m, a);
            acc5 = Vector512.FusedMultiplyAdd(acc5, m, a);
            acc6 = Vector512.FusedMultiplyAdd(acc6, m, a);
            acc7 = Vector512.FusedMultiplyAdd(acc7, m, a);
            acc8 = Vector512.FusedMultiplyAdd(acc8, m, a);
            acc9 = Vector512.FusedMultiplyAdd(acc9, m, a);
            acc10 = Vector512.FusedMultiplyAdd(acc10, m, a);
            acc11 = Vector512.FusedMultiplyAdd(acc11, m, a);
        }

        var sum = acc0 + acc1 + acc2 + acc3 + acc4 + acc5 + acc6 + acc7 + acc8 + acc9 + acc10 + acc11;
        return Vector512.Sum(sum);
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn(
            benchmarkCase =>
            {
                double perCore = FlopsPerCore((int)benchmarkCase.Parameters[nameof(Width)]);
                return benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(TwoCores) ? 2 * perCore : perCore;
            },
            "Billions of floating-point operations per second (2 per lane of each fused multiply-add, on every core used)"));
    }
}
