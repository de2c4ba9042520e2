using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Apps;

/// <summary>A notebook's app on disk (<see cref="AppWriter"/>): written by <c>update</c>, checked by <c>verify</c>.</summary>
internal static class AppFile
{
    /// <summary>
    /// Whether <paramref name="notebook"/> has an app: every notebook of the series (in the repository's
    /// <c>notebooks/</c> folder) does, and any other notebook with an app beside it.
    /// </summary>
    public static bool Expected(NotebookDocument notebook, string repoRoot) =>
        File.Exists(AppWriter.AppPath(notebook.Path))
        || string.Equals(
            Path.GetDirectoryName(notebook.Path),
            Path.Combine(Path.GetFullPath(repoRoot), "notebooks"),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>
    /// Writes <paramref name="notebook"/>'s app beside it when its text changed. Returns a line to report: that the app
    /// was written, or why it cannot be; null when it was already up to date.
    /// </summary>
    public static string? Update(NotebookDocument notebook)
    {
        var path = AppWriter.AppPath(notebook.Path);
        try
        {
            var text = AppWriter.Write(notebook);
            if (File.Exists(path) && File.ReadAllText(path) == text)
            {
                return null;
            }

            File.WriteAllText(path, text);
            return $"app written: {Path.GetFileName(path)}";
        }
        catch (NotSupportedException e)
        {
            return $"no app: {e.Message}";
        }
    }

    /// <summary>Null when the app beside <paramref name="notebook"/> is what its cells give now; else what is wrong.</summary>
    public static string? Check(NotebookDocument notebook)
    {
        var path = AppWriter.AppPath(notebook.Path);
        try
        {
            var text = AppWriter.Write(notebook);
            return !File.Exists(path) ? $"its app {Path.GetFileName(path)} is missing: `update` writes it"
                : File.ReadAllText(path).ReplaceLineEndings("\n") != text ? $"its app {Path.GetFileName(path)} is out of date: `update` rewrites it"
                : null;
        }
        catch (NotSupportedException e)
        {
            return $"it cannot be written as an app: {e.Message}";
        }
    }
}
