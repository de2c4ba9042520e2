[assembly: AssemblyFixture(typeof(Autograd.Package.Tests.PackedPackages))]

namespace Autograd.Package.Tests;

/// <summary>
/// Packs <c>src/Autograd</c> and <c>src/Autograd.Interactive</c> once for all the tests, into a temporary folder, as
/// <c>dotnet pack -c Release</c> does for a release, with a version no other run uses.
/// </summary>
/// <remarks>
/// The packs build from the repository's sources but into a temporary artifacts folder (<c>--artifacts-path</c>:
/// every project's bin and obj, restore files included, go there), so they never write into the repository's own
/// bin and obj folders, which the other test projects of the same <c>dotnet test</c> run are using. The sources stay
/// in place, in their git checkout, so the packages record the commit as a release would. The version is unique to
/// the run, so the project that references the package can only restore the one packed here, never a copy left in a
/// package cache by an earlier run. Build servers are off: a compiler server or MSBuild node left running would
/// outlive the test, holding its output pipes open.
/// </remarks>
public sealed class PackedPackages : IAsyncLifetime
{
    /// <summary>A guard against a hung build, far above the 20-60 s a pack takes; not a performance limit.</summary>
    private static readonly TimeSpan PackLimit = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan GitLimit = TimeSpan.FromMinutes(1);

    /// <summary>The repository root: the nearest folder above this test's build holding Autograd.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot(AppContext.BaseDirectory);

    /// <summary>The temporary folder everything of this run goes into, deleted at the end.</summary>
    public string WorkFolder { get; } = Directory.CreateTempSubdirectory("autograd-package-").FullName;

    /// <summary>The folder holding the .nupkg and .snupkg files, a package source for the consumer project.</summary>
    public string PackageFolder => Path.Combine(WorkFolder, "packages");

    /// <summary>The version the packages were packed with: a prerelease of 0.1.0 unique to this run.</summary>
    public string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(100, 1000)}";

    /// <summary>
    /// The commit the repository's checkout is at, which the packages must name; null for sources that are not a git
    /// checkout (an exported archive), where there is no commit to name.
    /// </summary>
    public string? Commit { get; private set; }

    /// <summary>The path of a package file, e.g. <c>Package("Autograd", "nupkg")</c>.</summary>
    public string Package(string id, string extension) => Path.Combine(PackageFolder, $"{id}.{Version}.{extension}");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (Path.Exists(Path.Combine(RepoRoot, ".git")))
        {
            Commit = (await ChildProcess.GitAsync(RepoRoot, GitLimit, "rev-parse", "HEAD")).Output.Trim();
        }

        var artifacts = Path.Combine(WorkFolder, "artifacts");
        // Autograd first: the second pack finds it built, and packs only the integration on top of it.
        foreach (var project in new[] { "src/Autograd", "src/Autograd.Interactive" })
        {
            await ChildProcess.DotnetAsync(
                RepoRoot, PackLimit,
                "pack", project, "-c", "Release", "--artifacts-path", artifacts, "--output", PackageFolder,
                $"-p:Version={Version}", "--disable-build-servers");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; failing a passed run over it is not.
        }

        return ValueTask.CompletedTask;
    }

    private static string FindRepoRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Autograd.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Autograd.sln in {start} or any folder above it");
    }
}
