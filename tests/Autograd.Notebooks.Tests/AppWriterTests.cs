using System.Text.Json.Nodes;
using Autograd.Interactive;
using Autograd.Notebooks.Apps;
using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Tests;

/// <summary>How a notebook becomes a file-based app, and what the app must print.</summary>
public sealed class AppWriterTests
{
    private const string FirstCell = """
        #r "../src/Autograd/bin/Debug/net10.0/Autograd.dll"
        #r "../src/Autograd.Interactive/bin/Debug/net10.0/Autograd.Interactive.dll"
        using Autograd;
        using Autograd.Interactive;
        Notebook.Setup();
        """;

    [Fact]
    public void References_become_project_directives_and_usings_go_to_the_top()
    {
        var app = Write(Code(FirstCell), Code("using Autograd.NN;\nvar m = new Linear(2, 3);"));

        Assert.DoesNotContain("#r", app);
        Assert.Contains("#:project ../src/Autograd/Autograd.csproj\n#:project ../src/Autograd.Interactive/Autograd.Interactive.csproj\n", app);
        Assert.Contains("#:property PublishAot=false\n", app);
        Assert.Contains("\nusing Autograd;\nusing Autograd.Interactive;\nusing Autograd.NN;\nusing System.Text;\n", app);
        Assert.Contains("// cell 2\nvar m = new Linear(2, 3);\n", app);
        Assert.True(app.IndexOf("using Autograd.NN;", StringComparison.Ordinal) < app.IndexOf("Notebook.SetupApp", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../src/Autograd/bin/Debug/net10.0/Autograd.dll", "#:project ../src/Autograd/Autograd.csproj")]
    [InlineData("nuget: Plotly.NET, 6.0.0", "#:package Plotly.NET@6.0.0")]
    [InlineData("nuget:DiffPlex", "#:package DiffPlex")]
    public void A_reference_becomes_a_directive(string reference, string directive) =>
        Assert.Equal(directive, CellCode.AppDirective(1, reference));

    [Fact]
    public void A_reference_to_a_lone_dll_or_a_magic_command_is_refused()
    {
        Assert.Contains("cell 4", Assert.Throws<NotSupportedException>(() => CellCode.AppDirective(4, "C:/lib/Thing.dll")).Message);
        var magic = Assert.Throws<NotSupportedException>(() => Write(Code("#!time\nvar x = 1;")));
        Assert.Contains("cell 1: `#!time`", magic.Message);
    }

    [Fact]
    public void Prose_becomes_comments_in_place()
    {
        var app = Write(Markdown("# Title\n\nA *first* paragraph.\n"), Code("var a = 1;"), Markdown("After."));

        Assert.Contains("\n// # Title\n//\n// A *first* paragraph.\n\n// cell 2\nvar a = 1;\n\n// After.\n", app);
    }

    [Fact]
    public void A_cells_last_expression_is_displayed()
    {
        var app = Write(Code("var a = 2;\nConsole.WriteLine(a);\nCharts.Line(\n    [series],\n    title: \"t\")"), Code("a;"));

        Assert.Contains("Console.WriteLine(a);\nNotebook.Display(Charts.Line(\n    [series],\n    title: \"t\"));\n", app);
        Assert.Contains("// cell 2\na;\n", app);
    }

    [Fact]
    public void Types_move_after_the_statements()
    {
        var app = Write(
            Code("// A node.\nclass Value\n{\n    public double Item;\n}\n\nvar v = new Value();"),
            Code("sealed class Twice : Value { }"),
            Code("Console.WriteLine(new Twice().Item);"));

        var statements = app.IndexOf("Console.WriteLine(new Twice().Item);", StringComparison.Ordinal);
        Assert.True(statements < app.IndexOf("class Value", StringComparison.Ordinal));
        Assert.Contains("// cell 1\n// A node.\nclass Value\n{\n    public double Item;\n}\n\n// cell 2\nsealed class Twice : Value { }\n", app);
        Assert.Contains("// cell 1\nvar v = new Value();\n", app);
        Assert.Contains("// cell 2 declares Twice, at the end of the file\n", app);
    }

    [Fact]
    public void A_name_declared_again_gets_blocks_and_what_later_cells_use_stays_outside()
    {
        var app = Write(
            Code("double slope = 4;"),
            Code("var x = new Value(-2);\nvar shown = Show(x);"),
            Code("Console.WriteLine(shown);"),
            Code("var x = new Scalar(-2);"),
            Code("Console.WriteLine($\"{x.Value} {slope}\");"));

        Assert.Contains(
            "// cell 1\ndouble slope = 4;\n\n{\n    // cell 2\n    var x = new Value(-2);\n    var shown = Show(x);\n\n" +
            "    // cell 3\n    Console.WriteLine(shown);\n}\n\n{\n    // cell 4\n    var x = new Scalar(-2);\n\n" +
            "    // cell 5\n    Console.WriteLine($\"{x.Value} {slope}\");\n}\n",
            app);
    }

    [Fact]
    public void A_catch_variable_and_a_later_variable_of_the_same_name_are_kept_apart()
    {
        var app = Write(
            Code("try { Run(); }\ncatch (ArgumentException e)\n{\n    Console.WriteLine(e.Message);\n}"),
            Code("var e = new Scalar(0.5);\nConsole.WriteLine(e.Exp());"),
            Code("Console.WriteLine(e);"));

        Assert.Contains("// cell 1\ntry { Run(); }\n", app);
        Assert.Contains("{\n    // cell 2\n    var e = new Scalar(0.5);\n    Console.WriteLine(e.Exp());\n\n    // cell 3\n    Console.WriteLine(e);\n}\n", app);
    }

    [Fact]
    public void Lambda_parameters_and_locals_of_functions_need_no_blocks()
    {
        var app = Write(
            Code("var p = 1.5;"),
            Code("var ps = new[] { 1.0 }.Select(p => p * 2);\ndouble Twice(double p) { var q = p; return q * 2; }"),
            Code("var q = Twice(p);"));

        Assert.DoesNotContain("\n{\n", app);
    }

    [Fact]
    public void Declarations_that_blocks_cannot_keep_apart_are_refused_naming_the_cells()
    {
        // The first x is used after the second is declared: no block can hold the first and not the second.
        var error = Assert.Throws<NotSupportedException>(() => Write(
            Code("var x = 1;\nvar y = x;"),
            Code("var x = 2;"),
            Code("Console.WriteLine(y);")));

        Assert.Contains("`x` is declared in cells 1, 2", error.Message);
    }

    [Fact]
    public void The_transcript_reads_text_pictures_tables_and_charts_from_the_outputs()
    {
        var notebook = Notebook(
            Code("Console.WriteLine(1);", Stream("f = -12\n"), Display(("text/plain", "Graph of f"), ("image/svg+xml", "<svg>graph</svg>"))),
            Code("f", Display(("text/html", "<table><tr><th>value</th><th>op</th></tr><tr><td>-12</td><td>Mul</td></tr></table>"))),
            Code("// notebook: no-verify\nchart", Display(("text/html", "<div><div id=\"a-static\"><svg>slow</svg></div><script>x</script></div>"))),
            Code("chart", Display(("text/html", "<div><div id=\"b-static\"><svg>fast</svg></div></div>")), Display(("text/plain", "done"))));

        var transcript = AppTranscript.Of(notebook);

        Assert.Equal(
            "f = -12\nGraph of f\n(picture: 01.svg)\nvalue  op\n-12    Mul\n<any output: cell 3 is not verified>\n(picture: 03.svg)\ndone\n",
            transcript.ToText());
        Assert.Equal([("01.svg", 1, "<svg>graph</svg>"), ("02.svg", 3, null), ("03.svg", 4, "<svg>fast</svg>")], transcript.Pictures);
        string Same(string text) => text;
        Assert.True(transcript.Matches("f = -12\nGraph of f\n(picture: 01.svg)\nvalue  op\n-12    Mul\nanything\n(picture: 02.svg)\n(picture: 03.svg)\ndone\n", Same));
        Assert.False(transcript.Matches("f = -12\nGraph of f\n(picture: 01.svg)\nvalue  op\n-13    Mul\n(picture: 02.svg)\n(picture: 03.svg)\ndone\n", Same));
        Assert.False(transcript.Matches("f = -12\nGraph of f\n(picture: 01.svg)\nvalue  op\n-12    Mul\n(picture: 02.svg)\n(picture: 03.svg)\n", Same));
    }

    [Fact]
    public void Html_text_aligns_tables_and_keeps_captions_and_titles()
    {
        var html = "<div><div><b>Tensor 2×2</b><span> · leaf</span></div><table><caption>data</caption><thead><tr><th></th><th>0</th><th>1</th></tr></thead>" +
            "<tbody><tr><th>0</th><td>1.5</td><td>-2</td></tr><tr><th>1</th><td>10</td><td>&lt;3&gt;</td></tr></tbody></table></div>";

        Assert.Equal("Tensor 2×2 · leaf\ndata\n   0    1\n0  1.5  -2\n1  10   <3>", HtmlText.Of(html));
    }

    [Fact]
    public void Every_series_notebooks_app_is_up_to_date()
    {
        foreach (var path in Directory.GetFiles(TestPaths.NotebooksFolder, "*.ipynb").Order(StringComparer.Ordinal))
        {
            var notebook = NotebookDocument.Load(path);
            Assert.True(AppFile.Check(notebook) is null, $"{notebook.Name}: {AppFile.Check(notebook)}");
        }
    }

    private static string Write(params JsonObject[] cells) => AppWriter.Write(Notebook(cells));

    private static NotebookDocument Notebook(params JsonObject[] cells) =>
        NotebookDocument.Parse(new JsonObject { ["cells"] = new JsonArray(cells), ["metadata"] = new JsonObject(), ["nbformat"] = 4 }.ToJsonString(), "/work/notebooks/07-test.ipynb");

    private static JsonObject Markdown(string source) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source };

    private static JsonObject Code(string source, params JsonObject[] outputs) =>
        new() { ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["source"] = source, ["outputs"] = new JsonArray(outputs) };

    private static JsonObject Stream(string text) => new() { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = text };

    private static JsonObject Display(params (string MimeType, string Value)[] data)
    {
        var formats = new JsonObject();
        foreach (var (mimeType, value) in data)
        {
            formats[mimeType] = value;
        }

        return new() { ["output_type"] = "display_data", ["data"] = formats, ["metadata"] = new JsonObject() };
    }
}
