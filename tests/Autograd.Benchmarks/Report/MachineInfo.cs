using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Autograd.Benchmarks.Report;

/// <summary>
/// What the report says about the machine the benchmarks ran on, beyond BenchmarkDotNet's processor name ("AMD EPYC"
/// names several generations): the CPU's family and model, and whether .NET accelerates 512-bit vectors there. The
/// benchmark program writes it beside its results, so the report describes the machine that measured, not its own.
/// </summary>
/// <param name="Processor">The model name from /proc/cpuinfo.</param>
/// <param name="Family">The CPU family (decimal, as /proc/cpuinfo shows it), or null where unknown.</param>
/// <param name="Model">The CPU model, or null where unknown.</param>
/// <param name="LogicalCores">The processors the runtime saw.</param>
/// <param name="Vector512Accelerated">Whether <see cref="Vector512.IsHardwareAccelerated"/> was true.</param>
internal sealed record MachineInfo(string Processor, int? Family, int? Model, int LogicalCores, bool Vector512Accelerated)
{
    public const string FileName = "machine.json";

    /// <summary>This machine, read from /proc/cpuinfo where there is one.</summary>
    public static MachineInfo Detect()
    {
        var fields = new Dictionary<string, string>();
        if (File.Exists("/proc/cpuinfo"))
        {
            // The first processor's block is enough: the fields read here are the same for every core.
            foreach (string line in File.ReadLines("/proc/cpuinfo").TakeWhile(line => line.Length > 0))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
                }
            }
        }

        return new MachineInfo(
            fields.GetValueOrDefault("model name") ?? "unknown processor",
            int.TryParse(fields.GetValueOrDefault("cpu family"), out int family) ? family : null,
            int.TryParse(fields.GetValueOrDefault("model"), out int model) ? model : null,
            Environment.ProcessorCount,
            Vector512.IsHardwareAccelerated);
    }

    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this));
    }

    /// <summary>The description written in <paramref name="directory"/>, or null when there is none.</summary>
    public static MachineInfo? Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<MachineInfo>(File.ReadAllText(path)) : null;
    }

    /// <summary>"AMD EPYC (family 26, model 2; 512-bit vectors accelerated)".</summary>
    public override string ToString()
    {
        string generation = Family is { } family ? $"family {family}, model {Model?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}; " : "";
        return $"{Processor} ({generation}512-bit vectors {(Vector512Accelerated ? "accelerated" : "not accelerated")})";
    }
}
