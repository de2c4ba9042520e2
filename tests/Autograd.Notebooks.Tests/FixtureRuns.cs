using Autograd.Notebooks.Documents;
using Autograd.Notebooks.Running;

namespace Autograd.Notebooks.Tests;

/// <summary>Runs a fixture notebook from Fixtures/ in the chosen host.</summary>
internal static class FixtureRuns
{
    public static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(2);

    public static Task<NotebookRun> RunAsync(string fixture, KernelHost host, TimeSpan? cellTimeout = null) =>
        new NotebookRunner(host, cellTimeout ?? CellTimeout, TestPaths.RepoRoot)
            .RunAsync(NotebookDocument.Load(TestPaths.Fixture(fixture)));
}
