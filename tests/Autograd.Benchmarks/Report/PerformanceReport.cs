using System.Globalization;

namespace Autograd.Benchmarks.Report;

/// <summary>
/// The <c>report</c> command: reads the results of the library's runs and libtorch's, prints the table of performance
/// targets, draws the charts of how cost grows (SVG files, by default in docs/performance beside the README), and
/// writes the table and the links to the charts into README.md between the performance-table markers.
/// </summary>
internal static class PerformanceReport
{
    private const string Usage = "usage: report [--artifacts DIR]... [--readme PATH] [--charts DIR]";

    /// <summary>Results from runs further apart than this are flagged: the machine's load may have changed between them.</summary>
    private static readonly TimeSpan SameRunSpan = TimeSpan.FromHours(2);

    public static int Run(string[] args)
    {
        var artifacts = new List<string>();
        string readme = "README.md";
        string? charts = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--artifacts" when i + 1 < args.Length:
                    artifacts.Add(args[++i]);
                    break;
                case "--readme" when i + 1 < args.Length:
                    readme = args[++i];
                    break;
                case "--charts" when i + 1 < args.Length:
                    charts = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"report: unexpected argument '{args[i]}'.\n{Usage}");
                    return 2;
            }
        }

        if (artifacts.Count == 0)
        {
            artifacts.Add(Path.Combine("BenchmarkDotNet.Artifacts", "results"));
        }

        if (artifacts.FirstOrDefault(directory => !Directory.Exists(directory)) is { } missing)
        {
            Console.Error.WriteLine($"report: no results directory '{Path.GetFullPath(missing)}'. Run the benchmarks first, or pass --artifacts DIR.");
            return 1;
        }

        var results = BenchmarkResults.Load(artifacts);
        if (results.Sources.Count == 0)
        {
            Console.Error.WriteLine(
                $"report: no {BenchmarkResults.FilePattern} in {string.Join(", ", artifacts.Select(a => $"'{Path.GetFullPath(a)}'"))}. The benchmark program exports them; runs made before it did have only CSV.");
            return 1;
        }

        string readmeFolder = Path.GetDirectoryName(Path.GetFullPath(readme))!;
        charts ??= Path.Combine(readmeFolder, "docs", "performance");
        string section = Section(results, Path.GetRelativePath(readmeFolder, Path.GetFullPath(charts)).Replace('\\', '/'));
        Console.WriteLine(section);
        Console.WriteLine();
        foreach (var source in results.Sources)
        {
            Console.WriteLine($"read {source.FileName} ({Started(source.Started)})");
        }

        WarnIfRunsApart(results.Sources);

        if (!File.Exists(readme))
        {
            Console.Error.WriteLine($"report: no '{Path.GetFullPath(readme)}' to update; pass --readme PATH.");
            return 1;
        }

        Directory.CreateDirectory(charts);
        foreach (var chart in CostGrowth.Charts(results))
        {
            File.WriteAllText(Path.Combine(charts, chart.FileName), chart.Svg);
            Console.WriteLine($"wrote {Path.Combine(charts, chart.FileName)}");
        }

        try
        {
            File.WriteAllText(readme, ReadmeSection.Replace(File.ReadAllText(readme), section));
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"report: {readme}: {e.Message} The table goes between '{ReadmeSection.Begin}' and '{ReadmeSection.End}'.");
            return 1;
        }

        Console.WriteLine($"updated {readme}");
        return 0;
    }

    /// <summary>
    /// What goes between the README's markers: where the figures come from, the FMA peak, the targets table, and the
    /// charts (linked from <paramref name="chartsLink"/>, relative to the README) with the MLP sweep.
    /// </summary>
    public static string Section(BenchmarkResults results, string chartsLink)
    {
        var (width, oneCore, twoCores) = PerformanceTargets.FmaPeak(results);
        var first = results.Sources.Where(s => s.Started is not null).MinBy(s => s.Started);
        var last = results.Sources[^1];
        string machine = results.Machine is { } described
            ? $"{described}, {described.LogicalCores} logical cores"
            : $"{last.Processor} ({last.LogicalCores} logical cores)";
        string peak = oneCore is null && twoCores is null
            ? $"FMA peak: {PerformanceTargets.NotInRun}."
            : $"FMA peak with {width}-bit vectors: {Gflops(oneCore)} GFLOP/s on one core, {Gflops(twoCores)} on two.";
        string libtorch = results.LibtorchRuns == 0
            ? "no libtorch runs (its columns are empty)"
            : $"{Runs(results.LibtorchRuns)} of libtorch (TorchSharp-cpu 0.107.0) alternating with them";
        var lines = new List<string>
        {
            "<!-- Generated by `dotnet run -c Release --project tests/Autograd.Benchmarks -- report`; edits here are overwritten. -->",
            $"From {Runs(results.Runs)} of the library and {libtorch}, starting {Started(first?.Started)}, on {machine}, {last.Runtime.Split(" (")[0]}, float64. {peak} Times are medians (of the runs' medians); speed-up is libtorch's time ÷ the library's.",
            "",
            MarkdownTable.Format(PerformanceTargets.Evaluate(results)),
            "",
            "**How cost grows**, with libtorch on the same axes (log scales; solid lines one thread, dashed two):",
            "",
        };
        foreach (var chart in CostGrowth.Charts(results))
        {
            lines.Add($"![{chart.AltText}]({chartsLink}/{chart.FileName})");
            lines.Add("");
        }

        lines.Add("One SGD step of the 784-256-10 MLP by batch size:");
        lines.Add("");
        lines.Add(CostGrowth.MlpTable(results));
        return string.Join('\n', lines);
    }

    private static string Runs(int count) => count == 1 ? "one run" : $"{count} runs";

    private static void WarnIfRunsApart(IReadOnlyList<ResultSource> sources)
    {
        var times = sources.Where(s => s.Started is not null).Select(s => s.Started!.Value).ToList();
        if (times.Count > 1 && times.Max() - times.Min() > SameRunSpan)
        {
            Console.Error.WriteLine(
                $"report: warning: these results come from runs {(times.Max() - times.Min()).TotalHours:F1} hours apart; ratios between them (fractions of the FMA peak) are only meaningful within one run.");
        }
    }

    private static string Gflops(double? value) => value?.ToString("F1", CultureInfo.InvariantCulture) ?? "?";

    private static string Started(DateTime? started) => started?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "unknown time";
}
