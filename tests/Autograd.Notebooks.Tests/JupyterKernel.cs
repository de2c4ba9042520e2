using System.Diagnostics;
using System.Text;
using Autograd.Notebooks.Kernels;

namespace Autograd.Notebooks.Tests;

/// <summary>
/// Jupyter with the .NET (C#) kernel, set up as the README tells a learner: the pinned <c>dotnet-interactive</c> tool
/// installs its kernelspec with <c>dotnet interactive jupyter install</c>, here into a temporary Jupyter folder (given
/// to Jupyter as <c>JUPYTER_PATH</c>) rather than the user's, and <c>jupyter nbconvert --execute</c> runs a notebook
/// with it. Jupyter is Debian's (<c>jupyter-nbconvert</c>, <c>python3-nbclient</c>, <c>python3-ipykernel</c>), for
/// Debian's own python3, or any python3 on the PATH that has nbconvert and nbclient.
/// </summary>
public sealed class JupyterKernel : IAsyncLifetime
{
    /// <summary>The kernelspec's name, as <c>dotnet interactive jupyter install</c> writes it.</summary>
    public const string KernelName = ".net-csharp";

    private static readonly string[] Pythons = ["/usr/bin/python3", "python3"];

    private readonly TestPaths.TempFolder folder = TestPaths.NewTempFolder();
    private string? python;

    /// <summary>Why Jupyter cannot run notebooks here, or null when it can.</summary>
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        foreach (var candidate in Pythons)
        {
            var check = await RunAsync(
                candidate,
                ["-c", "import nbconvert, nbclient, jupyter_client"],
                TestPaths.RepoRoot,
                TimeSpan.FromMinutes(1));
            if (check.ExitCode == 0)
            {
                python = candidate;
                break;
            }
        }

        if (python is null)
        {
            Unavailable = $"Jupyter's nbconvert and nbclient are not importable from {string.Join(" or ", Pythons)} " +
                "(install Debian's jupyter-nbconvert, python3-nbclient, python3-ipykernel and jupyter-client)";
            return;
        }

        await DotnetTool.EnsureRestoredAsync(TestPaths.RepoRoot);
        var kernels = Directory.CreateDirectory(Path.Combine(folder.Path, "kernels")).FullName;
        // `dotnet interactive` is the tool's command run through the repository's tool manifest, as the README says.
        var install = await RunAsync(
            DotnetTool.DotnetExecutable,
            ["interactive", "jupyter", "install", "--path", kernels],
            TestPaths.RepoRoot,
            TimeSpan.FromMinutes(2));
        if (install.ExitCode != 0 || !File.Exists(Path.Combine(kernels, KernelName, "kernel.json")))
        {
            throw new InvalidOperationException(
                $"`dotnet interactive jupyter install --path {kernels}` failed (exit code {install.ExitCode}):\n" +
                install.Output);
        }
    }

    /// <summary>
    /// Executes <paramref name="notebook"/> with <c>jupyter nbconvert --execute</c> (the kernel's working directory is
    /// the notebook's folder) and writes the executed copy, under the same name, to <paramref name="outputFolder"/>.
    /// </summary>
    public Task<ProcessResult> ExecuteAsync(string notebook, string outputFolder, TimeSpan cellTimeout, TimeSpan limit)
    {
        if (python is null)
        {
            throw new InvalidOperationException(Unavailable);
        }

        return RunAsync(
            python,
            [
                "-m", "nbconvert", "--to", "notebook", "--execute",
                $"--ExecutePreprocessor.kernel_name={KernelName}",
                $"--ExecutePreprocessor.timeout={(int)cellTimeout.TotalSeconds}",
                "--ExecutePreprocessor.startup_timeout=120",
                "--output-dir", outputFolder,
                notebook,
            ],
            Path.GetDirectoryName(notebook)!,
            limit);
    }

    public ValueTask DisposeAsync()
    {
        folder.Dispose();
        return ValueTask.CompletedTask;
    }

    public sealed record ProcessResult(int ExitCode, string Output, TimeSpan Elapsed);

    private async Task<ProcessResult> RunAsync(string program, string[] arguments, string workingDirectory, TimeSpan limit)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Jupyter finds the kernelspec here first, and keeps its connection files and settings out of the home folder;
        // the kernel it starts inherits the rest: no first-run banner or telemetry, and numbers printed the same
        // everywhere, as the other hosts run it.
        start.Environment["JUPYTER_PATH"] = folder.Path;
        start.Environment["JUPYTER_DATA_DIR"] = Path.Combine(folder.Path, "data");
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(folder.Path, "runtime");
        start.Environment["JUPYTER_CONFIG_DIR"] = Path.Combine(folder.Path, "config");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";

        try
        {
            var run = await ChildProcess.RunAsync(start, limit);
            return new ProcessResult(run.ExitCode, run.Output + run.Errors, run.Elapsed);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProcessResult(-1, $"{program}: {e.Message}", TimeSpan.Zero);
        }
    }
}
