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

    /// <summary>
    /// The same verification on the narrowest machine the runtime can play: no vector instructions at all (and no
    /// fused multiply-add instruction). The in-process test above runs with the widest vectors this machine has, so
    /// together they show that the committed outputs do not depend on the machine.
    /// </summary>
    [Theory(SkipTestWithoutData = true)]
    [MemberData(nameof(Notebooks))]
    public async Task Verifies_on_a_machine_without_vector_instructions(string notebook)
    {
        var result = await ChildProcess.RunToolAsync(
            TimeSpan.FromMinutes(10),
            new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0" },
            "verify",
            "--no-artifacts",
            "--timeout",
            "300",
            Path.Combine(TestPaths.NotebooksFolder, notebook));

        Assert.True(result.ExitCode == 0, result.Output);
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
