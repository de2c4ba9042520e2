using System.Globalization;
using System.Text;
using Autograd.Notebooks.Running;

namespace Autograd.Notebooks.Export;

/// <summary>
/// Writes what a run produced into an artifacts folder: each executed notebook (.ipynb, with outputs and execution
/// counts), an HTML page of it, an index page (the contents, and how each run went), and plotly.js when a page has charts, so the pages work offline.
/// </summary>
/// <param name="Directory">The folder to write into (created if needed).</param>
internal sealed record ArtifactWriter(string Directory)
{
    // Windows and macOS file systems ignore case by default; a path that differs only in case is the same file there.
    private static readonly StringComparer PathComparer =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Where the executed copy of <paramref name="notebookPath"/> goes.</summary>
    public string ExecutedNotebookPath(string notebookPath) =>
        Path.GetFullPath(Path.Combine(Directory, Path.GetFileNameWithoutExtension(notebookPath) + ".ipynb"));

    /// <summary>
    /// The first of <paramref name="notebookPaths"/> that writing their executed copies here would overwrite (the
    /// folder is a notebook's own, or holds a notebook of the same name as another being run), or null if none.
    /// </summary>
    public string? FirstOverwritten(IReadOnlyCollection<string> notebookPaths)
    {
        var written = notebookPaths.Select(ExecutedNotebookPath).ToHashSet(PathComparer);
        return notebookPaths.FirstOrDefault(path => written.Contains(Path.GetFullPath(path)));
    }

    /// <summary>Writes the executed notebook and its page; returns the page's path.</summary>
    public string Write(NotebookRun run)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = Path.GetFileNameWithoutExtension(run.Notebook.Path);
        run.Executed.Save(ExecutedNotebookPath(run.Notebook.Path));

        var page = Path.Combine(Directory, name + ".html");
        File.WriteAllText(page, HtmlExporter.Export(run, Directory, out var needsPlotly));
        if (needsPlotly)
        {
            File.WriteAllText(Path.Combine(Directory, PlotlyJs.FileName), PlotlyJs.Load());
        }

        return page;
    }

    /// <summary>
    /// Writes index.html, the contents: each notebook's title, linked to its page, and what it teaches (the first
    /// paragraph of its first markdown cell); then the run report, how each run went. Returns its path.
    /// </summary>
    public string WriteIndex(IEnumerable<NotebookRun> runs)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var contents = new StringBuilder();
        var rows = new StringBuilder();
        foreach (var run in runs)
        {
            var page = Path.GetFileNameWithoutExtension(run.Notebook.Path) + ".html";
            contents.Append("<li><a href=\"").Append(Uri.EscapeDataString(page)).Append("\">")
                .Append(HtmlExporter.Encode(HtmlExporter.Title(run.Notebook))).Append("</a>\n")
                .Append(HtmlExporter.Summary(run.Notebook, Directory)).Append("</li>\n");
            var status = run.Succeeded ? "<span class=\"ok\">ran</span>" : "<span class=\"failed\">failed</span>";
            rows.Append("<tr><td><a href=\"").Append(Uri.EscapeDataString(page)).Append("\">")
                .Append(HtmlExporter.Encode(HtmlExporter.Title(run.Notebook))).Append("</a></td><td>")
                .Append(HtmlExporter.Encode(run.Notebook.Name)).Append("</td><td>").Append(status).Append("</td><td>")
                .Append(run.CellsRun.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(run.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s</td></tr>\n");
        }

        var body = $"""
            <h1>Notebooks</h1>
            <ol class="contents">
            {contents}</ol>
            <h2>Run report</h2>
            <table class="runs">
            <tr><th>Notebook</th><th>File</th><th>Status</th><th>Cells run</th><th>Time</th></tr>
            {rows}</table>
            """;
        var index = Path.Combine(Directory, "index.html");
        File.WriteAllText(index, HtmlExporter.Page("Notebooks", "", body, linkToIndex: false));
        return index;
    }
}
