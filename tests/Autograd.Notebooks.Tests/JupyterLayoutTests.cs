using Autograd.Notebooks.Cli;
using Autograd.Notebooks.Documents;
using Autograd.Notebooks.Verification;

namespace Autograd.Notebooks.Tests;

/// <summary>
/// What the tool writes for Jupyter: the language as the .NET kernel reports it, and never the bootstrap script that
/// kernel adds to the first cell in Jupyter, which holds the machine's network addresses. The fixture
/// jupyter-bootstrap.ipynb holds a real one (its addresses replaced by documentation addresses) before the cell's
/// own output.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class JupyterLayoutTests
{
    private const string CSharpLanguageInfo =
        "  \"language_info\": {\n   \"file_extension\": \".cs\",\n   \"mimetype\": \"text/x-csharp\",\n   \"name\": \"C#\",\n" +
        "   \"pygments_lexer\": \"csharp\",\n   \"version\": \"13.0\"\n  },\n";

    private const string BootstrapFixture = "jupyter-bootstrap.ipynb";

    [Theory(SkipTestWithoutData = true)]
    [MemberData(nameof(SeriesNotebookTests.Notebooks), MemberType = typeof(SeriesNotebookTests))]
    public void Every_notebook_names_csharp_for_jupyter_and_is_stored_as_the_tool_writes_it(string notebook)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.NotebooksFolder, notebook));
        var document = NotebookDocument.Parse(text, notebook);

        document.ApplyVsCodeLayout();

        Assert.Contains(CSharpLanguageInfo, text);
        Assert.Contains(
            "  \"kernelspec\": {\n   \"display_name\": \".NET (C#)\",\n   \"language\": \"C#\",\n   \"name\": \".net-csharp\"\n  },\n",
            text);
        Assert.Equal(text, document.ToJson());
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"language_info\": {\"name\": \"polyglot-notebook\"}, ")]
    public void The_language_vs_code_saves_or_none_becomes_the_kernels(string languageInfo)
    {
        var document = NotebookDocument.Parse(
            "{\"cells\": [], \"metadata\": {" + languageInfo + "\"kernelspec\": {\"name\": \".net-csharp\"}}, \"nbformat\": 4}",
            "x.ipynb");

        document.ApplyVsCodeLayout();

        Assert.Contains(CSharpLanguageInfo, document.ToJson());
    }

    [Fact]
    public void Another_kernels_language_is_kept()
    {
        var document = NotebookDocument.Parse(
            """{"cells": [], "metadata": {"language_info": {"name": "F#", "version": "9.0"}}, "nbformat": 4, "nbformat_minor": 5}""",
            "x.ipynb");

        document.ApplyVsCodeLayout();

        Assert.Contains("  \"language_info\": {\n   \"name\": \"F#\",\n   \"version\": \"9.0\"\n  },\n", document.ToJson());
    }

    [Fact]
    public void The_bootstrap_script_is_recognised_and_no_other_output_is()
    {
        var notebook = NotebookDocument.Load(TestPaths.Fixture(BootstrapFixture));

        Assert.Equal([true, false], notebook.Cells[1].Outputs.Select(KernelBootstrapOutput.Matches));

        // Nothing the series or the other fixtures show (charts with scripts included) is taken for it.
        var others = Directory.GetFiles(TestPaths.NotebooksFolder, "*.ipynb")
            .Concat(Directory.GetFiles(TestPaths.FixturesFolder, "*.ipynb")
                .Where(path => !path.EndsWith(BootstrapFixture, StringComparison.Ordinal)))
            .SelectMany(path => NotebookDocument.Load(path).Cells.SelectMany(cell => cell.Outputs))
            .ToArray();
        Assert.Contains(others, output => output is DisplayOutput display
            && display.Data.TryGetValue("text/html", out var html)
            && html.Contains("<script", StringComparison.Ordinal));
        Assert.DoesNotContain(others, KernelBootstrapOutput.Matches);
    }

    [Theory(SkipTestWithoutData = true)]
    [MemberData(nameof(SeriesNotebookTests.Notebooks), MemberType = typeof(SeriesNotebookTests))]
    public void No_notebook_of_the_series_holds_a_bootstrap_script(string notebook)
    {
        // Verification ignores it, so only this catches a notebook saved from Jupyter and committed without `update`.
        var text = File.ReadAllText(Path.Combine(TestPaths.NotebooksFolder, notebook));

        Assert.DoesNotContain("probeAddresses", text);
        Assert.DoesNotContain("dotnet-interactive-this-cell", text);
    }

    [Fact]
    public void Verification_ignores_the_bootstrap_script_and_nothing_else()
    {
        var withBootstrap = NotebookDocument.Load(TestPaths.Fixture(BootstrapFixture));
        var without = withBootstrap.Clone();
        without.Cells[1].Outputs = [without.Cells[1].Outputs[1]];
        var changed = without.Clone();
        changed.Cells[1].Outputs = [new StreamOutput("stdout", "43\n")];
        var verifier = new OutputVerifier(new OutputNormalizer(TestPaths.RepoRoot));

        Assert.Empty(verifier.Compare(without, withBootstrap));
        Assert.Empty(verifier.Compare(withBootstrap, without));
        Assert.Equal([2], verifier.Compare(withBootstrap, changed).Select(difference => difference.CellNumber));
    }

    [Fact]
    public void Update_removes_a_committed_bootstrap_script_and_keeps_the_rest_byte_for_byte()
    {
        var committed = NotebookDocument.Load(TestPaths.Fixture(BootstrapFixture));
        var ownOutput = StoredOutputs(committed.Cells[1])[1];
        var executed = committed.Clone();

        var changed = new OutputUpdater(new OutputNormalizer(TestPaths.RepoRoot)).Update(committed, executed);

        Assert.Equal([2], changed);
        Assert.Equal([ownOutput], StoredOutputs(committed.Cells[1]));
        Assert.DoesNotContain("probeAddresses", committed.ToJson());
        Assert.DoesNotContain("192.0.2.2", committed.ToJson());
    }

    [Fact]
    public void Update_never_writes_a_bootstrap_script_from_a_new_run()
    {
        var executed = NotebookDocument.Load(TestPaths.Fixture(BootstrapFixture));
        var committed = executed.Clone();
        committed.Cells[1].Outputs = [];

        var changed = new OutputUpdater(new OutputNormalizer(TestPaths.RepoRoot)).Update(committed, executed);

        Assert.Equal([2], changed);
        Assert.Equal(OutputText.Render([executed.Cells[1].Outputs[1]]), OutputText.Render(committed.Cells[1].Outputs));
        Assert.Single(committed.Cells[1].Outputs);
        Assert.DoesNotContain("probeAddresses", committed.ToJson());
    }

    [Fact]
    public async Task The_update_command_removes_a_committed_bootstrap_script()
    {
        using var temp = TestPaths.NewTempFolder();
        var notebook = Path.Combine(temp.Path, BootstrapFixture);
        File.Copy(TestPaths.Fixture(BootstrapFixture), notebook);
        var ownOutput = StoredOutputs(NotebookDocument.Load(notebook).Cells[1])[1];
        var output = new StringWriter();

        // The in-process run shows 42 as the committed output does: the bootstrap script is the only difference.
        Assert.Equal(0, await NotebookTool.RunAsync(["verify", "--no-artifacts", notebook], new StringWriter()));
        Assert.Equal(0, await NotebookTool.RunAsync(["update", "--no-artifacts", notebook], output));

        Assert.Contains("new outputs in cell 2", output.ToString());
        Assert.Equal([ownOutput], StoredOutputs(NotebookDocument.Load(notebook).Cells[1]));
    }

    /// <summary>A cell's outputs as stored in the file, JSON text each.</summary>
    private static string[] StoredOutputs(NotebookCell cell) =>
        cell.Json["outputs"]!.AsArray().Select(output => output!.ToJsonString()).ToArray();
}
