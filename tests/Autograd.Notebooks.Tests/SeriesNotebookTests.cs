using Autograd.Notebooks.Documents;
using Autograd.Notebooks.Running;
using Autograd.Notebooks.Verification;

namespace Autograd.Notebooks.Tests;

/// <summary>
/// Every notebook of the series, found when the tests run, in both hosts: it runs top to bottom without error, and
/// in process its outputs match the committed ones.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class SeriesNotebookTests
{
    // A guard against hangs, not a performance limit: a notebook runs in well under a minute.
    private static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The notebooks/*.ipynb file names, in name order (none yet: the theories report a skip).</summary>
    public static TheoryData<string> Notebooks()
    {
        var files = Directory.Exists(TestPaths.NotebooksFolder)
            ? Directory.GetFiles(TestPaths.NotebooksFolder, "*.ipynb")
            : [];
        return new TheoryData<string>(files.Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));
    }

    [Theory(SkipTestWithoutData = true)]
    [MemberData(nameof(Notebooks))]
    public async Task Runs_in_process_and_its_outputs_match_the_committed_ones(string notebook)
    {
        var committed = NotebookDocument.Load(Path.Combine(TestPaths.NotebooksFolder, notebook));

        var run = await new NotebookRunner(KernelHost.InProcess, CellTimeout, TestPaths.RepoRoot).RunAsync(committed);

        Assert.True(run.Succeeded, run.Failure?.ToString());
        var differences = new OutputVerifier(new OutputNormalizer(TestPaths.RepoRoot)).Compare(committed, run.Executed);
        Assert.True(differences.Count == 0, string.Join("\n\n", differences));
    }

    [Theory(SkipTestWithoutData = true)]
    [MemberData(nameof(Notebooks))]
    public async Task Runs_in_the_real_kernel(string notebook)
    {
        var committed = NotebookDocument.Load(Path.Combine(TestPaths.NotebooksFolder, notebook));

        var run = await new NotebookRunner(KernelHost.RealKernel, CellTimeout, TestPaths.RepoRoot).RunAsync(committed);

        Assert.True(run.Succeeded, run.Failure?.ToString());
    }
}
