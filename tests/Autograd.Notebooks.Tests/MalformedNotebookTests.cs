using Autograd.Notebooks.Cli;
using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Tests;

/// <summary>
/// A notebook with a part of the wrong JSON type (a hand edit gone wrong, a merge conflict resolved badly) is reported
/// by file and place, and the other notebooks of the run still run.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class MalformedNotebookTests
{
    private const string GoodCell = """{"cell_type": "code", "metadata": {}, "outputs": [], "source": "1 + 1"}""";

    /// <summary>A second cell that is wrong, and what the error says about it.</summary>
    public static TheoryData<string, string> WrongCells() => new()
    {
        { """{"cell_type": "code", "source": 7}""", "cell 2: 'source' must be a string or a list of strings, found a number" },
        { """{"cell_type": "code", "source": ["x = 1;\n", 7]}""", "cell 2: 'source' must be a string or a list of strings, found a list holding a number" },
        { """{"cell_type": 3, "source": "x"}""", "cell 2: 'cell_type' must be a string, found a number" },
        { """{"cell_type": "code", "source": "1", "metadata": {"polyglot_notebook": {"kernelName": 4}}}""", "cell 2: 'metadata.polyglot_notebook.kernelName' must be a string, found a number" },
        { """{"cell_type": "code", "source": "1", "metadata": {"dotnet_interactive": {"language": true}}}""", "cell 2: 'metadata.dotnet_interactive.language' must be a string, found a boolean" },
        { """{"cell_type": "code", "source": "1", "metadata": []}""", "cell 2: 'metadata' must be an object, found a list" },
        { """{"cell_type": "code", "source": "1", "outputs": [3]}""", "cell 2: output 1 must be an object, found a number" },
        { """{"cell_type": "code", "source": "1", "outputs": {}}""", "cell 2: 'outputs' must be a list, found an object" },
        { """{"cell_type": "code", "source": "1", "outputs": [{"output_type": "picture"}]}""", "cell 2: output 1: unknown 'output_type' \"picture\" (expected stream, display_data, execute_result, error)" },
        { """{"cell_type": "code", "source": "1", "outputs": [{"output_type": "stream", "name": "stdout", "text": 1}]}""", "cell 2: output 1: 'text' must be a string or a list of strings, found a number" },
        { """{"cell_type": "code", "source": "1", "outputs": [{"output_type": "display_data", "data": {"text/html": [1]}}]}""", "cell 2: output 1: 'data.text/html' must be a string or a list of strings, found a list holding a number" },
        { """{"cell_type": "code", "source": "1", "outputs": [{"output_type": "error", "ename": "E", "evalue": "e", "traceback": "t"}]}""", "cell 2: output 1: 'traceback' must be a list of strings, found a string" },
        { """{"cell_type": "code", "source": "1", "execution_count": "1"}""", "cell 2: 'execution_count' must be a whole number, found a string" },
        { "12", "cell 2: a cell must be an object, found a number" },
    };

    [Theory]
    [MemberData(nameof(WrongCells))]
    public void A_part_of_the_wrong_type_is_named_with_its_cell(string cell, string problem)
    {
        var error = Assert.Throws<NotebookFormatException>(() => NotebookDocument.Parse(Notebook(cell), "broken.ipynb"));

        Assert.Equal(problem, error.Problem);
        Assert.Equal($"broken.ipynb: {problem}", error.Message);
    }

    [Theory]
    [InlineData("""{"cells": [], "metadata": [], "nbformat": 4}""", "'metadata' must be an object, found a list")]
    [InlineData("""{"cells": [], "metadata": {"polyglot_notebook": {"kernelInfo": {"defaultKernelName": 1}}}}""", "'metadata.polyglot_notebook.kernelInfo.defaultKernelName' must be a string, found a number")]
    [InlineData("""{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 4.5}""", "'nbformat_minor' must be a whole number, found a number")]
    public void A_notebook_level_part_of_the_wrong_type_is_named(string json, string problem)
    {
        var error = Assert.Throws<NotebookFormatException>(() => NotebookDocument.Parse(json, "broken.ipynb"));

        Assert.Equal(problem, error.Problem);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("verify")]
    public async Task Each_malformed_notebook_fails_alone_and_the_run_goes_on_to_its_summary(string command)
    {
        using var temp = TestPaths.NewTempFolder();
        var broken = new List<(string Path, string Problem)>();
        foreach (var (cell, problem) in WrongCells().Select(row => row.Data).Take(7))
        {
            var path = Path.Combine(temp.Path, $"broken-{broken.Count + 1}.ipynb");
            File.WriteAllText(path, Notebook(cell));
            broken.Add((path, problem));
        }

        var output = new StringWriter();
        var exitCode = await NotebookTool.RunAsync(
            [command, "--no-artifacts", .. broken.Select(notebook => notebook.Path), TestPaths.Fixture("passes.ipynb")], output);

        var text = output.ToString().ReplaceLineEndings("\n");
        Assert.Equal(1, exitCode);
        foreach (var (path, problem) in broken)
        {
            Assert.Contains($"FAIL  {Path.GetRelativePath(TestPaths.RepoRoot, path)}: cannot read it: {problem}\n", text);
        }

        Assert.Contains("ok    tests/Autograd.Notebooks.Tests/Fixtures/passes.ipynb  4 cells in", text);
        Assert.EndsWith("8 notebooks: 7 failed.\n", text);
    }

    private static string Notebook(string secondCell) =>
        $$"""{"cells": [{{GoodCell}}, {{secondCell}}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""";
}
