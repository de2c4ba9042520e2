namespace Autograd.Notebooks.Cli;

/// <summary>Finds the repository root: the nearest folder, from a starting point upwards, holding Autograd.sln.</summary>
internal static class RepoRoot
{
    /// <summary>The solution file that marks the root.</summary>
    public const string SolutionFile = "Autograd.sln";

    /// <summary>
    /// The root above <paramref name="start"/>, else above this program's own location (so the tool works when run
    /// from elsewhere); null if neither is inside the repository.
    /// </summary>
    public static string? Find(string start) => FindAbove(start) ?? FindAbove(AppContext.BaseDirectory);

    private static string? FindAbove(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
