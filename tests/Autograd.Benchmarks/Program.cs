using Autograd.Benchmarks.Report;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;

// Run by hand, in Release: dotnet run -c Release --project tests/Autograd.Benchmarks -- --filter '*'
// Then: dotnet run -c Release --project tests/Autograd.Benchmarks -- report [--artifacts DIR]... [--readme PATH]
// compare-with-libtorch.sh, beside this file, runs both this and tests/Autograd.Benchmarks.Libtorch, then the report.
if (args.Length > 0 && args[0] == "report")
{
    return PerformanceReport.Run(args[1..]);
}

// The full JSON export carries every statistic (the median among them) in nanoseconds, for the report to read.
var config = DefaultConfig.Instance.AddExporter(JsonExporter.Full);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);

// Beside the results, what BenchmarkDotNet does not record: the CPU's generation and the vector width .NET uses.
int artifacts = Array.IndexOf(args, "--artifacts");
string artifactsPath = artifacts >= 0 && artifacts + 1 < args.Length ? args[artifacts + 1] : config.ArtifactsPath;
MachineInfo.Detect().Write(Path.Combine(artifactsPath, "results"));
return 0;
