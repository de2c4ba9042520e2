using System.Collections.Concurrent;
using System.Diagnostics;

namespace Autograd.Notebooks.Kernels;

/// <summary>
/// The pinned <c>dotnet-interactive</c> tool from the repository's <c>.config/dotnet-tools.json</c>: restored on
/// first use (a fresh clone has never run <c>dotnet tool restore</c>), then started through <c>dotnet tool run</c>.
/// </summary>
internal static class DotnetTool
{
    private static readonly ConcurrentDictionary<string, Lazy<Task>> Restores = new(StringComparer.Ordinal);

    /// <summary>
    /// The <c>dotnet</c> that runs this process when the SDK says so (test hosts get <c>DOTNET_HOST_PATH</c>), else
    /// the one on the PATH.
    /// </summary>
    public static string DotnetExecutable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path)
            ? path
            : "dotnet";

    /// <summary>Runs <c>dotnet tool restore</c> in <paramref name="repoRoot"/>, once per process.</summary>
    public static Task EnsureRestoredAsync(string repoRoot) =>
        Restores.GetOrAdd(repoRoot, root => new Lazy<Task>(() => RestoreAsync(root))).Value;

    /// <summary>
    /// How to start the tool. It runs from the repository root, where <c>dotnet tool run</c> finds the manifest;
    /// the kernel's own working directory is <paramref name="workingDirectory"/>, as VS Code sets it.
    /// </summary>
    public static ProcessStartInfo KernelStartInfo(string repoRoot, string workingDirectory)
    {
        var start = NewStartInfo(repoRoot);
        foreach (var argument in new[]
                 {
                     "tool", "run", "dotnet-interactive", "--",
                     "[vscode]", "stdio", "--working-dir", workingDirectory,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardInput = true;
        start.StandardInputEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        // Skip the first-run banner and telemetry, and print numbers the same everywhere so outputs can be compared.
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        return start;
    }

    private static async Task RestoreAsync(string repoRoot)
    {
        var start = NewStartInfo(repoRoot);
        start.ArgumentList.Add("tool");
        start.ArgumentList.Add("restore");
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("could not start `dotnet tool restore`");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`dotnet tool restore` in {repoRoot} failed (exit code {process.ExitCode}):\n{await stdout}{await stderr}");
        }
    }

    private static ProcessStartInfo NewStartInfo(string repoRoot)
    {
        var start = new ProcessStartInfo(DotnetExecutable)
        {
            WorkingDirectory = repoRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }
}
