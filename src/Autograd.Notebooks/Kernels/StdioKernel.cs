using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Autograd.Notebooks.Kernels;

/// <summary>
/// The real kernel: the pinned <c>dotnet-interactive</c> tool, started and driven over standard input and output
/// the way VS Code drives it (one JSON command or event per line). A cell that overruns its timeout is stopped by
/// killing the tool's whole process tree.
/// </summary>
internal sealed class StdioKernel : INotebookKernel
{
    private const int StderrLinesKept = 40;

    private readonly Process process;
    private readonly Channel<JsonObject> events = Channel.CreateUnbounded<JsonObject>();
    private readonly Queue<string> stderrTail = new();
    private int submissions;
    private bool dead;

    private StdioKernel(Process process)
    {
        this.process = process;
        _ = Task.Run(ReadEventsAsync);
        _ = Task.Run(ReadStderrAsync);
    }

    /// <summary>Restores and starts the tool, and waits until the kernel says it is ready.</summary>
    public static async Task<StdioKernel> StartAsync(string repoRoot, string notebookFolder, TimeSpan startTimeout)
    {
        await DotnetTool.EnsureRestoredAsync(repoRoot);
        var process = Process.Start(DotnetTool.KernelStartInfo(repoRoot, notebookFolder))
            ?? throw new InvalidOperationException("could not start dotnet-interactive");
        var kernel = new StdioKernel(process);
        try
        {
            using var timeout = new CancellationTokenSource(startTimeout);
            while (true)
            {
                var kernelEvent = await kernel.events.Reader.ReadAsync(timeout.Token);
                if (EventType(kernelEvent) == "KernelReady")
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            var why = e is OperationCanceledException
                ? $"it was not ready within {startTimeout.TotalSeconds:0} s"
                : $"it exited with code {ExitCode(process)}";
            var stderr = kernel.StderrTail();
            await kernel.DisposeAsync();
            throw new InvalidOperationException($"the dotnet-interactive kernel did not start: {why}.{stderr}");
        }

        var warmUp = await kernel.ExecuteAsync(INotebookKernel.WarmUpCode, "csharp", startTimeout);
        if (warmUp.Outcome != CellOutcome.Succeeded)
        {
            await kernel.DisposeAsync();
            throw new InvalidOperationException($"the dotnet-interactive kernel did not start: {warmUp.Message}");
        }

        return kernel;
    }

    public async Task<CellExecution> ExecuteAsync(string code, string kernelName, TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(dead, this);
        var token = $"cell-{++submissions}";
        var command = new JsonObject
        {
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = kernelName },
            ["token"] = token,
            ["id"] = token,
            ["routingSlip"] = new JsonArray(),
        };
        try
        {
            await process.StandardInput.WriteLineAsync(command.ToJsonString());
            await process.StandardInput.FlushAsync();
        }
        catch (IOException)
        {
            var message = $"the kernel process has exited (code {ExitCode(process)}).{StderrTail()}";
            await DisposeAsync();
            return new CellExecution(CellOutcome.Failed, [], message);
        }

        var outputs = new CellOutputCollector();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var kernelEvent = await events.Reader.ReadAsync(deadline.Token);
                var eventToken = kernelEvent["command"]?["token"]?.GetValue<string>();
                if (eventToken is null
                    || (eventToken != token && !eventToken.StartsWith(token + ".", StringComparison.Ordinal)))
                {
                    continue;
                }

                var type = EventType(kernelEvent);
                var body = kernelEvent["event"] as JsonObject ?? [];
                switch (type)
                {
                    case "CommandSucceeded" when eventToken == token:
                        return new CellExecution(CellOutcome.Succeeded, outputs.Outputs);
                    case "CommandFailed" when eventToken == token:
                        return new CellExecution(
                            CellOutcome.Failed, outputs.Outputs, body["message"]?.GetValue<string>() ?? "(no message)");
                    case "ReturnValueProduced" or "DisplayedValueProduced":
                        outputs.Display(Formats(body), body["valueId"]?.GetValue<string>());
                        break;
                    case "DisplayedValueUpdated":
                        outputs.Update(Formats(body), body["valueId"]?.GetValue<string>());
                        break;
                    case "StandardOutputValueProduced":
                        outputs.Stream("stdout", string.Concat(Formats(body).Select(format => format.Value)));
                        break;
                    case "StandardErrorValueProduced":
                        outputs.Stream("stderr", string.Concat(Formats(body).Select(format => format.Value)));
                        break;
                    case "ErrorProduced":
                        outputs.Error(body["message"]?.GetValue<string>() ?? "(no message)");
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            await DisposeAsync();
            return CellExecution.TimedOut(timeout, "the kernel process was killed", outputs.Outputs);
        }
        catch (ChannelClosedException)
        {
            var exitCode = ExitCode(process);
            var stderr = StderrTail();
            await DisposeAsync();
            return new CellExecution(
                CellOutcome.Failed, outputs.Outputs, $"the kernel process exited (code {exitCode}) while running the cell.{stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (dead)
        {
            return;
        }

        dead = true;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private static IEnumerable<(string MimeType, string Value)> Formats(JsonObject body) =>
        (body["formattedValues"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(format => format["suppressDisplay"]?.GetValue<bool>() != true)
            .Select(format => (
                format["mimeType"]?.GetValue<string>() ?? "text/plain",
                format["value"]?.GetValue<string>() ?? ""));

    private static string? EventType(JsonObject kernelEvent) => kernelEvent["eventType"]?.GetValue<string>();

    // Standard output closes a moment before the process is reaped, so allow it that moment.
    private static string ExitCode(Process process) =>
        process.WaitForExit(TimeSpan.FromSeconds(5))
            ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "unknown";

    private async Task ReadEventsAsync()
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                // The tool prints a few plain-text lines too (a banner); only JSON objects are protocol.
                if (!line.StartsWith('{'))
                {
                    continue;
                }

                try
                {
                    if (JsonNode.Parse(line) is JsonObject kernelEvent)
                    {
                        events.Writer.TryWrite(kernelEvent);
                    }
                }
                catch (JsonException)
                {
                    // Not protocol either.
                }
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The process was killed and disposed while reading.
        }
        finally
        {
            events.Writer.TryComplete();
        }
    }

    private async Task ReadStderrAsync()
    {
        try
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (stderrTail)
                {
                    stderrTail.Enqueue(line);
                    if (stderrTail.Count > StderrLinesKept)
                    {
                        stderrTail.Dequeue();
                    }
                }
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The process was killed and disposed while reading.
        }
    }

    private string StderrTail()
    {
        lock (stderrTail)
        {
            return stderrTail.Count == 0 ? "" : "\nIts last error output:\n" + string.Join('\n', stderrTail);
        }
    }
}
