using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Autograd.Package.Tests;

/// <summary>
/// Which projects of the solution are packages: the library and its notebook integration, and no other, so that
/// <c>dotnet pack</c> of the whole solution makes those two.
/// </summary>
public partial class PackableProjectsTests
{
    [Fact]
    public void Only_the_library_and_its_notebook_integration_are_packable()
    {
        var solution = File.ReadAllText(Path.Combine(PackedPackages.RepoRoot, "Autograd.sln"));
        var projects = ProjectLine().Matches(solution).Select(m => m.Groups["path"].Value.Replace('\\', '/')).ToList();

        var packable = projects.Where(IsPackable).Order(StringComparer.Ordinal);

        Assert.Contains("tests/Autograd.Package.Tests/Autograd.Package.Tests.csproj", projects);
        var shared = XDocument.Load(Path.Combine(PackedPackages.RepoRoot, "Directory.Build.props"));
        Assert.Empty(shared.Descendants("IsPackable"));
        Assert.Equal(["src/Autograd.Interactive/Autograd.Interactive.csproj", "src/Autograd/Autograd.csproj"], packable);
    }

    /// <summary>Whether a project packs: an SDK project does unless it sets IsPackable to false.</summary>
    private static bool IsPackable(string project)
    {
        var xml = XDocument.Load(Path.Combine(PackedPackages.RepoRoot, project));
        var setting = xml.Descendants("IsPackable").Select(e => e.Value.Trim()).LastOrDefault();
        return !string.Equals(setting, "false", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^Project\(.+?\) = ""[^""]+"", ""(?<path>[^""]+\.csproj)""", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}
