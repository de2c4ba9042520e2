using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Autograd.Benchmarks;

/// <summary>
/// <see cref="TrainingBenchmarks.Spiral1000SgdSteps"/> in a process that sees one core, as on a one-core machine: the
/// runtime is told there is one processor (<c>DOTNET_PROCESSOR_COUNT=1</c>, so the kernels plan for one thread) and the
/// process may run on the first core only.
/// </summary>
[Config(typeof(Config))]
[MedianColumn]
public class OneCoreBenchmarks
{
    private readonly TrainingBenchmarks training = new();

    [GlobalSetup]
    public void Setup()
    {
        training.Setup();

        // On one processor the runtime waits ten times longer before it optimises a method (and restarts the wait
        // while new methods are still being compiled): the first 4-5 s of a one-core process run partly unoptimised
        // code, 330 ms per 1000 spiral steps against 80 once optimised. Measured: the steady state, as on two cores.
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(8))
        {
            training.Spiral1000SgdSteps();
        }
    }

    /// <summary>1000 full-batch SGD steps of the 2-100-3 ReLU net on the 300-point spiral.</summary>
    [Benchmark]
    public double Spiral1000SgdSteps() => training.Spiral1000SgdSteps();

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default
            .WithId("OneCore")
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithEnvironmentVariables(new EnvironmentVariable("DOTNET_PROCESSOR_COUNT", "1"))
            .WithAffinity(1));
    }
}
