using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Kernels;

/// <summary>How running one cell ended.</summary>
internal enum CellOutcome
{
    Succeeded,
    Failed,
    TimedOut,
}

/// <summary>The result of running one cell: its outputs and, unless it succeeded, why not.</summary>
internal sealed record CellExecution(CellOutcome Outcome, IReadOnlyList<CellOutput> Outputs, string? Message = null)
{
    public static CellExecution TimedOut(TimeSpan timeout, string whatHappened, IReadOnlyList<CellOutput>? outputsSoFar = null) => new(
        CellOutcome.TimedOut,
        outputsSoFar ?? [],
        $"the cell did not finish within the per-cell timeout of {timeout.TotalSeconds:0.#} s; {whatHappened}");
}
