using static Autograd.Benchmarks.Report.PerformanceTargets;

namespace Autograd.Benchmarks.Report;

/// <summary>
/// How cost grows with size, for both libraries on the same axes: MatMul GFLOP/s from n = 64 to 2048 (forward, and the
/// node's forward plus backward), and the time of one 784-256-10 SGD step from batch 1 to 1024, on one thread and on
/// two. Charts as SVG files, and the MLP sweep as a table (the MatMul figures are in the targets table).
/// </summary>
internal static class CostGrowth
{
    /// <summary>A chart's file name (in the charts folder) and its SVG.</summary>
    public sealed record Chart(string FileName, string AltText, string Svg);

    private const string LibraryColour = "#1f77b4";
    private const string LibtorchColour = "#d62728";

    public static IReadOnlyList<Chart> Charts(BenchmarkResults results)
    {
        var peak = FmaPeak(results);
        var levels = new List<ChartLevel>();
        if (peak.OneCore is { } one)
        {
            levels.Add(new ChartLevel($"{peak.Width}-bit FMA peak, 1 core", one));
        }

        if (peak.TwoCores is { } two)
        {
            levels.Add(new ChartLevel($"{peak.Width}-bit FMA peak, 2 cores", two));
        }

        return
        [
            new Chart(
                "matmul-gflops.svg",
                "MatMul forward GFLOP/s against n, this library and libtorch, 1 and 2 threads",
                SvgLineChart.Render("MatMul forward, n×n float64", "n", "GFLOP/s", MatMulSeries(results, "Forward", products: 1), levels)),
            new Chart(
                "matmul-forward-backward-gflops.svg",
                "MatMul node forward plus backward GFLOP/s against n, this library and libtorch, 1 and 2 threads",
                SvgLineChart.Render("MatMul node, forward + backward (3 products)", "n", "GFLOP/s", MatMulSeries(results, "ForwardBackward", products: 3), levels)),
            new Chart(
                "mlp-step-vs-batch.svg",
                "Time of one SGD step of the 784-256-10 MLP against the batch size, this library and libtorch, 1 and 2 threads",
                SvgLineChart.Render("One SGD step of the 784-256-10 MLP", "batch", "ms per step", MlpSeries(results), [])),
        ];
    }

    /// <summary>The MLP sweep: step times of both libraries and the speed-up, per batch and thread count.</summary>
    public static string MlpTable(BenchmarkResults results)
    {
        var lines = new List<string>
        {
            "| batch | 1 thread | libtorch, 1 thread | speed-up | 2 threads | libtorch, 2 threads | speed-up |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (int batch in Batches)
        {
            var cells = new List<string> { batch.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            foreach (int threads in ThreadCounts)
            {
                var ours = MlpStep(results, "", batch, threads);
                var theirs = MlpStep(results, BenchmarkResults.Libtorch, batch, threads);
                cells.Add(ours is null ? "-" : Milliseconds(ours.MedianMilliseconds));
                cells.Add(theirs is null ? "-" : Milliseconds(theirs.MedianMilliseconds));
                cells.Add(SpeedUp(ours is null || theirs is null ? null : theirs.MedianNanoseconds / ours.MedianNanoseconds));
            }

            lines.Add($"| {string.Join(" | ", cells)} |");
        }

        return string.Join('\n', lines);
    }

    private static List<ChartSeries> MatMulSeries(BenchmarkResults results, string method, int products) =>
        [.. Series((prefix, threads) => MatMulSizes
            .Select(n => (n, Gflops(results.Find(prefix + "MatMulBenchmarks", method, ("N", n), ("Threads", threads)), products * 2.0 * n * n * n))))];

    private static List<ChartSeries> MlpSeries(BenchmarkResults results) =>
        [.. Series((prefix, threads) => Batches
            .Select(batch => (batch, MlpStep(results, prefix, batch, threads)?.MedianMilliseconds)))];

    /// <summary>Four lines: each library (by colour) on one thread (solid) and two (dashed), the points it has.</summary>
    private static IEnumerable<ChartSeries> Series(Func<string, int, IEnumerable<(int X, double? Y)>> points)
    {
        foreach (int threads in ThreadCounts)
        {
            foreach (var (name, prefix, colour) in new[] { ("this library", "", LibraryColour), ("libtorch", BenchmarkResults.Libtorch, LibtorchColour) })
            {
                var measured = points(prefix, threads).Where(p => p.Y is not null).Select(p => ((double)p.X, p.Y!.Value)).ToList();
                yield return new ChartSeries($"{name}, {threads} thread{(threads == 1 ? "" : "s")}", colour, threads > 1, measured);
            }
        }
    }

    private static BenchmarkResult? MlpStep(BenchmarkResults results, string prefix, int batch, int threads) =>
        results.Find(prefix + "MlpBatchBenchmarks", "Step", ("Batch", batch), ("Threads", threads));
}
