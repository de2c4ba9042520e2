using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Tests;

/// <summary>Reading and writing .ipynb files the way Jupyter and VS Code do.</summary>
public sealed class NotebookDocumentTests
{
    public static TheoryData<string> FixtureFiles() =>
        new(Directory.GetFiles(TestPaths.FixturesFolder, "*.ipynb").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Writing_a_notebook_back_gives_the_same_bytes(string fixture)
    {
        // The fixtures were written by Python's json.dumps(indent=1, sort_keys=True, ensure_ascii=False), as Jupyter
        // writes notebooks, or by this tool: both must agree byte for byte.
        var text = File.ReadAllText(TestPaths.Fixture(fixture));

        Assert.Equal(text, NotebookDocument.Parse(text, fixture).ToJson());
    }

    [Fact]
    public void Stable_json_sorts_keys_indents_by_one_space_and_escapes_like_jupyter()
    {
        var notebook = NotebookDocument.Parse(
            """{"nbformat": 4, "cells": [], "metadata": {"z": "tab\t, quote \", é, \u0001, 😀", "a": [], "m": {}}}""",
            "x.ipynb");

        Assert.Equal(
            "{\n \"cells\": [],\n \"metadata\": {\n  \"a\": [],\n  \"m\": {},\n  \"z\": \"tab\\t, quote \\\", é, \\u0001, 😀\"\n },\n \"nbformat\": 4\n}\n",
            notebook.ToJson());
    }

    [Fact]
    public void Vs_code_layout_fills_in_metadata_and_ids_once()
    {
        var notebook = NotebookDocument.Parse(
            """{"cells": [{"cell_type": "code", "source": "1 +\n1", "metadata": {}}, {"cell_type": "markdown", "source": ["# T"], "metadata": {}}], "metadata": {}, "nbformat": 4, "nbformat_minor": 2}""",
            "x.ipynb");

        notebook.ApplyVsCodeLayout();
        var once = notebook.ToJson();
        notebook.ApplyVsCodeLayout();

        Assert.Equal(once, notebook.ToJson());
        Assert.All(notebook.Cells, cell => Assert.Matches("^[0-9a-f]{8}$", cell.Id));
        Assert.NotEqual(notebook.Cells[0].Id, notebook.Cells[1].Id);
        Assert.Contains("\"name\": \".net-csharp\"", once);
        Assert.Contains("\"defaultKernelName\": \"csharp\"", once);
        Assert.Contains("\"kernelName\": \"csharp\"", once);
        Assert.Contains("\"nbformat_minor\": 5", once);
        Assert.Contains("\"source\": [\n    \"1 +\\n\",\n    \"1\"\n   ]", once);
        Assert.Contains("\"execution_count\": null", once);
    }

    [Fact]
    public void Cells_know_their_kernel_number_and_verification_marker()
    {
        var notebook = NotebookDocument.Parse(
            """
            {"cells": [
              {"cell_type": "markdown", "source": "text", "metadata": {}},
              {"cell_type": "code", "source": "// notebook: no-verify\nDateTime.Now", "metadata": {}, "outputs": []},
              {"cell_type": "code", "source": "x", "metadata": {"polyglot_notebook": {"kernelName": "fsharp"}}, "outputs": []}
            ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """,
            "x.ipynb");

        Assert.Equal([1, 2, 3], notebook.Cells.Select(cell => cell.Number));
        Assert.Equal(["csharp", "csharp", "fsharp"], notebook.Cells.Select(cell => cell.KernelName));
        Assert.Equal([false, true, false], notebook.Cells.Select(cell => cell.SkipsVerification));
    }

    [Fact]
    public void Outputs_round_trip_with_text_split_into_lines()
    {
        var notebook = NotebookDocument.Parse("""{"cells": [{"cell_type": "code", "source": "", "metadata": {}, "outputs": []}], "metadata": {}, "nbformat": 4}""", "x.ipynb");
        CellOutput[] outputs =
        [
            new StreamOutput("stdout", "one\ntwo\n"),
            new DisplayOutput(new Dictionary<string, string> { ["text/html"] = "<b>\r\nbold</b>", ["image/png"] = "iVBOR" }),
            new ErrorOutput("Failed", "boom", ["boom"]),
        ];

        notebook.Cells[0].Outputs = outputs;
        var json = notebook.ToJson();
        var read = NotebookDocument.Parse(json, "x.ipynb").Cells[0].Outputs;

        Assert.Contains("\"text\": [\n      \"one\\n\",\n      \"two\\n\"\n     ]", json);
        Assert.Contains("\"image/png\": \"iVBOR\"", json);
        Assert.Equal(outputs[0], read[0]);
        Assert.Equal(outputs[1].Data(), read[1].Data());
        Assert.Equal("boom", Assert.IsType<ErrorOutput>(read[2]).Message);
    }

    [Fact]
    public void A_file_that_is_not_a_notebook_is_named_in_the_error()
    {
        var error = Assert.Throws<NotebookFormatException>(() => NotebookDocument.Parse("""{"nbformat": 4}""", "broken.ipynb"));

        Assert.Equal("broken.ipynb: not a notebook (no \"cells\" list)", error.Message);
    }
}

internal static class CellOutputExtensions
{
    public static IReadOnlyDictionary<string, string> Data(this CellOutput output) => Assert.IsType<DisplayOutput>(output).Data;
}
