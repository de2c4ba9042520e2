using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Autograd.Benchmarks;

/// <summary>
/// The float64 FMA peak of this machine, on one core and on two, in GFLOP/s: the ceiling the MatMul figures are
/// fractions of. Each core runs a fixed loop of 256-bit fused multiply-adds into 12 independent accumulators, enough
/// to keep both FMA pipes busy through the instruction's latency (one dependent chain would measure the latency).
/// </summary>
[Config(typeof(Config))]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class FmaPeakBenchmarks
{
    /// <summary>Loop trips per core and invocation.</summary>
    public const int Iterations = 1_000_000;

    /// <summary>Independent accumulators, each one Vector256 of four doubles.</summary>
    public const int Accumulators = 12;

    /// <summary>Flops one core does per invocation: a multiply and an add per lane per accumulator per trip.</summary>
    public const double FlopsPerCore = (double)Iterations * Accumulators * 4 * 2;

    private readonly double[] partials = new double[2];

    // Fields, not constants, so the JIT cannot fold the loop away. acc ← acc·m + a converges to a / (1 - m): no
    // overflow and no subnormals however long it runs.
    private readonly double multiplier = 0.999_999;
    private readonly double addend = 1e-6;

    [GlobalSetup]
    public void Setup()
    {
        if (!Fma.IsSupported)
        {
            throw new PlatformNotSupportedException(
                "FmaPeakBenchmarks needs x86 FMA3 (System.Runtime.Intrinsics.X86.Fma), which this CPU or runtime lacks; there is no FMA peak to measure here.");
        }
    }

    /// <summary>The loop on the benchmark's own thread.</summary>
    [Benchmark]
    public double OneCore() => Loop(multiplier, addend);

    /// <summary>The same loop on two threads at once (Parallel.For, as the MatMul kernel splits its work).</summary>
    [Benchmark]
    public double TwoCores()
    {
        Parallel.For(0, 2, i => partials[i] = Loop(multiplier, addend + i));
        return partials[0] + partials[1];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Loop(double multiplier, double addend)
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

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn(
            benchmarkCase => benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(TwoCores) ? 2 * FlopsPerCore : FlopsPerCore,
            "Billions of floating-point operations per second (2 per lane of each fused multiply-add, on every core used)"));
    }
}
