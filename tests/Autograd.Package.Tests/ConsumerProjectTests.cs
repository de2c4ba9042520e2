using System.Globalization;
using System.Text.RegularExpressions;

namespace Autograd.Package.Tests;

/// <summary>
/// A program of a user's own, in a folder of its own outside the repository, that references the packed library by
/// version from a local package folder, builds, and trains a model.
/// </summary>
public partial class ConsumerProjectTests(PackedPackages packed)
{
    /// <summary>A guard against a hung restore, build or run, far above what each takes; not a performance limit.</summary>
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(5);

    private const string Program = """
        using System.Globalization;
        using System.Reflection;
        using Autograd;
        using Autograd.Data;
        using Autograd.NN;
        using Autograd.Optim;

        Rng.Seed(0);
        var (x, y) = Datasets.Moons(count: 200, noise: 0.1, seed: 0);
        var model = new Sequential(new Linear(2, 16), new Tanh(), new Linear(16, 2));
        var optimizer = new Adam(model.Parameters(), lr: 0.05);
        var lossFunction = new CrossEntropyLoss();
        string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        var library = typeof(Tensor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!;
        Console.WriteLine($"library {library.InformationalVersion}");
        for (int step = 0; step <= 100; step++)
        {
            optimizer.ZeroGrad();
            var loss = lossFunction.Forward(model.Forward(x), y);
            if (step % 50 == 0)
            {
                Console.WriteLine($"step {step} loss {Number(loss.Item())}");
            }

            loss.Backward();
            optimizer.Step();
        }

        using (NoGrad.Scope())
        {
            var predicted = model.Forward(x).ArgMax();
            Console.WriteLine($"accuracy {Number(predicted.Zip(y).Count(p => p.First == p.Second) / (double)y.Length)}");
        }
        """;

    [Fact]
    public async Task A_project_referencing_the_package_from_a_local_folder_builds_and_trains_a_model()
    {
        var folder = Path.Combine(packed.WorkFolder, "consumer");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- The audit needs a package registry's vulnerability data; this project has only a folder. -->
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Autograd" Version="{packed.Version}" />
              </ItemGroup>
            </Project>
            """);
        // The same SDK as the repository's.
        File.Copy(Path.Combine(PackedPackages.RepoRoot, "global.json"), Path.Combine(folder, "global.json"));
        // The packed folder is the only package source, so no registry is asked and no other package of the same
        // name can answer. The library's dependency, System.Numerics.Tensors, is read from the machine's package
        // cache, where the packs above restored it; packages are unpacked into a folder of this run's.
        var machineCache = await MachinePackageCache();
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="packages" />
              </config>
              <packageSources>
                <clear />
                <add key="packed" value="{packed.PackageFolder}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machineCache}" />
              </fallbackPackageFolders>
            </configuration>
            """);

        await ChildProcess.DotnetAsync(
            folder, StepLimit, "build", "Consumer.csproj", "-c", "Release", "-o", "out", "--disable-build-servers");
        var run = await ChildProcess.DotnetAsync(folder, StepLimit, Path.Combine("out", "Consumer.dll"));

        // The package restored is the one packed by this run, unpacked here and not taken from any cache.
        var restored = Path.Combine(folder, "packages", "autograd", packed.Version.ToLowerInvariant());
        Assert.True(
            File.Exists(Path.Combine(restored, "lib", "net10.0", "Autograd.dll")),
            $"Autograd {packed.Version} was not restored from {packed.PackageFolder}");
        var output = run.Output.ReplaceLineEndings("\n");
        // The library that ran is the packed one: its version, and the commit it was built from.
        Assert.Contains($"library {packed.Version}{(packed.Commit is null ? "" : "+" + packed.Commit)}\n", output);
        var losses = StepLine().Matches(output).ToDictionary(
            m => int.Parse(m.Groups["step"].Value, CultureInfo.InvariantCulture),
            m => Number(m));
        Assert.Equal([0, 50, 100], losses.Keys);
        var accuracy = AccuracyLine().Match(output);
        Assert.True(accuracy.Success, $"no accuracy line in the program's output:\n{output}");
        // Two classes start near ln 2 = 0.69; 100 Adam steps on the moons bring it well below.
        Assert.InRange(losses[0], 0.5, 1.0);
        Assert.True(losses[100] < losses[50] && losses[50] < losses[0], $"the loss did not fall:\n{output}");
        Assert.True(losses[100] < losses[0] / 3, $"the loss fell by less than two thirds:\n{output}");
        Assert.InRange(Number(accuracy), 0.9, 1.0);
    }

    /// <summary>The folder this machine's restores unpack packages into (by default ~/.nuget/packages).</summary>
    private static async Task<string> MachinePackageCache()
    {
        var listing = await ChildProcess.DotnetAsync(
            PackedPackages.RepoRoot, StepLimit, "nuget", "locals", "global-packages", "--list");
        var path = listing.Output.Trim().Split("global-packages:", 2)[^1].Trim();
        Assert.True(Directory.Exists(path), $"`dotnet nuget locals` named no folder:\n{listing.Output}");
        return path;
    }

    private static double Number(Match match) => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^step (?<step>\d+) loss (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex StepLine();

    [GeneratedRegex(@"^accuracy (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex AccuracyLine();
}
