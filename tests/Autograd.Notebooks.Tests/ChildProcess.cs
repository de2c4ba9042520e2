using System.Diagnostics;
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

        var run = await RunAsync(start, limit);
        return new Result(run.ExitCode, run.Output + run.Errors, run.Elapsed);
    }

    /// <summary>
    /// Starts <paramref name="start"/> (whose output and errors must be redirected), reads both streams to the end, and
    /// waits for it; past <paramref name="limit"/> it kills the whole process tree and fails the test with what the
    /// process had printed. A program that cannot be started throws <see cref="System.ComponentModel.Win32Exception"/>.
    /// </summary>
    public static async Task<Run> RunAsync(ProcessStartInfo start, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // A kernel or a build is a child of the process started: the whole tree goes.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{Path.GetFileName(start.FileName)} {string.Join(' ', start.ArgumentList)} was still running after " +
                $"{limit.TotalSeconds:0} s:\n{await stdout}{await stderr}");
        }

        return new Run(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }

    /// <summary>What a child process printed, on each stream, and how it ended.</summary>
    public sealed record Run(int ExitCode, string Output, string Errors, TimeSpan Elapsed);
}
