namespace Autograd.Benchmarks.Report;

/// <summary>One benchmark case of a run, as BenchmarkDotNet's full JSON export records it.</summary>
/// <param name="Type">The benchmark class, without the library benchmarks' namespace (<c>MatMulBenchmarks</c>, or <c>Libtorch.MatMulBenchmarks</c> for libtorch's).</param>
/// <param name="Method">The benchmark method (<c>Forward</c>).</param>
/// <param name="Parameters">The case's parameter values by name (<c>N</c> → <c>256</c>); empty for a class without any.</param>
/// <param name="MedianNanoseconds">The median time of one invocation.</param>
/// <param name="Measurements">How many measured iterations the median is of.</param>
/// <param name="AllocatedBytes">Bytes allocated per invocation, when the class has a memory diagnoser.</param>
internal sealed record BenchmarkResult(
    string Type,
    string Method,
    IReadOnlyDictionary<string, string> Parameters,
    double MedianNanoseconds,
    int Measurements,
    long? AllocatedBytes)
{
    public double MedianMilliseconds => MedianNanoseconds / 1e6;
}
