using System.Diagnostics;
using System.Text;

namespace Autograd.Package.Tests;

/// <summary>Runs <c>dotnet</c> and <c>git</c> in child processes, with a time limit.</summary>
internal static class ChildProcess
{
    /// <summary>What a command that succeeded printed, both streams together, and how long it took.</summary>
    public sealed record Result(string Output, TimeSpan Elapsed);

    /// <summary>
    /// The <c>dotnet</c> that runs this test host when the SDK says so (test hosts get <c>DOTNET_HOST_PATH</c>), else
    /// the one on the PATH.
    /// </summary>
    private static string DotnetExecutable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path)
            ? path
            : "dotnet";

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c>; see <see cref="RunAsync"/>.</summary>
    public static Task<Result> DotnetAsync(string workingDirectory, TimeSpan limit, params string[] arguments) =>
        RunAsync(DotnetExecutable, workingDirectory, limit, arguments);

    /// <summary>Runs <c>git <paramref name="arguments"/></c>; see <see cref="RunAsync"/>.</summary>
    public static Task<Result> GitAsync(string workingDirectory, TimeSpan limit, params string[] arguments) =>
        RunAsync("git", workingDirectory, limit, arguments);

    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="workingDirectory"/>, kills it (and what it started) after
    /// <paramref name="limit"/>, and fails the test with the command's output when it does not exit with code 0.
    /// </summary>
    private static async Task<Result> RunAsync(string program, string workingDirectory, TimeSpan limit, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` hands its test hosts variables that point MSBuild at the build that started them; a child
        // build must find its own SDK (from global.json) and state.
        foreach (var name in start.Environment.Keys.Where(IsMsBuildVariable).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        var command = $"{Path.GetFileNameWithoutExtension(program)} {string.Join(' ', arguments)}";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start `{command}`");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"`{command}` was still running after {limit.TotalSeconds:0} s:\n{await stdout}{await stderr}");
        }

        var output = new StringBuilder().Append(await stdout).Append(await stderr).ToString();
        if (process.ExitCode != 0)
        {
            Assert.Fail($"`{command}` in {workingDirectory} exited with {process.ExitCode}:\n{output}");
        }

        return new Result(output, clock.Elapsed);
    }

    private static bool IsMsBuildVariable(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
        && !name.Equals("MSBUILDDISABLENODEREUSE", StringComparison.OrdinalIgnoreCase);
}
