using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Running;

/// <summary>The outcome of running one notebook top to bottom in a fresh kernel.</summary>
/// <param name="Notebook">The notebook as read (its committed outputs untouched).</param>
/// <param name="Executed">A copy holding this run's outputs and execution counts; cells after a failure have none.</param>
/// <param name="Host">Where it ran.</param>
/// <param name="Failure">Why it stopped early, or null if every cell succeeded.</param>
/// <param name="Elapsed">How long it took, kernel start included.</param>
internal sealed record NotebookRun(
    NotebookDocument Notebook,
    NotebookDocument Executed,
    KernelHost Host,
    NotebookFailure? Failure,
    TimeSpan Elapsed)
{
    /// <summary>Whether every cell ran without error.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>How many code cells ran (the failing one included).</summary>
    public int CellsRun => Executed.Cells.Count(cell => cell.ExecutionCount is not null);
}
