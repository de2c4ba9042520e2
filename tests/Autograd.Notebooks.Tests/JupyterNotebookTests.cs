using System.Text.Json.Nodes;
using Autograd.Notebooks.Documents;
using Autograd.Notebooks.Verification;

namespace Autograd.Notebooks.Tests;

/// <summary>
/// Notebooks of the series run in Jupyter, with the .NET (C#) kernel set up as the README says: they run without
/// error, and their outputs match the committed ones, compared as the other hosts' are. Two notebooks stand for the
/// series: 01 (graph pictures, the first cell's set-up) and 05 (Plotly charts, a training run). Where Jupyter is not
/// installed the tests are reported as skipped, with the reason; with AUTOGRAD_REQUIRE_JUPYTER=1 (as the CI script
/// sets it, after installing it) a missing Jupyter is a failure instead.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class JupyterNotebookTests(JupyterKernel jupyter) : IClassFixture<JupyterKernel>
{
    // Guards against hangs, not performance limits: each notebook runs in well under a minute.
    private static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan NotebookTimeout = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData("01-scalar-graph.ipynb")]
    [InlineData("05-sequential-network.ipynb")]
    public async Task Runs_in_jupyter_and_its_outputs_match_the_committed_ones(string notebook)
    {
        RequireJupyter();
        var path = Path.Combine(TestPaths.NotebooksFolder, notebook);
        var committed = NotebookDocument.Load(path);
        using var temp = TestPaths.NewTempFolder();

        var result = await jupyter.ExecuteAsync(path, temp.Path, CellTimeout, NotebookTimeout);

        Assert.True(result.ExitCode == 0, $"jupyter nbconvert --execute failed (exit code {result.ExitCode}):\n{result.Output}");
        var executedPath = Path.Combine(temp.Path, notebook);
        var executed = NotebookDocument.Load(executedPath);

        // The kernel reports the language the notebook already names, so Jupyter saves it unchanged.
        Assert.Equal(LanguageInfo(File.ReadAllText(path)), LanguageInfo(File.ReadAllText(executedPath)));

        // Jupyter's kernel adds its bootstrap script to the first cell it runs, and only there; verification skips it.
        var firstCode = executed.Cells.First(cell => cell.IsCode).Number;
        Assert.Equal(
            [firstCode],
            executed.Cells.Where(cell => cell.Outputs.Any(KernelBootstrapOutput.Matches)).Select(cell => cell.Number));

        var differences = new OutputVerifier(new OutputNormalizer(TestPaths.RepoRoot)).Compare(committed, executed);
        Assert.True(differences.Count == 0, string.Join("\n\n", differences));
    }

    private static string LanguageInfo(string notebookJson) =>
        JsonNode.Parse(notebookJson)!["metadata"]!["language_info"]!.ToJsonString();

    private void RequireJupyter()
    {
        if (jupyter.Unavailable is not { } reason)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("AUTOGRAD_REQUIRE_JUPYTER") == "1")
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
    }
}
