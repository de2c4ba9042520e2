using System.Net;
using System.Text;
using Autograd.Notebooks.Documents;
using Autograd.Notebooks.Running;

namespace Autograd.Notebooks.Export;

/// <summary>
/// An executed notebook as one HTML page: markdown rendered, code with its execution count, and each output in its
/// richest format (HTML, SVG, PNG, then text), as VS Code would show it.
/// </summary>
internal static class HtmlExporter
{
    private static readonly string[] PreferredFormats =
        ["text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown", "text/plain", "application/json"];

    /// <summary>The page for <paramref name="run"/>, to be written into <paramref name="pageFolder"/>.</summary>
    public static string Export(NotebookRun run, string pageFolder, out bool needsPlotly)
    {
        var notebook = run.Executed;
        var markdown = new MarkdownRenderer(Path.GetDirectoryName(notebook.Path)!, pageFolder);
        var body = new StringBuilder();
        needsPlotly = false;

        if (run.Failure is { } failure)
        {
            body.Append("<div class=\"failure\"><pre>").Append(Encode(failure.ToString())).Append("</pre></div>\n");
        }

        foreach (var cell in notebook.Cells)
        {
            if (cell.CellType == "markdown")
            {
                body.Append("<section class=\"cell markdown\">\n").Append(markdown.ToHtml(cell.Source)).Append("</section>\n");
                continue;
            }

            if (!cell.IsCode)
            {
                continue;
            }

            body.Append("<section class=\"cell code\">\n<div class=\"input\"><span class=\"prompt\">[")
                .Append(cell.ExecutionCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? " ")
                .Append("]</span><pre><code class=\"language-csharp\">").Append(Encode(cell.Source)).Append("</code></pre></div>\n");
            foreach (var output in cell.Outputs)
            {
                var html = RenderOutput(output);
                needsPlotly |= PlotlyJs.IsNeededBy(html);
                body.Append("<div class=\"output\">").Append(html).Append("</div>\n");
            }

            body.Append("</section>\n");
        }

        return Page(Title(notebook), needsPlotly ? PlotlyJs.HeadElements : "", body.ToString(), linkToIndex: true);
    }

    /// <summary>A complete page around <paramref name="body"/>.</summary>
    public static string Page(string title, string head, string body, bool linkToIndex) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)}</title>
        <style>
        {PageStyle.Css}
        </style>
        {head}
        </head>
        <body>
        {(linkToIndex ? "<nav><a href=\"index.html\">All notebooks</a></nav>" : "")}
        <main>
        {body}
        </main>
        </body>
        </html>

        """;

    /// <summary>The notebook's first heading, or its file name.</summary>
    public static string Title(NotebookDocument notebook)
    {
        var heading = notebook.Cells
            .Where(cell => cell.CellType == "markdown")
            .SelectMany(cell => cell.Source.Split('\n'))
            .FirstOrDefault(line => line.StartsWith("# ", StringComparison.Ordinal));
        return heading is null ? notebook.Name : heading[2..].Trim();
    }

    /// <summary>
    /// What the notebook teaches, for the contents page: the first paragraph of its first markdown cell that has one
    /// (the lines under its title), as HTML, with links made to work from <paramref name="pageFolder"/>; empty if none.
    /// </summary>
    public static string Summary(NotebookDocument notebook, string pageFolder)
    {
        var markdown = new MarkdownRenderer(Path.GetDirectoryName(notebook.Path)!, pageFolder);
        return notebook.Cells
            .Where(cell => cell.CellType == "markdown")
            .Select(cell => markdown.FirstParagraphHtml(cell.Source))
            .FirstOrDefault(paragraph => paragraph is not null) ?? "";
    }

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string RenderOutput(CellOutput output) => output switch
    {
        StreamOutput stream => $"<pre class=\"{stream.Name}\">{Encode(stream.Text)}</pre>",
        ErrorOutput error => $"<pre class=\"error\">{Encode(error.Message)}</pre>",
        DisplayOutput display => RenderDisplay(display),
        _ => "",
    };

    private static string RenderDisplay(DisplayOutput display)
    {
        var mimeType = PreferredFormats.FirstOrDefault(display.Data.ContainsKey) ?? display.Data.Keys.First();
        var value = display.Data[mimeType];
        return mimeType switch
        {
            "text/html" or "image/svg+xml" => value,
            "image/png" or "image/jpeg" => $"<img src=\"data:{mimeType};base64,{value.Trim()}\" alt=\"\">",
            "text/markdown" => Markdig.Markdown.ToHtml(value),
            _ => $"<pre>{Encode(value)}</pre>",
        };
    }
}
