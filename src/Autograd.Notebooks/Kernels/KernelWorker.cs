using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Autograd.Notebooks.Kernels;

/// <summary>
/// The worker side of <see cref="WorkerKernel"/>: this tool started as <c>kernel-worker</c> runs notebooks, one at a
/// time, each in a fresh <see cref="InProcessKernel"/>. It reads one command per line on standard input and answers
/// each on standard output:
/// <list type="bullet">
/// <item><c>{"command": "open", "folder": …}</c> starts a notebook's kernel: <c>ready</c>, or <c>failed</c> with a message;</item>
/// <item><c>{"command": "run", "code": …, "kernelName": …}</c> runs a cell: <c>result</c>, with its outcome, message and outputs;</item>
/// <item><c>{"command": "close"}</c> ends the notebook's kernel: <c>closed</c>.</item>
/// </list>
/// When the process ends under a cell it says why if it can: <c>exiting</c> with the code a cell passed to
/// <see cref="Environment.Exit"/>, or <c>unhandled</c> with an exception thrown on another thread. A stack overflow
/// gives no event; the runtime reports it on standard error.
/// </summary>
internal static class KernelWorker
{
    /// <summary>The command line word that starts the tool as a worker.</summary>
    public const string Command = "kernel-worker";

    private static readonly object WriteLock = new();
    private static TextWriter? protocol;
    private static volatile bool toolGone;

    /// <summary>Runs commands until the tool closes standard input, then exits the process.</summary>
    public static async Task<int> RunAsync()
    {
        protocol = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
        // The protocol owns standard output and input: what a notebook writes outside a cell's captured output goes
        // to standard error, and nothing a cell reads can swallow a command.
        Console.SetOut(Console.Error);
        Console.SetIn(TextReader.Null);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!toolGone)
            {
                Send(new JsonObject { ["event"] = "exiting", ["code"] = Environment.ExitCode });
            }
        };
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            Send(new JsonObject { ["event"] = "unhandled", ["message"] = e.ExceptionObject.ToString() });

        var commands = Channel.CreateUnbounded<JsonObject>();
        _ = Task.Run(async () =>
        {
            while (await input.ReadLineAsync() is { } line)
            {
                commands.Writer.TryWrite(JsonNode.Parse(line)!.AsObject());
            }

            // The tool has finished, or died: a cell still running must not outlive it.
            toolGone = true;
            Environment.Exit(0);
        });

        InProcessKernel? kernel = null;
        await foreach (var command in commands.Reader.ReadAllAsync())
        {
            switch (command["command"]?.GetValue<string>())
            {
                case "open":
                    try
                    {
                        // The tool times the start and each cell, and ends this process when one overruns.
                        kernel = await InProcessKernel.StartAsync(command["folder"]!.GetValue<string>(), Timeout.InfiniteTimeSpan);
                        Send(new JsonObject { ["event"] = "ready" });
                    }
                    catch (InvalidOperationException e)
                    {
                        Send(new JsonObject { ["event"] = "failed", ["message"] = e.Message });
                    }

                    break;
                case "run" when kernel is not null:
                    var result = await kernel.ExecuteAsync(
                        command["code"]!.GetValue<string>(), command["kernelName"]!.GetValue<string>(), Timeout.InfiniteTimeSpan);
                    Send(new JsonObject
                    {
                        ["event"] = "result",
                        ["outcome"] = result.Outcome.ToString(),
                        ["message"] = result.Message,
                        ["outputs"] = new JsonArray(result.Outputs.Select(output => (JsonNode?)output.ToJson()).ToArray()),
                    });
                    break;
                case "close":
                    if (kernel is not null)
                    {
                        await kernel.DisposeAsync();
                        kernel = null;
                    }

                    Send(new JsonObject { ["event"] = "closed" });
                    break;
                default:
                    Send(new JsonObject { ["event"] = "failed", ["message"] = $"not a command now: {command.ToJsonString()}" });
                    break;
            }
        }

        return 0;
    }

    private static void Send(JsonObject message)
    {
        lock (WriteLock)
        {
            try
            {
                protocol?.WriteLine(message.ToJsonString());
                protocol?.Flush();
            }
            catch (IOException)
            {
                // The tool has gone; nobody is listening.
            }
        }
    }
}
