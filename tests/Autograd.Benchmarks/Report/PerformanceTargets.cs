using System.Globalization;

namespace Autograd.Benchmarks.Report;

/// <summary>
/// The project's performance targets (the README's Performance section) judged against one run: each target, the
/// median this run measured, libtorch's figure on the same kind of machine, and their ratio.
/// </summary>
internal static class PerformanceTargets
{
    public const string NotInRun = "not in this run";

    private static readonly int[] Sizes = [256, 512, 1024];

    /// <summary>libtorch's MatMul in GFLOP/s on one thread and on two (TorchSharp-cpu 0.107.0, MKL).</summary>
    private static readonly Range LibtorchMatMulOneThread = new(38, 46);
    private static readonly Range LibtorchMatMulTwoThreads = new(68, 80);

    /// <summary>libtorch's forward plus backward of one MatMul, as a multiple of its forward.</summary>
    private const double LibtorchBackwardCost = 3.1;

    /// <summary>libtorch's 784-256-10 SGD step at batch 128, in ms, on one thread and on two.</summary>
    private static readonly Range LibtorchMlpOneThread = new(2.8, 3.2);
    private static readonly Range LibtorchMlpTwoThreads = new(1.8, 2.3);

    /// <summary>libtorch's 1000 full-batch SGD steps of the spiral net, in ms.</summary>
    private const double LibtorchSpiral = 310;

    /// <summary>The FMA peak of this run, one core and two, in GFLOP/s; null when the run did not measure it.</summary>
    public static (double? OneCore, double? TwoCores) FmaPeak(BenchmarkResults results) =>
        (Gflops(results.Find("FmaPeakBenchmarks", "OneCore"), FmaPeakBenchmarks.FlopsPerCore),
         Gflops(results.Find("FmaPeakBenchmarks", "TwoCores"), 2 * FmaPeakBenchmarks.FlopsPerCore));

    public static IReadOnlyList<TargetRow> Evaluate(BenchmarkResults results)
    {
        var peak = FmaPeak(results);
        var rows = new List<TargetRow>();
        foreach (int n in Sizes)
        {
            rows.Add(MatMulForward(results, n, threads: 1, peak.OneCore, minimumOfPeak: 0.77, LibtorchMatMulOneThread));
        }

        foreach (int n in Sizes)
        {
            rows.Add(MatMulForward(results, n, threads: 2, peak.TwoCores, minimumOfPeak: 0.69, LibtorchMatMulTwoThreads));
        }

        foreach (int threads in new[] { 1, 2 })
        {
            foreach (int n in Sizes)
            {
                rows.Add(BackwardCost(results, n, threads));
            }
        }

        rows.Add(MlpStep(results));
        rows.Add(MlpAllocation(results));
        rows.Add(Spiral(results));
        rows.Add(MoonsStep(results));
        return rows;
    }

    private static TargetRow MatMulForward(BenchmarkResults results, int n, int threads, double? peak, double minimumOfPeak, Range libtorch)
    {
        string what = $"MatMul forward, n = {n}, {Cores(threads)}";
        string target = $"≥ {F2(minimumOfPeak)} of the {(threads == 1 ? "one-core" : "two-core")} FMA peak";
        string libtorchText = $"{libtorch} GFLOP/s";
        var forward = results.Find("MatMulBenchmarks", "Forward", ("N", n), ("Threads", threads));
        if (Gflops(forward, 2.0 * n * n * n) is not { } gflops)
        {
            return new TargetRow(what, NotInRun, target, libtorchText, "-", "-");
        }

        string ratio = $"{libtorch.RatioOf(gflops)} × libtorch";
        if (peak is not { } peakGflops)
        {
            return new TargetRow(what, $"{F1(gflops)} GFLOP/s (FMA peak {NotInRun})", target, libtorchText, ratio, "-");
        }

        double fraction = gflops / peakGflops;
        return new TargetRow(what, $"{F1(gflops)} GFLOP/s = {F2(fraction)} of peak", target, libtorchText, ratio, Verdict(fraction >= minimumOfPeak));
    }

    private static TargetRow BackwardCost(BenchmarkResults results, int n, int threads)
    {
        const double maximum = 3.2;
        string what = $"MatMul node (zero grads, forward, backward) ÷ its forward, n = {n}, {Cores(threads)}";
        string target = $"≤ {F1(maximum)}";
        string libtorchText = $"about {F1(LibtorchBackwardCost)}";
        var forward = results.Find("MatMulBenchmarks", "ForwardNode", ("N", n), ("Threads", threads));
        var both = results.Find("MatMulBenchmarks", "ForwardBackward", ("N", n), ("Threads", threads));
        if (forward is null || both is null)
        {
            return new TargetRow(what, NotInRun, target, libtorchText, "-", "-");
        }

        double cost = both.MedianNanoseconds / forward.MedianNanoseconds;
        return new TargetRow(what, $"{F2(cost)}×", target, libtorchText, $"{F2(cost / LibtorchBackwardCost)} × libtorch", Verdict(cost <= maximum));
    }

    /// <summary>
    /// The MLP step runs with the kernel's default thread count, every core of the machine, so on two cores or more it
    /// is judged against libtorch on two threads. "No slower than libtorch" is read as: at most the slow end of its range.
    /// </summary>
    private static TargetRow MlpStep(BenchmarkResults results)
    {
        const string what = "MLP step 784-256-10, batch 128, SGD";
        int cores = results.Sources.Count > 0 ? results.Sources.Max(source => source.LogicalCores) : 2;
        var (libtorch, threadsText) = cores >= 2 ? (LibtorchMlpTwoThreads, "2 threads") : (LibtorchMlpOneThread, "1 thread");
        string target = $"≤ {F1(libtorch.High)} ms (libtorch, {threadsText})";
        string libtorchText = $"{LibtorchMlpOneThread} ms (1 thread), {LibtorchMlpTwoThreads} ms (2)";
        if (results.Find("TrainingBenchmarks", "MlpStep784x256x10Batch128") is not { } step)
        {
            return new TargetRow(what, NotInRun, target, libtorchText, "-", "-");
        }

        string allocated = step.AllocatedBytes is { } bytes ? $", {Bytes(bytes)} allocated" : "";
        return new TargetRow(
            what,
            $"{Milliseconds(step.MedianMilliseconds)}{allocated}",
            target,
            libtorchText,
            $"{libtorch.RatioOf(step.MedianMilliseconds)} × libtorch ({threadsText})",
            Verdict(step.MedianMilliseconds <= libtorch.High));
    }

    /// <summary>
    /// The bytes one step of the 784-256-10 net at batch 128 must hold if every array is new: each operation's result
    /// (two Linear outputs of 128×256 and 128×10 through MatMul and Add, the ReLU, the 1×1 loss) and its gradient.
    /// </summary>
    private const long MlpActivationsAndGradients = 2L * sizeof(double) * ((3 * 128 * 256) + (2 * 128 * 10) + 1);

    private static TargetRow MlpAllocation(BenchmarkResults results)
    {
        const string what = "Allocated per MLP step (BenchmarkDotNet memory diagnoser)";
        string target = $"≤ activations + gradients ({Bytes(MlpActivationsAndGradients)})";
        if (results.Find("TrainingBenchmarks", "MlpStep784x256x10Batch128") is not { AllocatedBytes: { } bytes })
        {
            return new TargetRow(what, NotInRun, target, "-", "-", "-");
        }

        return new TargetRow(
            what,
            Bytes(bytes),
            target,
            "-",
            $"{F2((double)bytes / MlpActivationsAndGradients)} × that",
            Verdict(bytes <= MlpActivationsAndGradients));
    }

    private static TargetRow Spiral(BenchmarkResults results)
    {
        const double maximum = 150;
        const string what = "Spiral 2-100-3, 1000 full-batch SGD steps";
        string target = $"< {F0(maximum)} ms";
        string libtorchText = $"about {F0(LibtorchSpiral)} ms";
        if (results.Find("TrainingBenchmarks", "Spiral1000SgdSteps") is not { } spiral)
        {
            return new TargetRow(what, NotInRun, target, libtorchText, "-", "-");
        }

        double ms = spiral.MedianMilliseconds;
        return new TargetRow(what, Milliseconds(ms), target, libtorchText, $"{F2(ms / LibtorchSpiral)} × libtorch", Verdict(ms < maximum));
    }

    private static TargetRow MoonsStep(BenchmarkResults results)
    {
        const double maximum = 10;
        const string what = "Scalar graph: one micrograd moons step";
        string target = $"< {F0(maximum)} ms";
        if (results.Find("ScalarGraphBenchmarks", "MicrogradMoonsStep") is not { } moons)
        {
            return new TargetRow(what, NotInRun, target, "-", "-", "-");
        }

        double ms = moons.MedianMilliseconds;
        return new TargetRow(what, Milliseconds(ms), target, "-", $"{F2(ms / maximum)} × target", Verdict(ms < maximum));
    }

    /// <summary>GFLOP/s from the median: flops per nanosecond.</summary>
    private static double? Gflops(BenchmarkResult? result, double flops) => result is null ? null : flops / result.MedianNanoseconds;

    private static string Verdict(bool met) => met ? "met" : "not met";

    private static string Cores(int threads) => threads == 1 ? "1 core" : $"{threads} cores";

    private static string Milliseconds(double ms) => ms.ToString(ms >= 100 ? "N0" : ms >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture) + " ms";

    /// <summary>In BenchmarkDotNet's units (1 KB = 1024 B), so the figure matches its Allocated column.</summary>
    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{F2(bytes / (double)(1L << 30))} GB",
        >= 1L << 20 => $"{F2(bytes / (double)(1L << 20))} MB",
        >= 1L << 10 => $"{F2(bytes / (double)(1L << 10))} KB",
        _ => $"{bytes} B",
    };

    private static string F0(double value) => value.ToString("F0", CultureInfo.InvariantCulture);

    private static string F1(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>A figure known as a range, such as libtorch's 38-46 GFLOP/s.</summary>
    private readonly record struct Range(double Low, double High)
    {
        /// <summary>value ÷ the range, as a range: against the high end first, so the smaller ratio comes first.</summary>
        public string RatioOf(double value) => $"{F2(value / High)}-{F2(value / Low)}";

        public override string ToString() =>
            $"{Low.ToString(CultureInfo.InvariantCulture)}-{High.ToString(CultureInfo.InvariantCulture)}";
    }
}
