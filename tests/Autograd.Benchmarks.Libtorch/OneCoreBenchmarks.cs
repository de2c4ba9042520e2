using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using TorchSharp;

namespace Autograd.Benchmarks.Libtorch;

/// <summary>
/// libtorch's side of <c>Autograd.Benchmarks.OneCoreBenchmarks</c>: the spiral training on one thread, with the
/// process held to the first core for the duration.
/// </summary>
[MedianColumn]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class OneCoreBenchmarks
{
    private Spiral spiral = null!;
    private nint savedAffinity;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            using var process = Process.GetCurrentProcess();
            savedAffinity = process.ProcessorAffinity;
            process.ProcessorAffinity = 1;
        }

        spiral = new Spiral();

        // The same 8 s of warm-up as the library's one-core case, so both are measured in their steady state.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(8))
        {
            spiral.Train1000Steps();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        spiral.Dispose();
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            using var process = Process.GetCurrentProcess();
            process.ProcessorAffinity = savedAffinity;
        }
    }

    /// <summary>1000 full-batch SGD steps of the 2-100-3 ReLU net on the 300-point spiral.</summary>
    [Benchmark]
    public double Spiral1000SgdSteps() => spiral.Train1000Steps();
}
