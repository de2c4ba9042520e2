using System.IO.Compression;
using System.Xml.Linq;

namespace Autograd.Package.Tests;

/// <summary>
/// What each package says about itself, read back from the packed .nupkg: what a package browser shows and what a
/// restore acts on.
/// </summary>
public class PackageMetadataTests(PackedPackages packed)
{
    [Fact]
    public void The_library_package_describes_itself_and_depends_on_System_Numerics_Tensors_alone()
    {
        using var package = ZipFile.OpenRead(packed.Package("Autograd", "nupkg"));
        var metadata = Metadata(package, "Autograd");

        AssertCommonMetadata(metadata, package, "Autograd", "src/Autograd/README.md");
        Assert.StartsWith("A small, readable and fast automatic-differentiation library", Text(metadata, "description"));
        Assert.Superset(
            new HashSet<string> { "autograd", "automatic-differentiation", "backpropagation", "neural-network" },
            Tags(metadata));
        Assert.Equal([("System.Numerics.Tensors", PinnedVersion("System.Numerics.Tensors"))], Dependencies(metadata));
        Assert.Contains("lib/net10.0/Autograd.dll", Entries(package));
        Assert.Contains("lib/net10.0/Autograd.xml", Entries(package));
    }

    [Fact]
    public void The_notebook_integration_package_depends_on_the_library_of_its_own_version_and_on_Plotly_NET()
    {
        using var package = ZipFile.OpenRead(packed.Package("Autograd.Interactive", "nupkg"));
        var metadata = Metadata(package, "Autograd.Interactive");

        AssertCommonMetadata(metadata, package, "Autograd.Interactive", "src/Autograd.Interactive/README.md");
        Assert.StartsWith("Polyglot Notebooks integration for the Autograd library", Text(metadata, "description"));
        Assert.Superset(new HashSet<string> { "autograd", "polyglot-notebooks", "plotly" }, Tags(metadata));
        // The kernel provides Microsoft.DotNet.Interactive and its companions, so the package does not ask for them.
        Assert.Equal(
            [
                ("Autograd", packed.Version),
                ("FSharp.Core", PinnedVersion("FSharp.Core")),
                ("Plotly.NET", PinnedVersion("Plotly.NET")),
                ("Plotly.NET.CSharp", PinnedVersion("Plotly.NET.CSharp")),
            ],
            Dependencies(metadata).Order());
        Assert.Contains("lib/net10.0/Autograd.Interactive.dll", Entries(package));
        Assert.Contains("lib/net10.0/Autograd.Interactive.xml", Entries(package));
        // The library comes from its own package, never as a second copy inside this one.
        Assert.DoesNotContain("lib/net10.0/Autograd.dll", Entries(package));
    }

    [Theory]
    [InlineData("Autograd")]
    [InlineData("Autograd.Interactive")]
    public void Each_package_has_a_symbols_package_with_its_PDB(string id)
    {
        using var symbols = ZipFile.OpenRead(packed.Package(id, "snupkg"));

        Assert.Equal(id, Text(Metadata(symbols, id), "id"));
        Assert.Equal(packed.Version, Text(Metadata(symbols, id), "version"));
        Assert.Contains($"lib/net10.0/{id}.pdb", Entries(symbols));
        // A portable PDB starts with the ECMA-335 metadata signature, "BSJB".
        using var pdb = symbols.GetEntry($"lib/net10.0/{id}.pdb")!.Open();
        var signature = new byte[4];
        pdb.ReadExactly(signature);
        Assert.Equal("BSJB"u8.ToArray(), signature);
    }

    private void AssertCommonMetadata(XElement metadata, ZipArchive package, string id, string readmeSource)
    {
        Assert.Equal(id, Text(metadata, "id"));
        Assert.Equal(packed.Version, Text(metadata, "version"));
        Assert.Equal("Autograd in C# contributors", Text(metadata, "authors"));
        Assert.Equal("Copyright (c) 2026 Autograd in C# contributors", Text(metadata, "copyright"));
        Assert.NotEqual("Package Description", Text(metadata, "description"));

        var license = Element(metadata, "license");
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("MIT", license.Value);

        // The readme named in the metadata is in the package, as the repository holds it.
        Assert.Equal("README.md", Text(metadata, "readme"));
        using (var readme = new StreamReader(package.GetEntry("README.md")!.Open()))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(PackedPackages.RepoRoot, readmeSource)), readme.ReadToEnd());
        }

        // The repository has no address to publish until the clone has a remote; the commit the package was built
        // from is there whenever the sources are a git checkout.
        var repository = Element(metadata, "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal(packed.Commit, (string?)repository.Attribute("commit"));
    }

    /// <summary>The metadata element of a package's .nuspec, read from inside the package.</summary>
    private static XElement Metadata(ZipArchive package, string id)
    {
        var entry = package.GetEntry($"{id}.nuspec") ?? throw new InvalidDataException($"no {id}.nuspec in the package");
        using var stream = entry.Open();
        var nuspec = XDocument.Load(stream).Root ?? throw new InvalidDataException($"{id}.nuspec is empty");
        return nuspec.Element(nuspec.Name.Namespace + "metadata") ?? throw new InvalidDataException("no <metadata>");
    }

    private static XElement Element(XElement metadata, string name) =>
        metadata.Element(metadata.Name.Namespace + name)
        ?? throw new Xunit.Sdk.XunitException($"no <{name}> in the nuspec");

    private static string Text(XElement metadata, string name) => Element(metadata, name).Value;

    private static HashSet<string> Tags(XElement metadata) =>
        [.. Text(metadata, "tags").Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private static List<(string Id, string Version)> Dependencies(XElement metadata)
    {
        var group = Assert.Single(Element(metadata, "dependencies").Elements());
        Assert.Equal("net10.0", (string?)group.Attribute("targetFramework"));
        return [.. group.Elements().Select(d => ((string)d.Attribute("id")!, (string)d.Attribute("version")!))];
    }

    private static HashSet<string> Entries(ZipArchive package) => [.. package.Entries.Select(e => e.FullName)];

    /// <summary>The version Directory.Packages.props pins for a package.</summary>
    private static string PinnedVersion(string id)
    {
        var props = XDocument.Load(Path.Combine(PackedPackages.RepoRoot, "Directory.Packages.props"));
        var pin = props.Descendants("PackageVersion").Single(p => (string?)p.Attribute("Include") == id);
        return (string)pin.Attribute("Version")!;
    }
}
