using Autograd.Notebooks.Cli;

namespace Autograd.Notebooks.Tests;

/// <summary>The command-line tool end to end: what it prints, writes and returns.</summary>
[Collection(NotebookCollection.Name)]
public sealed class ToolTests
{
    [Fact]
    public async Task Run_writes_executed_notebooks_html_pages_and_an_index()
    {
        using var temp = TestPaths.NewTempFolder();
        var artifacts = temp.Path;
        var output = new StringWriter();

        var exitCode = await NotebookTool.RunAsync(
            ["run", "--artifacts", artifacts, TestPaths.Fixture("passes.ipynb"), TestPaths.Fixture("throws.ipynb")], output);

        var text = output.ToString();
        Assert.Equal(1, exitCode);
        Assert.Contains("ok    tests/Autograd.Notebooks.Tests/Fixtures/passes.ipynb  4 cells in", text);
        Assert.Contains("FAIL  tests/Autograd.Notebooks.Tests/Fixtures/throws.ipynb  2 cells in", text);
        Assert.Contains("throws.ipynb, cell 3 failed:", text);
        Assert.EndsWith("2 notebooks: 1 failed.\n", text.ReplaceLineEndings("\n"));

        var page = File.ReadAllText(Path.Combine(artifacts, "passes.html"));
        Assert.Contains("<h1 id=\"a-notebook-that-passes\">A notebook that passes</h1>", page);
        Assert.Contains("<div class=\"dni-plaintext\"><pre>42</pre></div>", page);
        // A relative link in markdown still reaches its file from the artifacts folder.
        var linked = Path.GetRelativePath(artifacts, Path.Combine(TestPaths.RepoRoot, "src", "Autograd.Notebooks", "README.md"));
        Assert.Contains($"<a href=\"{linked.Replace('\\', '/')}\">the runner</a>", page);
        Assert.Contains("cell 3 failed", File.ReadAllText(Path.Combine(artifacts, "throws.html")));
        // Long code lines wrap rather than scroll.
        Assert.Contains(".input pre { flex: 1; min-width: 0; margin: 0; background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.6rem; white-space: pre-wrap; overflow-wrap: anywhere; }", page);

        // The index is the contents, each notebook with its first paragraph, above the run report.
        var index = File.ReadAllText(Path.Combine(artifacts, "index.html"));
        Assert.Contains(
            $"<li><a href=\"passes.html\">A notebook that passes</a>\n<p>Every kind of output the runner records. See <a href=\"{linked.Replace('\\', '/')}\">the runner</a>.</p>\n</li>",
            index);
        Assert.Contains("<li><a href=\"throws.html\">A notebook whose third cell throws</a>", index);
        Assert.True(index.IndexOf("<ol class=\"contents\">", StringComparison.Ordinal) < index.IndexOf("<h2>Run report</h2>", StringComparison.Ordinal));
        Assert.Contains("<table class=\"runs\">", index[index.IndexOf("<h2>Run report</h2>", StringComparison.Ordinal)..]);
        var executed = File.ReadAllText(Path.Combine(artifacts, "passes.ipynb"));
        Assert.Contains("\"execution_count\": 4,", executed);
    }

    [Theory]
    [InlineData("run", false)]
    [InlineData("verify", true)]
    public async Task An_artifacts_folder_that_would_overwrite_a_notebook_is_refused_and_nothing_is_written(string command, bool relative)
    {
        using var temp = TestPaths.NewTempFolder();
        var notebook = Path.Combine(temp.Path, "passes.ipynb");
        File.Copy(TestPaths.Fixture("passes.ipynb"), notebook);
        var before = File.ReadAllBytes(notebook);
        var output = new StringWriter();

        // The notebook's own folder, or a folder holding a notebook of the same name as another one being run.
        var exitCode = relative
            ? await NotebookTool.RunAsync([command, "--artifacts", ".", TestPaths.Fixture("passes.ipynb"), "passes.ipynb"], output, temp.Path)
            : await NotebookTool.RunAsync([command, "--artifacts", temp.Path, notebook], output);

        Assert.Equal(2, exitCode);
        Assert.Equal(
            $"error: writing the executed notebooks to {temp.Path} would overwrite {notebook}; " +
            "give --artifacts a folder that holds none of the notebooks, or use --no-artifacts\n",
            output.ToString().ReplaceLineEndings("\n"));
        Assert.Equal(before, File.ReadAllBytes(notebook));
        Assert.Equal([notebook], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task Update_records_new_outputs_and_is_a_no_op_the_second_time()
    {
        using var temp = TestPaths.NewTempFolder();
        var folder = temp.Path;
        var notebook = Path.Combine(folder, "output-changed.ipynb");
        File.Copy(TestPaths.Fixture("output-changed.ipynb"), notebook);

        Assert.Equal(1, await NotebookTool.RunAsync(["verify", "--no-artifacts", notebook], new StringWriter()));
        var firstUpdate = new StringWriter();
        Assert.Equal(0, await NotebookTool.RunAsync(["update", "--no-artifacts", notebook], firstUpdate));
        Assert.Contains("new outputs in cell 2", firstUpdate.ToString());
        var updated = File.ReadAllText(notebook);
        Assert.Contains("<pre>-3</pre>", updated);

        Assert.Equal(0, await NotebookTool.RunAsync(["verify", "--no-artifacts", notebook], new StringWriter()));
        var secondUpdate = new StringWriter();
        Assert.Equal(0, await NotebookTool.RunAsync(["update", "--no-artifacts", notebook], secondUpdate));
        Assert.Contains("outputs unchanged", secondUpdate.ToString());
        Assert.Equal(updated, File.ReadAllText(notebook));
    }

    [Fact]
    public async Task Verify_fails_on_a_stale_app_and_update_rewrites_it()
    {
        using var temp = TestPaths.NewTempFolder();
        var notebook = Path.Combine(temp.Path, "output-changed.ipynb");
        File.Copy(TestPaths.Fixture("output-changed.ipynb"), notebook);
        Assert.Equal(0, await NotebookTool.RunAsync(["update", "--no-artifacts", notebook], new StringWriter()));
        var app = Path.Combine(temp.Path, "output-changed.cs");
        File.WriteAllText(app, "// an app from an older version of the notebook\n");

        var verify = new StringWriter();
        Assert.Equal(1, await NotebookTool.RunAsync(["verify", "--no-artifacts", notebook], verify));
        Assert.Contains("its app output-changed.cs is out of date: `update` rewrites it", verify.ToString());

        var update = new StringWriter();
        Assert.Equal(0, await NotebookTool.RunAsync(["update", "--no-artifacts", notebook], update));
        Assert.Contains("app written: output-changed.cs", update.ToString());
        Assert.Contains("// cell 2\nvar gradient = -3.0;\nNotebook.Display(gradient);\n", File.ReadAllText(app));
        Assert.Equal(0, await NotebookTool.RunAsync(["verify", "--no-artifacts", notebook], new StringWriter()));
    }

    [Fact]
    public async Task Update_keeps_a_no_verify_cells_output_while_it_keeps_its_shape()
    {
        using var temp = TestPaths.NewTempFolder();
        var folder = temp.Path;
        var notebook = Path.Combine(folder, "passes.ipynb");
        File.Copy(TestPaths.Fixture("passes.ipynb"), notebook);
        var before = File.ReadAllText(notebook);

        // Cell 6 shows DateTime.Now.Ticks, different every run; the committed value stays.
        Assert.Equal(0, await NotebookTool.RunAsync(["update", "--no-artifacts", notebook], new StringWriter()));

        Assert.Equal(before, File.ReadAllText(notebook));
    }
}
