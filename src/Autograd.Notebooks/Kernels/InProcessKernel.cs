using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Autograd.Notebooks.Kernels;

/// <summary>
/// A C# kernel hosted in this process (a <see cref="CompositeKernel"/> holding a <see cref="CSharpKernel"/>, with
/// <c>#r "nuget: …"</c> wired), set up like the one VS Code starts. Fast, and it sees the same outputs, but it binds
/// to this process's assemblies (FSharp.Core among them), so the real kernel must be tried too. The tool runs it in a
/// worker process (<see cref="WorkerKernel"/>), which a cell may kill without killing the tool.
/// </summary>
internal sealed class InProcessKernel : INotebookKernel
{
    private const string CSharpName = "csharp";

    // The formatter, working directory and culture belong to the whole process, so notebooks take turns.
    private static readonly SemaphoreSlim OneNotebookAtATime = new(1, 1);

    private readonly CompositeKernel kernel;
    private readonly ProcessWideSettings previousSettings;
    private bool cellStillRunning;
    private bool disposed;

    private InProcessKernel(string notebookFolder)
    {
        previousSettings = ProcessWideSettings.Apply(notebookFolder);
        try
        {
            kernel = CreateKernel();
        }
        catch
        {
            previousSettings.Restore();
            throw;
        }
    }

    /// <summary>Waits until no other notebook runs in this process, then starts a fresh kernel.</summary>
    public static async Task<InProcessKernel> StartAsync(string notebookFolder, TimeSpan startTimeout)
    {
        await OneNotebookAtATime.WaitAsync();
        InProcessKernel kernel;
        try
        {
            kernel = new InProcessKernel(notebookFolder);
        }
        catch
        {
            OneNotebookAtATime.Release();
            throw;
        }

        var warmUp = await kernel.ExecuteAsync(INotebookKernel.WarmUpCode, CSharpName, startTimeout);
        if (warmUp.Outcome != CellOutcome.Succeeded)
        {
            await kernel.DisposeAsync();
            throw new InvalidOperationException($"the in-process C# kernel did not start: {warmUp.Message}");
        }

        return kernel;
    }

    public async Task<CellExecution> ExecuteAsync(string code, string kernelName, TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (kernelName is not (CSharpName or "c#" or "C#"))
        {
            return new CellExecution(
                CellOutcome.Failed,
                [],
                $"the cell is written for the \"{kernelName}\" kernel, and the in-process host runs C# only " +
                "(the real kernel, --real-kernel, has the others)");
        }

        var command = new SubmitCode(code, CSharpName);
        KernelCommandResult result;
        try
        {
            result = await kernel.SendAsync(command).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // Code running in this process cannot be stopped from outside; only ending the process stops it.
            cellStillRunning = true;
            return CellExecution.TimedOut(timeout, "it is still running, and code inside this process cannot be stopped");
        }

        var outputs = new CellOutputCollector();
        string? failure = null;
        foreach (var kernelEvent in result.Events)
        {
            switch (kernelEvent)
            {
                case DisplayedValueUpdated updated:
                    outputs.Update(Formats(updated), updated.ValueId);
                    break;
                case StandardOutputValueProduced stdout:
                    outputs.Stream("stdout", PlainText(stdout));
                    break;
                case StandardErrorValueProduced stderr:
                    outputs.Stream("stderr", PlainText(stderr));
                    break;
                case ErrorProduced error:
                    outputs.Error(error.Message);
                    break;
                case DisplayEvent display:
                    // ReturnValueProduced and DisplayedValueProduced.
                    outputs.Display(Formats(display), display.ValueId);
                    break;
                case CommandFailed failed when failed.Command == command || failure is null:
                    failure = failed.Message;
                    break;
            }
        }

        return failure is null
            ? new CellExecution(CellOutcome.Succeeded, outputs.Outputs)
            : new CellExecution(CellOutcome.Failed, outputs.Outputs, failure);
    }

    public ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return ValueTask.CompletedTask;
        }

        disposed = true;
        if (!cellStillRunning)
        {
            // Disposing waits for the running command, which would never come.
            kernel.Dispose();
        }

        previousSettings.Restore();
        OneNotebookAtATime.Release();
        return ValueTask.CompletedTask;
    }

    private static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel()
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = CSharpName;
        csharp.UseNugetDirective(async (k, packages) =>
        {
            k.AddAssemblyReferences(packages.SelectMany(package => package.AssemblyPaths));
            await PackageExtensions.LoadAsync(composite, packages);
        });
        return composite;
    }

    private static IEnumerable<(string MimeType, string Value)> Formats(DisplayEvent display) =>
        display.FormattedValues
            .Where(value => !value.SuppressDisplay)
            .Select(value => (value.MimeType, value.Value));

    private static string PlainText(DisplayEvent display) =>
        string.Concat(display.FormattedValues.Select(value => value.Value));
}
