namespace Autograd.Benchmarks.Report;

/// <summary>One line of the performance table: a target, what this run measured, and whether it met it.</summary>
/// <param name="What">The benchmark and the quantity judged.</param>
/// <param name="Measured">The median this run measured, or "not in this run".</param>
/// <param name="Target">The project's target.</param>
/// <param name="Libtorch">libtorch's figure on the same kind of machine, or "-".</param>
/// <param name="Ratio">Measured over libtorch's figure, or over the target when libtorch has none.</param>
/// <param name="Verdict">"met", "not met", or "-" when it cannot be judged.</param>
internal sealed record TargetRow(string What, string Measured, string Target, string Libtorch, string Ratio, string Verdict);
