namespace Autograd.Benchmarks.Report;

/// <summary>One result file of a run and the machine it describes.</summary>
/// <param name="FileName">The file's name in the artifacts directory.</param>
/// <param name="Started">When BenchmarkDotNet started the run, from the timestamp in the summary's title.</param>
/// <param name="Processor">The processor name BenchmarkDotNet detected.</param>
/// <param name="LogicalCores">How many logical cores the machine had.</param>
/// <param name="Runtime">The .NET runtime the benchmarks ran on.</param>
internal sealed record ResultSource(string FileName, DateTime? Started, string Processor, int LogicalCores, string Runtime);
