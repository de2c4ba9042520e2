using Autograd.Notebooks.Documents;
using Autograd.Notebooks.Running;
using Autograd.Notebooks.Verification;

namespace Autograd.Notebooks.Tests;

/// <summary>Fixtures/passes.ipynb shows each kind of output; it runs and verifies in both hosts.</summary>
[Collection(NotebookCollection.Name)]
public sealed class PassingFixtureTests
{
    [Theory]
    [InlineData(nameof(KernelHost.InProcess))]
    [InlineData(nameof(KernelHost.RealKernel))]
    public async Task Runs_every_cell_records_outputs_as_vs_code_does_and_matches_the_committed_ones(string host)
    {
        var run = await FixtureRuns.RunAsync("passes.ipynb", Enum.Parse<KernelHost>(host));

        Assert.True(run.Succeeded, run.Failure?.ToString());
        Assert.Equal(4, run.CellsRun);
        var cells = run.Executed.Cells;
        // Numbers display as HTML (VS Code's default), strings as plain text, console output as a stdout stream.
        var number = Assert.IsType<DisplayOutput>(Assert.Single(cells[1].Outputs));
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>42</pre></div>", number.Data["text/html"]);
        Assert.Equal(1, cells[1].ExecutionCount);
        Assert.Collection(
            cells[2].Outputs,
            output => Assert.Equal(new StreamOutput("stdout", "x = 42, π ≈ 3.1416\n"), output),
            output => Assert.Equal("a string", Assert.IsType<DisplayOutput>(output).Data["text/plain"]));
        // The working directory is the notebook's folder.
        Assert.Contains("<pre>True</pre>", Assert.IsType<DisplayOutput>(cells[3].Outputs[1]).Data["text/html"]);

        var differences = new OutputVerifier(new OutputNormalizer(TestPaths.RepoRoot)).Compare(run.Notebook, run.Executed);
        Assert.True(differences.Count == 0, string.Join("\n\n", differences));
    }

    [Theory]
    [InlineData(nameof(KernelHost.InProcess))]
    [InlineData(nameof(KernelHost.RealKernel))]
    public async Task The_library_loaded_alone_by_path_finds_its_dependency_beside_it(string host)
    {
        // Only Autograd.dll, without the notebook integration (whose setup call can resolve assemblies too): a tensor
        // op needs System.Numerics.Tensors, which the library's build folder must hold.
        var run = await FixtureRuns.RunAsync("library-only.ipynb", Enum.Parse<KernelHost>(host));

        Assert.True(run.Succeeded, run.Failure?.ToString());
        Assert.Equal(new StreamOutput("stdout", "2, 2, 2, 2, 2, 2\n"), Assert.Single(run.Executed.Cells[2].Outputs));
    }
}
