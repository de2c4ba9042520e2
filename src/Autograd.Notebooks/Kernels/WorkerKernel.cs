using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Kernels;

/// <summary>
/// The in-process host's C# kernel (<see cref="InProcessKernel"/>), run in a worker process: this tool started again
/// as <see cref="KernelWorker"/>. A cell that overflows the stack, calls <see cref="Environment.Exit"/> or overruns
/// its timeout ends only the worker: the cell is reported as failed, and the next notebook gets a new worker.
/// </summary>
/// <remarks>
/// Notebooks take turns in one worker, each in a fresh kernel, as they took turns in this process before: starting a
/// worker per notebook would cost its compiler warm-up (seconds of processor time) every time.
/// </remarks>
internal sealed class WorkerKernel : INotebookKernel
{
    private const string Kernel = "the kernel process";

    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    // The worker is shared by every notebook this process runs, one at a time.
    private static readonly SemaphoreSlim OneNotebookAtATime = new(1, 1);
    private static KernelProcess? idleWorker;

    private KernelProcess? worker;
    private bool disposed;

    private WorkerKernel(KernelProcess worker) => this.worker = worker;

    /// <summary>
    /// Waits until no other notebook runs, then starts a kernel for a notebook in <paramref name="notebookFolder"/> in
    /// the worker (starting the worker first if there is none).
    /// </summary>
    public static async Task<WorkerKernel> StartAsync(string notebookFolder, TimeSpan startTimeout)
    {
        await OneNotebookAtATime.WaitAsync();
        if (idleWorker is { IsRunning: false } dead)
        {
            // Something the last notebook left running ended it between notebooks.
            await dead.DisposeAsync();
            idleWorker = null;
        }

        KernelProcess worker;
        try
        {
            worker = idleWorker ?? StartWorker();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            OneNotebookAtATime.Release();
            throw new InvalidOperationException($"the in-process C# kernel did not start: its worker process did not ({e.Message})", e);
        }

        var kernel = new WorkerKernel(worker);
        idleWorker = null;
        string why;
        try
        {
            using var timeout = new CancellationTokenSource(startTimeout);
            await kernel.worker!.SendAsync(new JsonObject { ["command"] = "open", ["folder"] = notebookFolder });
            var answer = await kernel.worker.Events.ReadAsync(timeout.Token);
            if (Field(answer, "event") == "ready")
            {
                return kernel;
            }

            why = Field(answer, "message") ?? $"it answered {answer.ToJsonString()}";
        }
        catch (OperationCanceledException)
        {
            why = $"it was not ready within {startTimeout.TotalSeconds:0} s.{kernel.worker!.StandardError.Tail()}";
        }
        catch (Exception e) when (e is ChannelClosedException or IOException)
        {
            why = $"its process exited (code {await kernel.worker!.ExitCodeAsync()}).{kernel.worker.StandardError.Tail()}";
        }

        await kernel.EndWorkerAsync();
        await kernel.DisposeAsync();
        throw new InvalidOperationException($"the in-process C# kernel did not start: {why}");
    }

    public async Task<CellExecution> ExecuteAsync(string code, string kernelName, TimeSpan timeout)
    {
        var process = worker ?? throw new ObjectDisposedException(nameof(WorkerKernel));
        // What the worker said, if anything, as its process ended under the cell.
        int? exitCode = null;
        string? unhandled = null;
        try
        {
            await process.SendAsync(new JsonObject { ["command"] = "run", ["code"] = code, ["kernelName"] = kernelName });
            using var deadline = new CancellationTokenSource(timeout);
            while (true)
            {
                var workerEvent = await process.Events.ReadAsync(deadline.Token);
                switch (Field(workerEvent, "event"))
                {
                    case "result":
                        return Result(workerEvent);
                    case "exiting":
                        exitCode = workerEvent["code"]?.GetValue<int>();
                        break;
                    case "unhandled":
                        unhandled = Field(workerEvent, "message");
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            await EndWorkerAsync();
            return CellExecution.TimedOut(timeout, $"{Kernel} was killed");
        }
        catch (Exception e) when (e is ChannelClosedException or IOException)
        {
            var message = exitCode is { } exited
                ? $"the cell exited the process with code {exited.ToString(CultureInfo.InvariantCulture)} " +
                  "(Environment.Exit ends the kernel, in VS Code too)"
                : unhandled is not null
                    ? $"an exception that nothing caught, on another thread, ended {Kernel}:\n{unhandled}"
                    : await process.DeathMessageAsync(Kernel);
            await EndWorkerAsync();
            return new CellExecution(CellOutcome.Failed, [], message);
        }
    }

    /// <summary>Ends the notebook's kernel and hands the worker, if it lives, to the next notebook.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (worker is { } process)
        {
            try
            {
                using var timeout = new CancellationTokenSource(CloseTimeout);
                await process.SendAsync(new JsonObject { ["command"] = "close" });
                while (Field(await process.Events.ReadAsync(timeout.Token), "event") != "closed")
                {
                }

                idleWorker = process;
                worker = null;
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException or IOException)
            {
                await EndWorkerAsync();
            }
        }

        OneNotebookAtATime.Release();
    }

    private static KernelProcess StartWorker()
    {
        var start = new ProcessStartInfo(DotnetTool.DotnetExecutable);
        start.ArgumentList.Add(typeof(WorkerKernel).Assembly.Location);
        start.ArgumentList.Add(KernelWorker.Command);
        return KernelProcess.Start(start);
    }

    private static CellExecution Result(JsonObject result)
    {
        var outputs = (result["outputs"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(CellOutput.FromJson)
            .ToArray();
        return Enum.TryParse<CellOutcome>(Field(result, "outcome"), out var outcome)
            ? new CellExecution(outcome, outputs, Field(result, "message"))
            : new CellExecution(CellOutcome.Failed, outputs, $"the worker answered {result.ToJsonString()}");
    }

    private static string? Field(JsonObject message, string name) => message[name]?.GetValue<string>();

    /// <summary>Kills the worker (a cell in it overran, or it died); the next notebook starts another.</summary>
    private async Task EndWorkerAsync()
    {
        if (worker is { } process)
        {
            worker = null;
            await process.DisposeAsync();
        }
    }
}
