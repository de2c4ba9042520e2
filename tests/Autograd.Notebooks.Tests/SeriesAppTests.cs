using System.Diagnostics;
using Autograd.Notebooks.Apps;
using Autograd.Notebooks.Documents;
using Autograd.Notebooks.Kernels;
using Autograd.Notebooks.Verification;

namespace Autograd.Notebooks.Tests;

/// <summary>
/// Every notebook's app (<c>notebooks/NN-name.cs</c>), run as a learner runs it, <c>dotnet run notebooks/NN-name.cs</c>
/// from the repository root: it prints what the notebook's committed outputs show (<see cref="AppTranscript"/>) and
/// writes the same pictures.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class SeriesAppTests
{
    // A guard against hangs: an app builds in under a minute and runs as long as its notebook.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    [Theory(SkipTestWithoutData = true)]
    [MemberData(nameof(SeriesNotebookTests.Notebooks), MemberType = typeof(SeriesNotebookTests))]
    public async Task Prints_the_notebooks_outputs_and_writes_its_pictures(string notebook)
    {
        var path = Path.Combine(TestPaths.NotebooksFolder, notebook);
        var transcript = AppTranscript.Of(NotebookDocument.Load(path));
        var normalizer = new OutputNormalizer(TestPaths.RepoRoot);

        var (exitCode, output, errors) = await RunAsync(Path.GetRelativePath(TestPaths.RepoRoot, AppWriter.AppPath(path)));

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{output}\n{errors}");
        var firstLine = output.IndexOf('\n', StringComparison.Ordinal);
        Assert.StartsWith("pictures: ", output);
        var folder = Path.GetFullPath(output["pictures: ".Length..firstLine].Trim(), TestPaths.RepoRoot);
        var printed = output[(firstLine + 1)..].ReplaceLineEndings("\n");
        Assert.True(
            transcript.Matches(printed, normalizer.Normalize),
            UnifiedDiff.Create(normalizer.Normalize(transcript.ToText()), normalizer.Normalize(printed), notebook, "app"));

        Assert.Equal(transcript.Pictures.Select(p => p.File), Directory.GetFiles(folder, "*.svg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var (file, cell, svg) in transcript.Pictures.Where(p => p.Svg is not null))
        {
            var written = normalizer.Normalize(File.ReadAllText(Path.Combine(folder, file)));
            Assert.True(normalizer.Normalize(svg!) == written, $"{file}, from cell {cell}, is not the notebook's picture");
        }
    }

    /// <summary>Runs <c>dotnet run &lt;app&gt;</c> from the repository root, as the README says.</summary>
    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string app)
    {
        var start = new ProcessStartInfo(DotnetTool.DotnetExecutable)
        {
            WorkingDirectory = TestPaths.RepoRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(app);

        // `dotnet test` runs the tests with MSBuild's variables set for its own build; the app's build must not inherit them.
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        // No build nodes left running after the test.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var run = await ChildProcess.RunAsync(start, Limit);
        return (run.ExitCode, run.Output, run.Errors);
    }
}
