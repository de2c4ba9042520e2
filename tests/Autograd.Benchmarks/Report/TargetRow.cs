namespace Autograd.Benchmarks.Report;

/// <summary>One line of the performance table: a target, what this run measured, and whether it met it.</summary>
/// <param name="What">The benchmark and the quantity judged.</param>
/// <param name="Measured">The median this run measured, or "not in this run".</param>
/// <param name="Target">The project's target.</param>
/// <param name="Libtorch">libtorch's median from the same runs, or "-" where it has no counterpart.</param>
/// <param name="Ratio">The speed-up over libtorch (its time ÷ ours), or measured over the target when libtorch has no counterpart.</param>
/// <param name="Verdict">"met", "not met", or "-" when it cannot be judged.</param>
internal sealed record TargetRow(string What, string Measured, string Target, string Libtorch, string Ratio, string Verdict);
