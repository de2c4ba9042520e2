using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Autograd.Notebooks.Export;

/// <summary>
/// Renders markdown cells to HTML. Relative links are written for a notebook in one folder and the page lives in
/// another, so they are rewritten to reach the same file from the page, and links to notebooks go to their pages.
/// </summary>
/// <param name="NotebookFolder">Where the notebook, and so the targets of its relative links, live.</param>
/// <param name="PageFolder">Where the HTML page is written.</param>
internal sealed record MarkdownRenderer(string NotebookFolder, string PageFolder)
{
    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    /// <summary>
    /// Markdig's extensions (tables, task lists, auto links, heading ids), but of its extra emphasis only
    /// <c>~~strikethrough~~</c>, as GitHub and VS Code render markdown: with the rest, <c>e^800</c> in prose would
    /// come out as a superscript and <c>H~2~O</c> as a subscript.
    /// </summary>
    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder().UseAdvancedExtensions();
        builder.Extensions.ReplaceOrAdd<EmphasisExtraExtension>(new EmphasisExtraExtension(EmphasisExtraOptions.Strikethrough));
        return builder.Build();
    }

    /// <summary>
    /// The HTML of the first paragraph of <paramref name="markdown"/> (its first lines of prose, say, under a heading),
    /// without a last sentence that leads into what follows ("You will:"); a paragraph that is nothing but such a
    /// sentence gives way to the next. Paragraphs inside lists and quotes do not count. Null if there is none.
    /// </summary>
    public string? FirstParagraphHtml(string markdown)
    {
        string? first = null;
        foreach (var paragraph in Markdown.Parse(markdown, Pipeline).OfType<ParagraphBlock>())
        {
            var text = markdown.Substring(paragraph.Span.Start, paragraph.Span.Length).TrimEnd();
            first ??= text;
            if (!text.EndsWith(':'))
            {
                return ToHtml(text);
            }

            int lastSentence = text.LastIndexOf(". ", StringComparison.Ordinal);
            if (lastSentence > 0)
            {
                return ToHtml(text[..(lastSentence + 1)]);
            }
        }

        return first is null ? null : ToHtml(first);
    }

    public string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is { } url)
            {
                link.Url = Rewrite(url);
            }
        }

        return document.ToHtml(Pipeline);
    }

    private string Rewrite(string url)
    {
        if (url.Length == 0 || url.StartsWith('#') || url.StartsWith('/') || Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return url;
        }

        var suffixStart = url.IndexOfAny(['#', '?']);
        var path = Uri.UnescapeDataString(suffixStart < 0 ? url : url[..suffixStart]);
        var suffix = suffixStart < 0 ? "" : url[suffixStart..];
        var target = Path.GetFullPath(Path.Combine(NotebookFolder, path));
        if (target.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)
            && Path.GetDirectoryName(target) == Path.GetFullPath(NotebookFolder))
        {
            return Path.ChangeExtension(Path.GetFileName(target), ".html") + suffix;
        }

        var relative = Path.GetRelativePath(PageFolder, target).Replace('\\', '/');
        return string.Join('/', relative.Split('/').Select(Uri.EscapeDataString)) + suffix;
    }
}
