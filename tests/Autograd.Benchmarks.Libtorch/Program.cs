using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Run by hand, in Release: dotnet run -c Release --project tests/Autograd.Benchmarks.Libtorch -- --filter '*'
// tests/Autograd.Benchmarks/compare-with-libtorch.sh alternates these with the library's own benchmarks.
//
// In process: a separately built benchmark process would carry its own copy of libtorch, which the build step that
// lets it load on older libstdc++ (weaken-glibcxx.py) never sees. Each case sets libtorch's thread count itself.
var inProcess = new Job("InProcess").WithToolchain(InProcessEmitToolchain.Instance).AsMutator();

// The full JSON export carries every statistic (the median among them) in nanoseconds, for the report to read.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args, DefaultConfig.Instance.AddJob(inProcess).AddExporter(JsonExporter.Full));
return 0;
