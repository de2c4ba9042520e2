using System.Globalization;

namespace Autograd.Benchmarks.Report;

/// <summary>
/// The project's performance targets judged against the runs read: each target, the library's median, libtorch's
/// median from the same runs (tests/Autograd.Benchmarks.Libtorch), and the speed-up, libtorch's time ÷ the library's
/// (above 1, the library is faster).
/// </summary>
internal static class PerformanceTargets
{
    public const string NotInRun = "not in this run";

    /// <summary>The MatMul sizes and thread counts both libraries are measured at.</summary>
    public static readonly int[] MatMulSizes = [64, 128, 256, 512, 1024, 2048];

    public static readonly int[] ThreadCounts = [1, 2];

    /// <summary>The batch sizes of the MLP step sweep.</summary>
    public static readonly int[] Batches = [1, 4, 16, 64, 128, 256, 1024];

    /// <summary>The MatMul forward's least fraction of the widest-vector FMA peak.</summary>
    private const double MinimumOfPeak = 0.8;

    /// <summary>
    /// The bytes one step of the 784-256-10 net at batch 128 must hold if every array is new: each operation's result
    /// (two Linear outputs of 128×256 and 128×10 through MatMul and Add, the ReLU, the 1×1 loss) and its gradient.
    /// </summary>
    private const long MlpActivationsAndGradients = 2L * sizeof(double) * ((3 * 128 * 256) + (2 * 128 * 10) + 1);

    /// <summary>
    /// The FMA peak of these runs at the widest vector measured, one core and two, in GFLOP/s; the width is 0 and the
    /// peaks null when the runs did not measure it.
    /// </summary>
    public static (int Width, double? OneCore, double? TwoCores) FmaPeak(BenchmarkResults results)
    {
        foreach (int width in new[] { 512, 256 })
        {
            double? one = Gflops(results.Find("FmaPeakBenchmarks", "OneCore", ("Width", width)), FmaPeakBenchmarks.FlopsPerCore(width));
            double? two = Gflops(results.Find("FmaPeakBenchmarks", "TwoCores", ("Width", width)), 2 * FmaPeakBenchmarks.FlopsPerCore(width));
            if (one is not null || two is not null)
            {
                return (width, one, two);
            }
        }

        return (0, null, null);
    }

    /// <summary>
    /// How many times libtorch's speed MatMul must reach: 1.5 where .NET accelerates 512-bit vectors (libtorch's MKL
    /// takes its 256-bit path on AMD), 1.0 elsewhere.
    /// </summary>
    public static double MatMulSpeedUpTarget(BenchmarkResults results) =>
        (results.Machine?.Vector512Accelerated ?? (FmaPeak(results).Width == 512)) ? 1.5 : 1.0;

    public static IReadOnlyList<TargetRow> Evaluate(BenchmarkResults results)
    {
        var peak = FmaPeak(results);
        var rows = new List<TargetRow>();
        foreach (bool backward in new[] { false, true })
        {
            foreach (int threads in ThreadCounts)
            {
                foreach (int n in MatMulSizes)
                {
                    rows.Add(MatMul(results, n, threads, backward, threads == 1 ? peak.OneCore : peak.TwoCores, peak.Width));
                }
            }
        }

        int cores = results.Machine?.LogicalCores ?? results.Sources.Max(source => source.LogicalCores);
        string everyCore = $"{Cores(cores)}, libtorch on {cores} thread{(cores == 1 ? "" : "s")}";
        rows.Add(Training(results, "TrainingBenchmarks", "MlpStep784x256x10Batch128", $"MLP step 784-256-10, batch 128, SGD ({everyCore})", 1.3, withAllocation: true));
        rows.Add(MlpAllocation(results));
        rows.Add(Training(results, "TrainingBenchmarks", "Spiral1000SgdSteps", $"Spiral 2-100-3, 1000 full-batch SGD steps ({everyCore})", 2.0, withAllocation: false));
        rows.Add(Training(results, "OneCoreBenchmarks", "Spiral1000SgdSteps", "Spiral 2-100-3, 1000 full-batch SGD steps (1 core: DOTNET_PROCESSOR_COUNT=1, libtorch on 1 thread)", 1.0, withAllocation: false));
        rows.Add(MoonsStep(results));
        return rows;
    }

    /// <summary>
    /// The forward (2n³ flops, into an existing matrix) or the node's forward plus backward (three products), against
    /// libtorch; the forward is also judged as a fraction of the FMA peak.
    /// </summary>
    private static TargetRow MatMul(BenchmarkResults results, int n, int threads, bool backward, double? peak, int width)
    {
        string method = backward ? "ForwardBackward" : "Forward";
        double flops = (backward ? 3 : 1) * 2.0 * n * n * n;
        double speedUpTarget = MatMulSpeedUpTarget(results);
        string what = $"MatMul {(backward ? "node forward + backward" : "forward")}, n = {n}, {Cores(threads)}";
        string target = backward
            ? $"≥ {F1(speedUpTarget)}× libtorch"
            : $"≥ {F1(speedUpTarget)}× libtorch, ≥ {F2(MinimumOfPeak)} of the {(width == 0 ? "" : $"{width}-bit ")}FMA peak";
        double? ours = Gflops(results.Find("MatMulBenchmarks", method, ("N", n), ("Threads", threads)), flops);
        double? theirs = Gflops(results.Find(BenchmarkResults.Libtorch + "MatMulBenchmarks", method, ("N", n), ("Threads", threads)), flops);
        string libtorch = theirs is { } t ? $"{F1(t)} GFLOP/s" : NotInRun;
        if (ours is not { } gflops)
        {
            return new TargetRow(what, NotInRun, target, libtorch, "-", "-");
        }

        double? fraction = peak is { } p ? gflops / p : null;
        string measured = fraction is { } f ? $"{F1(gflops)} GFLOP/s = {F2(f)} of peak" : $"{F1(gflops)} GFLOP/s";
        double? speedUp = theirs is { } l ? gflops / l : null;
        bool? peakMet = backward ? true : AtLeast(fraction, MinimumOfPeak);
        return new TargetRow(what, measured, target, libtorch, SpeedUp(speedUp), Verdict(AtLeast(speedUp, speedUpTarget), peakMet));
    }

    private static TargetRow Training(BenchmarkResults results, string type, string method, string what, double speedUpTarget, bool withAllocation)
    {
        string target = $"≥ {F1(speedUpTarget)}× libtorch";
        var theirs = results.Find(BenchmarkResults.Libtorch + type, method);
        string libtorch = theirs is null ? NotInRun : Milliseconds(theirs.MedianMilliseconds);
        if (results.Find(type, method) is not { } ours)
        {
            return new TargetRow(what, NotInRun, target, libtorch, "-", "-");
        }

        string allocated = withAllocation && ours.AllocatedBytes is { } bytes ? $", {Bytes(bytes)} allocated" : "";
        double? speedUp = theirs is null ? null : theirs.MedianNanoseconds / ours.MedianNanoseconds;
        return new TargetRow(what, Milliseconds(ours.MedianMilliseconds) + allocated, target, libtorch, SpeedUp(speedUp), Verdict(AtLeast(speedUp, speedUpTarget)));
    }

    private static TargetRow MlpAllocation(BenchmarkResults results)
    {
        const string what = "Allocated per MLP step (BenchmarkDotNet memory diagnoser)";
        string target = $"≤ activations + gradients ({Bytes(MlpActivationsAndGradients)})";
        if (results.Find("TrainingBenchmarks", "MlpStep784x256x10Batch128") is not { AllocatedBytes: { } bytes })
        {
            return new TargetRow(what, NotInRun, target, "-", "-", "-");
        }

        return new TargetRow(what, Bytes(bytes), target, "-", $"{F2((double)bytes / MlpActivationsAndGradients)} × that", Verdict(bytes <= MlpActivationsAndGradients));
    }

    private static TargetRow MoonsStep(BenchmarkResults results)
    {
        const double maximum = 3;
        const string what = "Scalar graph: one micrograd moons step (no libtorch counterpart)";
        string target = $"< {F0(maximum)} ms";
        if (results.Find("ScalarGraphBenchmarks", "MicrogradMoonsStep") is not { } moons)
        {
            return new TargetRow(what, NotInRun, target, "-", "-", "-");
        }

        double ms = moons.MedianMilliseconds;
        return new TargetRow(what, Milliseconds(ms), target, "-", $"{F2(ms / maximum)} × target", Verdict(ms < maximum));
    }

    /// <summary>GFLOP/s from the median: flops per nanosecond.</summary>
    public static double? Gflops(BenchmarkResult? result, double flops) => result is null ? null : flops / result.MedianNanoseconds;

    /// <summary>Whether <paramref name="value"/> reaches <paramref name="minimum"/>; null when there is no value to judge.</summary>
    private static bool? AtLeast(double? value, double minimum) => value is { } v ? v >= minimum : null;

    /// <summary>"met" when every criterion that could be judged holds and none is unknown; "not met" when any fails.</summary>
    private static string Verdict(params bool?[] criteria) =>
        criteria.Any(c => c == false) ? "not met" : criteria.All(c => c == true) ? "met" : "-";

    public static string SpeedUp(double? speedUp) => speedUp is { } s ? $"{F2(s)}×" : "-";

    public static string Cores(int threads) => threads == 1 ? "1 core" : $"{threads} cores";

    public static string Milliseconds(double ms) => ms.ToString(ms >= 100 ? "N0" : ms >= 10 ? "F1" : ms >= 0.1 ? "F2" : "F3", CultureInfo.InvariantCulture) + " ms";

    /// <summary>In BenchmarkDotNet's units (1 KB = 1024 B), so the figure matches its Allocated column.</summary>
    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{F2(bytes / (double)(1L << 30))} GB",
        >= 1L << 20 => $"{F2(bytes / (double)(1L << 20))} MB",
        >= 1L << 10 => $"{F2(bytes / (double)(1L << 10))} KB",
        _ => $"{bytes} B",
    };

    public static string F0(double value) => value.ToString("F0", CultureInfo.InvariantCulture);

    public static string F1(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    public static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
