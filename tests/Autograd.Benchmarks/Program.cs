using Autograd.Benchmarks.Report;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;

// Run by hand, in Release: dotnet run -c Release --project tests/Autograd.Benchmarks -- --filter '*'
// Then: dotnet run -c Release --project tests/Autograd.Benchmarks -- report [--artifacts DIR] [--readme PATH]
if (args.Length > 0 && args[0] == "report")
{
    return PerformanceReport.Run(args[1..]);
}

// The full JSON export carries every statistic (the median among them) in nanoseconds, for the report to read.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance.AddExporter(JsonExporter.Full));
return 0;
