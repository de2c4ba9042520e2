using System.Diagnostics;
using System.Text;
using Autograd.Notebooks.Kernels;

namespace Autograd.Notebooks.Tests;

/// <summary>
/// Runs the notebook tool in a child process, for notebooks that may hang: a cell stuck inside a process can only be
/// stopped by ending that process, which must not be the test host.
/// </summary>
internal static class ChildProcess
{
    public sealed record Result(int ExitCode, string Output, TimeSpan Elapsed);

    /// <summary>Runs <c>dotnet Autograd.Notebooks.dll</c> with <paramref name="args"/>; kills it after <paramref name="limit"/>.</summary>
    public static Task<Result> RunToolAsync(TimeSpan limit, params string[] args) =>
        RunToolAsync(limit, new Dictionary<string, string>(), args);

    /// <summary>The same, with <paramref name="environment"/> added to the child's environment variables.</summary>
    public static async Task<Result> RunToolAsync(TimeSpan limit, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetTool.DotnetExecutable)
        {
            WorkingDirectory = TestPaths.RepoRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(TestPaths.RunnerAssembly);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
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
            Assert.Fail($"the notebook tool was still running after {limit.TotalSeconds:0} s:\n{await stdout}{await stderr}");
        }

        output.Append(await stdout).Append(await stderr);
        return new Result(process.ExitCode, output.ToString(), clock.Elapsed);
    }
}
