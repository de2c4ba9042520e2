using System.Diagnostics;
using Autograd.Notebooks.Documents;
using Autograd.Notebooks.Kernels;

namespace Autograd.Notebooks.Running;

/// <summary>
/// Runs notebooks headlessly, cell by cell, in a fresh kernel each, with the notebook's folder as the working
/// directory; stops a notebook at its first failing cell.
/// </summary>
/// <param name="Host">Where cells run.</param>
/// <param name="CellTimeout">How long one cell may run before the notebook fails.</param>
/// <param name="RepoRoot">The repository root, where the real kernel tool is pinned.</param>
internal sealed record NotebookRunner(KernelHost Host, TimeSpan CellTimeout, string RepoRoot)
{
    /// <summary>The per-cell timeout used unless one is given: a guard against hangs, not a performance limit.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan KernelStartTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs every code cell of <paramref name="notebook"/> in order, recording outputs in a copy.</summary>
    public async Task<NotebookRun> RunAsync(NotebookDocument notebook)
    {
        var clock = Stopwatch.StartNew();
        var executed = notebook.Clone();
        var folder = Path.GetDirectoryName(notebook.Path)!;

        INotebookKernel kernel;
        try
        {
            kernel = Host == KernelHost.InProcess
                ? await WorkerKernel.StartAsync(folder, KernelStartTimeout)
                : await StdioKernel.StartAsync(RepoRoot, folder, KernelStartTimeout);
        }
        catch (InvalidOperationException e)
        {
            foreach (var cell in executed.Cells.Where(cell => cell.IsCode))
            {
                cell.Outputs = [];
                cell.ExecutionCount = null;
            }

            return new NotebookRun(notebook, executed, Host, new NotebookFailure(notebook.Path, null, "", e.Message, false), clock.Elapsed);
        }

        NotebookFailure? failure = null;
        await using (kernel)
        {
            var executionCount = 0;
            foreach (var cell in executed.Cells.Where(cell => cell.IsCode))
            {
                if (failure is not null || string.IsNullOrWhiteSpace(cell.Source))
                {
                    cell.Outputs = [];
                    cell.ExecutionCount = null;
                    continue;
                }

                var result = await kernel.ExecuteAsync(cell.Source, cell.KernelName, CellTimeout);
                cell.ExecutionCount = ++executionCount;
                cell.Outputs = result.Outcome == CellOutcome.Succeeded
                    ? result.Outputs
                    : [.. result.Outputs, new ErrorOutput(result.Outcome.ToString(), result.Message ?? "", [result.Message ?? ""])];
                if (result.Outcome != CellOutcome.Succeeded)
                {
                    failure = new NotebookFailure(
                        notebook.Path, cell.Number, cell.Source, result.Message ?? "", result.Outcome == CellOutcome.TimedOut);
                }
            }
        }

        return new NotebookRun(notebook, executed, Host, failure, clock.Elapsed);
    }
}
