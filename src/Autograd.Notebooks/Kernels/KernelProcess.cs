using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Autograd.Notebooks.Kernels;

/// <summary>
/// A kernel running in a process of its own, spoken to in JSON lines: commands go to its standard input, and each
/// line it writes to standard output that is a JSON object is an event. What it writes to standard error is kept to
/// explain its death. Disposing kills its whole process tree, which is also how a cell that overran is stopped.
/// </summary>
internal sealed class KernelProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<JsonObject> events = Channel.CreateUnbounded<JsonObject>();
    private readonly Task stderrRead;
    private bool disposed;

    private KernelProcess(Process process)
    {
        this.process = process;
        _ = Task.Run(ReadEventsAsync);
        stderrRead = Task.Run(ReadStandardErrorAsync);
    }

    /// <summary>The events, in order; completed when the process closes its standard output (it ended).</summary>
    public ChannelReader<JsonObject> Events => events.Reader;

    /// <summary>Whether the process is still running (and not disposed).</summary>
    public bool IsRunning => !disposed && !process.HasExited;

    /// <summary>Everything it wrote to standard error that may explain its death.</summary>
    public StandardErrorRecord StandardError { get; } = new();

    /// <summary>Starts <paramref name="start"/> with its three standard streams redirected, as UTF-8.</summary>
    public static KernelProcess Start(ProcessStartInfo start)
    {
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardInputEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        start.StandardOutputEncoding = System.Text.Encoding.UTF8;
        start.StandardErrorEncoding = System.Text.Encoding.UTF8;
        var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {start.FileName}");
        return new KernelProcess(process);
    }

    /// <summary>Writes one command line; throws <see cref="IOException"/> if the process has gone.</summary>
    public async Task SendAsync(JsonObject command)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await process.StandardInput.WriteLineAsync(command.ToJsonString());
        await process.StandardInput.FlushAsync();
    }

    /// <summary>
    /// Once its standard output has closed: waits a moment for the process to be reaped and for the rest of its error
    /// output, and returns its exit code ("unknown" if it does not end).
    /// </summary>
    public async Task<string> ExitCodeAsync()
    {
        using var moment = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(moment.Token);
            await stderrRead.WaitAsync(moment.Token);
            return process.ExitCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException)
        {
            return process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";
        }
    }

    /// <summary>
    /// Why the process ended while a cell ran, for the cell's failure: a stack overflow the runtime reported, or else
    /// its exit code and last error output.
    /// </summary>
    public async Task<string> DeathMessageAsync(string kernel)
    {
        var exitCode = await ExitCodeAsync();
        return StandardError.StackOverflow is { } frames
            ? $"stack overflow: the cell recursed too deeply (endless recursion?), which ended {kernel} (exit code " +
              $"{exitCode}). The runtime's report:\n{frames}".TrimEnd()
            : $"{kernel} exited (code {exitCode}) while running the cell.{StandardError.Tail()}";
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
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

    private async Task ReadEventsAsync()
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                // A kernel may print a few plain-text lines too (a banner); only JSON objects are protocol.
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

    private async Task ReadStandardErrorAsync()
    {
        try
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                StandardError.Add(line);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The process was killed and disposed while reading.
        }
    }
}
