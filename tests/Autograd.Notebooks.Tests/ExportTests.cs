using System.Xml.Linq;
using Autograd.Notebooks.Documents;
using Autograd.Notebooks.Export;

namespace Autograd.Notebooks.Tests;

/// <summary>
/// The HTML pages and the notebooks' committed outputs read as they do on GitHub and in VS Code: prose as written,
/// and every chart with a static drawing for hosts that run no scripts.
/// </summary>
public sealed class ExportTests
{
    [Fact]
    public void Prose_keeps_carets_and_tildes_as_written_and_strikes_through_with_two_tildes()
    {
        var markdown = new MarkdownRenderer(TestPaths.NotebooksFolder, TestPaths.NotebooksFolder);

        var html = markdown.ToHtml("exp(800) is e^800, too large; p[k] = e^z[k] / Σⱼ e^z[j]; H~2~O; ~~gone~~");

        Assert.Equal(
            "<p>exp(800) is e^800, too large; p[k] = e^z[k] / Σⱼ e^z[j]; H~2~O; <del>gone</del></p>\n",
            html);
    }

    [Fact]
    public void A_notebook_is_summed_up_by_its_first_paragraph_without_a_sentence_that_leads_into_a_list()
    {
        var markdown = new MarkdownRenderer(TestPaths.NotebooksFolder, TestPaths.NotebooksFolder);

        Assert.Equal(
            "<p>The matrix product is the <code>MatMul</code> workhorse.\nIt has a backward rule.</p>\n",
            markdown.FirstParagraphHtml("# 04 · MatMul\n\nThe matrix product is the `MatMul` workhorse.\nIt has a backward rule. You will:\n\n- derive it"));
        Assert.Equal("<p>Two nodes.</p>\n", markdown.FirstParagraphHtml("# 01\n\nTwo nodes.\n\nMore."));
        Assert.Equal(
            "<p>This notebook runs it.</p>\n",
            markdown.FirstParagraphHtml("# 05\n\nThe post ends with a sketch:\n\n```js\nvar m;\n```\n\nThis notebook runs it. You will:\n\n1. build"));
        Assert.Equal("<p>Only this:</p>\n", markdown.FirstParagraphHtml("# 07\n\nOnly this:\n\n- a list"));
        Assert.Null(markdown.FirstParagraphHtml("# Only a title"));
    }

    [Theory(SkipTestWithoutData = true)]
    [MemberData(nameof(SeriesNotebookTests.Notebooks), MemberType = typeof(SeriesNotebookTests))]
    public void No_prose_of_the_series_turns_a_caret_into_a_superscript(string notebook)
    {
        var document = NotebookDocument.Load(Path.Combine(TestPaths.NotebooksFolder, notebook));
        var markdown = new MarkdownRenderer(TestPaths.NotebooksFolder, TestPaths.NotebooksFolder);

        foreach (var (cell, number) in document.Cells.Select((cell, i) => (cell, i + 1)).Where(pair => pair.cell.CellType == "markdown"))
        {
            var html = markdown.ToHtml(cell.Source);
            Assert.False(html.Contains("<sup>", StringComparison.Ordinal), $"{notebook}, cell {number}: a superscript in\n{html}");
            Assert.False(html.Contains("<sub>", StringComparison.Ordinal), $"{notebook}, cell {number}: a subscript in\n{html}");
        }
    }

    [Theory(SkipTestWithoutData = true)]
    [MemberData(nameof(SeriesNotebookTests.Notebooks), MemberType = typeof(SeriesNotebookTests))]
    public void Every_chart_output_of_the_series_carries_its_static_drawing(string notebook)
    {
        var document = NotebookDocument.Load(Path.Combine(TestPaths.NotebooksFolder, notebook));
        XNamespace svg = "http://www.w3.org/2000/svg";

        var charts = document.Cells.SelectMany((cell, i) => cell.Outputs.OfType<DisplayOutput>().Select(output => (Cell: i + 1, output.Data)))
            .Where(output => output.Data.TryGetValue("text/html", out var html) && html.Contains("Plotly.newPlot(", StringComparison.Ordinal))
            .ToList();
        foreach (var (cell, data) in charts)
        {
            var html = data["text/html"];
            int start = html.IndexOf("-static\"><svg ", StringComparison.Ordinal);
            Assert.True(start >= 0, $"{notebook}, cell {cell}: a chart without its static drawing");
            int svgStart = start + "-static\">".Length;
            var drawing = XDocument.Parse(html[svgStart..(html.IndexOf("</svg>", svgStart, StringComparison.Ordinal) + "</svg>".Length)]).Root!;

            // The drawing has a line for every line of the chart, and the live chart removes it once drawn.
            var traceJson = System.Text.RegularExpressions.Regex.Match(html, @"var data = (\[.*\]);").Groups[1].Value;
            int traces = System.Text.Json.JsonDocument.Parse(traceJson).RootElement.GetArrayLength();
            Assert.True(traces > 0, $"{notebook}, cell {cell}: a chart without lines");
            Assert.Equal(traces, drawing.Descendants(svg + "path").Count(path => (string?)path.Attribute("class") == "trace"));
            Assert.Contains(".then(function () { var drawing = document.getElementById(", html, StringComparison.Ordinal);
        }
    }
}
