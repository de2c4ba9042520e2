using System.Diagnostics;
using System.Runtime.Intrinsics.X86;

namespace Autograd.Tests;

/// <summary>
/// Runs the determinism battery (tests/Autograd.Determinism) in child processes, once per runtime configuration,
/// at most two at a time, and keeps each run's output for <see cref="DeterminismBatteryTests"/>. Every run starts as
/// soon as the fixture is made, so the tests only wait for the ones they compare.
/// </summary>
public sealed class DeterminismBattery : IAsyncDisposable
{
    /// <summary>The configuration every other is compared with: the machine's own settings.</summary>
    public const string Default = "default";

    /// <summary>A guard against a hung child, not a performance limit: a run takes about a second.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static readonly SemaphoreSlim Slots = new(Math.Clamp(Environment.ProcessorCount, 1, 2));

    private readonly Dictionary<string, Task<BatteryRun>> runs;

    public DeterminismBattery()
    {
        string battery = Locate();
        runs = Configurations.ToDictionary(c => c.Name, c => Task.Run(() => RunAsync(battery, c)), StringComparer.Ordinal);
    }

    /// <summary>
    /// Every configuration this machine can emulate: each vector width the runtime can be told to prefer (512 only
    /// where the CPU has AVX-512), no AVX-512, no AVX2, no hardware intrinsics at all, one and two processors, and
    /// the three ways the JIT can compile the same code (fully optimised from the start, unoptimised throughout,
    /// and the framework compiled here rather than precompiled), and two garbage-collector settings that change when
    /// recycled arrays move between tensors. A second default run checks that a fresh process repeats the first.
    /// </summary>
    public static IReadOnlyList<BatteryConfiguration> Configurations { get; } =
    [
        new(Default, null, null, null),
        new("default, second process", null, null, null),
        .. Avx512F.IsSupported ? [new BatteryConfiguration("DOTNET_PreferredVectorBitWidth=512", "PreferredVectorBitWidth", "512", "Vector512=True")] : Array.Empty<BatteryConfiguration>(),
        new("DOTNET_PreferredVectorBitWidth=256", "PreferredVectorBitWidth", "256", "Vector512=False"),
        new("DOTNET_PreferredVectorBitWidth=128", "PreferredVectorBitWidth", "128", "Vector256=False"),
        .. Avx512F.IsSupported ? [new BatteryConfiguration("DOTNET_EnableAVX512=0", "EnableAVX512", "0", "Avx512F=False")] : Array.Empty<BatteryConfiguration>(),
        new("DOTNET_EnableAVX2=0", "EnableAVX2", "0", "Avx2=False"),
        new("DOTNET_EnableHWIntrinsic=0", "EnableHWIntrinsic", "0", "Vector128=False"),
        new("DOTNET_PROCESSOR_COUNT=1", "PROCESSOR_COUNT", "1", "ProcessorCount=1"),
        new("DOTNET_PROCESSOR_COUNT=2", "PROCESSOR_COUNT", "2", "ProcessorCount=2"),
        new("DOTNET_TieredCompilation=0", "TieredCompilation", "0", null),
        new("DOTNET_JITMinOpts=1", "JITMinOpts", "1", null),
        new("DOTNET_ReadyToRun=0", "ReadyToRun", "0", null),

        // Garbage-collector pressure: a 64 KB young generation collects every few operations, and the server collector
        // runs on its own threads. Recycled arrays must give the same numbers whenever collections happen.
        new("DOTNET_GCgen0size=10000", "GCgen0size", "10000", null),
        new("DOTNET_gcServer=1", "gcServer", "1", null),
    ];

    /// <summary>The run under <paramref name="configuration"/> (one of <see cref="Configurations"/>' names).</summary>
    public Task<BatteryRun> Run(string configuration) => runs[configuration];

    public async ValueTask DisposeAsync()
    {
        // Each run ends by itself within its timeout; wait so that no child outlives the tests.
        foreach (var run in runs.Values)
        {
            try
            {
                await run;
            }
            catch (Exception)
            {
                // Already reported by the test that awaited it.
            }
        }
    }

    /// <summary>
    /// The battery's build output, in the same configuration and framework as this test assembly: this assembly sits
    /// in tests/Autograd.Tests/bin/&lt;Configuration&gt;/&lt;framework&gt;/, and the battery in the same folders
    /// under tests/Autograd.Determinism (the test project references it, so it is built first).
    /// </summary>
    internal static string Locate()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var bin = output;
        while (bin is not null && bin.Name != "bin")
        {
            bin = bin.Parent;
        }

        if (bin?.Parent?.Parent is not { } tests)
        {
            throw new InvalidOperationException($"The test assembly's folder {output.FullName} is not inside a bin folder.");
        }

        string belowBin = Path.GetRelativePath(bin.FullName, output.FullName);
        string path = Path.Combine(tests.FullName, "Autograd.Determinism", "bin", belowBin, "Autograd.Determinism.dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The determinism battery is not built at {path}. Build tests/Autograd.Determinism in the same configuration (dotnet build builds it).",
                path);
        }

        return path;
    }

    /// <summary>The dotnet host that runs this process: the one the SDK names, or the one beside the runtime.</summary>
    internal static string DotnetHost()
    {
        string executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } fromSdk && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/, the host in <root>.
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string beside = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", executable));
        return File.Exists(beside) ? beside : executable;
    }

    private static async Task<BatteryRun> RunAsync(string battery, BatteryConfiguration configuration)
    {
        await Slots.WaitAsync();
        try
        {
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(battery)!,
            };
            start.ArgumentList.Add(battery);

            // The default must be the machine's own, even if whoever runs the tests has set one of these.
            foreach (string setting in Configurations.Select(c => c.Setting).OfType<string>().Distinct())
            {
                start.Environment.Remove("DOTNET_" + setting);
                start.Environment.Remove("COMPlus_" + setting);
            }

            if (configuration.Setting is not null)
            {
                start.Environment["DOTNET_" + configuration.Setting] = configuration.Value;
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            bool timedOut = false;
            using (var limit = new CancellationTokenSource(Timeout))
            {
                try
                {
                    await process.WaitForExitAsync(limit.Token);
                }
                catch (OperationCanceledException)
                {
                    timedOut = true;
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }

            return BatteryRun.Parse(configuration, await output, await errors, process.ExitCode, timedOut, clock.Elapsed);
        }
        finally
        {
            Slots.Release();
        }
    }
}

/// <summary>
/// One configuration of the runtime: <c>DOTNET_</c><see cref="Setting"/> set to <see cref="Value"/> (none for the
/// default), and a fragment the battery's description line must then contain, which shows the setting took effect.
/// </summary>
public sealed record BatteryConfiguration(string Name, string? Setting, string? Value, string? Expect);

/// <summary>What one child printed: its description line and each check's name and result, in order.</summary>
public sealed record BatteryRun(
    BatteryConfiguration Configuration,
    string Description,
    IReadOnlyList<(string Name, string Result)> Checks,
    string Errors,
    int ExitCode,
    bool TimedOut,
    TimeSpan Elapsed)
{
    public static BatteryRun Parse(
        BatteryConfiguration configuration, string output, string errors, int exitCode, bool timedOut, TimeSpan elapsed)
    {
        string description = "";
        var checks = new List<(string, string)>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                description = line;
                continue;
            }

            int space = line.IndexOf(' ', StringComparison.Ordinal);
            checks.Add(space < 0 ? (line, "") : (line[..space], line[(space + 1)..]));
        }

        return new(configuration, description, checks, errors, exitCode, timedOut, elapsed);
    }

    /// <summary>Why this run cannot be compared, or null when it finished cleanly.</summary>
    public string? Problem =>
        TimedOut ? $"{Configuration.Name}: the battery did not finish within its time limit. Standard error:\n{Errors}"
        : ExitCode != 0 ? $"{Configuration.Name}: the battery exited with code {ExitCode}. Standard error:\n{Errors}"
        : Checks.Count == 0 ? $"{Configuration.Name}: the battery printed no checks. Standard error:\n{Errors}"
        : null;
}
