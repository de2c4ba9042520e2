using Autograd.Notebooks.Cli;

namespace Autograd.Notebooks.Tests;

/// <summary>Where things are: the repository, the series, the fixtures, and the runner's build.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = Cli.RepoRoot.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"no {Cli.RepoRoot.SolutionFile} above {AppContext.BaseDirectory}");

    public static string NotebooksFolder => Path.Combine(RepoRoot, "notebooks");

    public static string FixturesFolder => Path.Combine(RepoRoot, "tests", "Autograd.Notebooks.Tests", "Fixtures");

    public static string Fixture(string name) => Path.Combine(FixturesFolder, name);

    /// <summary>The runner's assembly next to the tests', to start as a child process with <c>dotnet</c>.</summary>
    public static string RunnerAssembly => Path.Combine(AppContext.BaseDirectory, "Autograd.Notebooks.dll");

    /// <summary>A fresh empty folder under the temporary folder, deleted when disposed.</summary>
    public static TempFolder NewTempFolder() => new();

    public sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("autograd-notebooks-tests-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
