using System.Globalization;
using System.Text.Json;

namespace Autograd.Benchmarks.Report;

/// <summary>
/// The benchmark cases found in BenchmarkDotNet results directories, read from the <c>*-report-full.json</c> files
/// the benchmark programs export (every statistic in nanoseconds, so nothing depends on units or culture). The
/// library's cases and libtorch's (tests/Autograd.Benchmarks.Libtorch) may share directories: a libtorch case's type
/// is named <c>Libtorch.MatMulBenchmarks</c>, its namespace relative to the library's benchmarks.
/// </summary>
internal sealed class BenchmarkResults
{
    public const string FilePattern = "*-report-full.json";

    /// <summary>The prefix of libtorch's benchmark types: <c>Libtorch.</c> and the library's type name.</summary>
    public const string Libtorch = "Libtorch.";

    private const string LibraryNamespace = "Autograd.Benchmarks";

    private readonly Dictionary<string, BenchmarkResult> byKey = [];

    private BenchmarkResults(IReadOnlyList<ResultSource> sources) => Sources = sources;

    /// <summary>The files read, oldest first.</summary>
    public IReadOnlyList<ResultSource> Sources { get; }

    /// <summary>
    /// Reads the results of one or more runs, each a directory of <see cref="FilePattern"/> files. A case found in
    /// several runs gets the median of its runs' medians (and of their allocations), so one disturbed run cannot move
    /// the figure.
    /// </summary>
    public static BenchmarkResults Load(IReadOnlyList<string> directories)
    {
        var files = directories
            .SelectMany(directory => Directory.GetFiles(directory, FilePattern))
            .Select(path => new FileInfo(path))
            .OrderBy(file => file.LastWriteTimeUtc)
            .ToList();
        var results = new BenchmarkResults([.. files.Select(file => ReadSource(file.FullName))]);
        var cases = files
            .SelectMany(file => ReadResults(file.FullName))
            .GroupBy(result => Key(result.Type, result.Method, result.Parameters));
        foreach (var runs in cases)
        {
            results.byKey[runs.Key] = Combine([.. runs]);
        }

        results.Runs = directories.Count(directory => HasResultsOf(directory, libtorch: false));
        results.LibtorchRuns = directories.Count(directory => HasResultsOf(directory, libtorch: true));
        results.Machine = directories.Select(MachineInfo.Read).LastOrDefault(machine => machine is not null);
        return results;
    }

    /// <summary>How many runs of the library's benchmarks (directories with its results) were read.</summary>
    public int Runs { get; private set; }

    /// <summary>How many runs of libtorch's benchmarks were read.</summary>
    public int LibtorchRuns { get; private set; }

    /// <summary>The machine the benchmark program described beside its results, if it did.</summary>
    public MachineInfo? Machine { get; private set; }

    /// <summary>A case of the library's benchmarks; prefix the type with <see cref="Libtorch"/> for libtorch's.</summary>
    public BenchmarkResult? Find(string type, string method, params (string Name, object Value)[] parameters)
    {
        var values = parameters.ToDictionary(p => p.Name, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "");
        return byKey.GetValueOrDefault(Key(type, method, values));
    }

    /// <summary>One case from several runs: the median of their medians, of all their measurements.</summary>
    private static BenchmarkResult Combine(IReadOnlyList<BenchmarkResult> runs)
    {
        if (runs.Count == 1)
        {
            return runs[0];
        }

        var allocations = runs.Where(run => run.AllocatedBytes is not null).Select(run => (double)run.AllocatedBytes!.Value).ToList();
        return runs[0] with
        {
            MedianNanoseconds = Median(runs.Select(run => run.MedianNanoseconds).ToList()),
            Measurements = runs.Sum(run => run.Measurements),
            AllocatedBytes = allocations.Count == 0 ? null : (long)Median(allocations),
        };
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static string Key(string type, string method, IReadOnlyDictionary<string, string> parameters) =>
        $"{type}.{method}({string.Join(", ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))})";

    private static ResultSource ReadSource(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var host = root.GetProperty("HostEnvironmentInfo");
        return new ResultSource(
            Path.GetFileName(path),
            ParseTitleTimestamp(root.GetProperty("Title").GetString() ?? ""),
            host.GetProperty("ProcessorName").GetString() ?? "?",
            host.GetProperty("LogicalCoreCount").GetInt32(),
            host.GetProperty("RuntimeVersion").GetString() ?? "?");
    }

    /// <summary>
    /// The cases of one file that have statistics (a case that failed has none). When a case ran under several jobs
    /// (the class's own and one given with <c>--job</c>), the job with the most measurements stands for it, so a
    /// <c>Dry</c> job's single cold invocation never does.
    /// </summary>
    private static IEnumerable<BenchmarkResult> ReadResults(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var results = new List<BenchmarkResult>();
        foreach (var benchmark in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
        {
            if (!benchmark.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            long? allocated = benchmark.TryGetProperty("Memory", out var memory)
                && memory.TryGetProperty("BytesAllocatedPerOperation", out var bytes)
                && bytes.ValueKind == JsonValueKind.Number
                ? bytes.GetInt64()
                : null;
            results.Add(new BenchmarkResult(
                TypeName(benchmark.GetProperty("Namespace").GetString() ?? "", benchmark.GetProperty("Type").GetString() ?? ""),
                benchmark.GetProperty("Method").GetString() ?? "",
                ParseParameters(benchmark.GetProperty("Parameters").GetString() ?? ""),
                statistics.GetProperty("Median").GetDouble(),
                statistics.GetProperty("N").GetInt32(),
                allocated));
        }

        return results
            .GroupBy(result => Key(result.Type, result.Method, result.Parameters))
            .Select(cases => cases.MaxBy(result => result.Measurements)!);
    }

    /// <summary><c>MatMulBenchmarks</c> for the library's class, <c>Libtorch.MatMulBenchmarks</c> for libtorch's.</summary>
    private static string TypeName(string ns, string type) =>
        ns.StartsWith(LibraryNamespace + ".", StringComparison.Ordinal) ? $"{ns[(LibraryNamespace.Length + 1)..]}.{type}" : type;

    /// <summary>Whether <paramref name="directory"/> holds results of libtorch's benchmarks, or of the library's.</summary>
    private static bool HasResultsOf(string directory, bool libtorch) =>
        Directory.GetFiles(directory, FilePattern)
            .Any(path => Path.GetFileName(path).StartsWith(LibraryNamespace + "." + Libtorch, StringComparison.Ordinal) == libtorch);

    /// <summary>BenchmarkDotNet writes a case's parameters as <c>N=256&amp;Threads=1</c>.</summary>
    private static Dictionary<string, string> ParseParameters(string text) =>
        text.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "");

    /// <summary>A summary's title ends with the run's start, <c>-yyyyMMdd-HHmmss</c>.</summary>
    private static DateTime? ParseTitleTimestamp(string title) =>
        title.Length >= 15 && DateTime.TryParseExact(title[^15..], "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var started)
            ? started
            : null;
}
