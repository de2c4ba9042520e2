using Autograd.Notebooks.Export;

namespace Autograd.Notebooks.Cli;

/// <summary>The command-line tool: run, verify or update notebooks (see <see cref="ToolOptions.Usage"/>).</summary>
internal static class NotebookTool
{
    /// <summary>Runs the tool; returns the process exit code (0 all well, 1 a notebook failed or differs, 2 usage).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Progress lines and reports.</param>
    /// <param name="currentDirectory">Where relative paths start (default: the process's working directory).</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, string? currentDirectory = null)
    {
        var options = ToolOptions.Parse(args, out var error, out var helpRequested);
        if (options is null)
        {
            output.WriteLine(helpRequested ? ToolOptions.Usage : $"error: {error}\n\n{ToolOptions.Usage}");
            return helpRequested ? 0 : 2;
        }

        var here = currentDirectory ?? Environment.CurrentDirectory;
        var repoRoot = RepoRoot.Find(here);
        if (repoRoot is null)
        {
            output.WriteLine($"error: no {RepoRoot.SolutionFile} in {here} or any folder above it; run from the repository");
            return 2;
        }

        var notebooks = options.Notebooks.Count > 0
            ? options.Notebooks.Select(path => Path.GetFullPath(path, here)).ToList()
            : DefaultNotebooks(repoRoot);
        if (notebooks.FirstOrDefault(path => !File.Exists(path)) is { } missing)
        {
            output.WriteLine($"error: no such notebook: {missing}");
            return 2;
        }

        if (notebooks.Count == 0)
        {
            output.WriteLine($"No notebooks in {Path.Combine(repoRoot, "notebooks")}.");
            return 0;
        }

        // A folder given on the command line is relative to where the tool was started; the default is the repository's.
        var artifacts = !options.WriteArtifacts
            ? null
            : new ArtifactWriter(options.ArtifactsDirectory is { } given
                ? Path.GetFullPath(given, here)
                : Path.GetFullPath(ToolOptions.DefaultArtifactsDirectory, repoRoot));
        if (artifacts?.FirstOverwritten(notebooks) is { } overwritten)
        {
            output.WriteLine(
                $"error: writing the executed notebooks to {artifacts.Directory} would overwrite {overwritten}; " +
                "give --artifacts a folder that holds none of the notebooks, or use --no-artifacts");
            return 2;
        }

        return await new ToolSession(options, repoRoot, artifacts, output).RunAllAsync(notebooks);
    }

    private static List<string> DefaultNotebooks(string repoRoot)
    {
        var folder = Path.Combine(repoRoot, "notebooks");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList()
            : [];
    }
}
