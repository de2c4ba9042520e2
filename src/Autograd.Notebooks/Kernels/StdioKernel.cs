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
    private const string Kernel = "the kernel process";

    private readonly KernelProcess process;
    private int submissions;
    private bool dead;

    private StdioKernel(KernelProcess process) => this.process = process;

    /// <summary>Restores and starts the tool, and waits until the kernel says it is ready.</summary>
    public static async Task<StdioKernel> StartAsync(string repoRoot, string notebookFolder, TimeSpan startTimeout)
    {
        await DotnetTool.EnsureRestoredAsync(repoRoot);
        var kernel = new StdioKernel(KernelProcess.Start(DotnetTool.KernelStartInfo(repoRoot, notebookFolder)));
        try
        {
            using var timeout = new CancellationTokenSource(startTimeout);
            while (true)
            {
                var kernelEvent = await kernel.process.Events.ReadAsync(timeout.Token);
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
                : $"it exited with code {await kernel.process.ExitCodeAsync()}";
            var stderr = kernel.process.StandardError.Tail();
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
            await process.SendAsync(command);
        }
        catch (IOException)
        {
            var message = $"{Kernel} has exited (code {await process.ExitCodeAsync()}).{process.StandardError.Tail()}";
            await DisposeAsync();
            return new CellExecution(CellOutcome.Failed, [], message);
        }

        var outputs = new CellOutputCollector();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var kernelEvent = await process.Events.ReadAsync(deadline.Token);
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
            return CellExecution.TimedOut(timeout, $"{Kernel} was killed", outputs.Outputs);
        }
        catch (ChannelClosedException)
        {
            var message = await process.DeathMessageAsync(Kernel);
            await DisposeAsync();
            return new CellExecution(CellOutcome.Failed, outputs.Outputs, message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (dead)
        {
            return;
        }

        dead = true;
        await process.DisposeAsync();
    }

    private static IEnumerable<(string MimeType, string Value)> Formats(JsonObject body) =>
        (body["formattedValues"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(format => format["suppressDisplay"]?.GetValue<bool>() != true)
            .Select(format => (
                format["mimeType"]?.GetValue<string>() ?? "text/plain",
                format["value"]?.GetValue<string>() ?? ""));

    private static string? EventType(JsonObject kernelEvent) => kernelEvent["eventType"]?.GetValue<string>();
}
