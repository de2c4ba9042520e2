using System.Globalization;
using Autograd.Notebooks.Running;

namespace Autograd.Notebooks.Cli;

/// <summary>The parsed command line.</summary>
/// <param name="Command">run, verify or update.</param>
/// <param name="Notebooks">The notebook files given; empty means every notebooks/*.ipynb.</param>
/// <param name="Host">Where cells run.</param>
/// <param name="CellTimeout">The per-cell timeout.</param>
/// <param name="WriteArtifacts">Whether to write executed notebooks and HTML pages.</param>
/// <param name="ArtifactsDirectory">Where they go, as given; null for <see cref="DefaultArtifactsDirectory"/>.</param>
internal sealed record ToolOptions(
    ToolCommand Command,
    IReadOnlyList<string> Notebooks,
    KernelHost Host,
    TimeSpan CellTimeout,
    bool WriteArtifacts,
    string? ArtifactsDirectory)
{
    /// <summary>The artifacts folder used unless one is given, relative to the repository root.</summary>
    public const string DefaultArtifactsDirectory = "artifacts/notebooks";

    /// <summary>The shortest per-cell timeout accepted, in seconds.</summary>
    public const double MinimumTimeoutSeconds = 0.001;

    /// <summary>The longest per-cell timeout accepted, in seconds: a day (timers take at most about 24.8 days).</summary>
    public const double MaximumTimeoutSeconds = 86_400;

    private const string TimeoutRange = "a number of seconds from 0.001 to 86400 (one day)";

    /// <summary>The help text.</summary>
    public const string Usage = """
        Runs the notebooks headlessly, checks their outputs, and writes HTML pages of them.

        Usage: dotnet run --project src/Autograd.Notebooks -- <command> [options] [notebook.ipynb ...]

        Commands:
          run       Execute each notebook in a fresh kernel, cell by cell, stopping a notebook at its first failing
                    cell. Writes each executed notebook and an HTML page of it, with an index page, to the
                    artifacts folder.
          verify    As run, then compare each code cell's text output with the output committed in the notebook,
                    and show any difference as a unified diff. Ids, GUIDs, durations and absolute paths are
                    normalised first; a cell containing the comment `// notebook: no-verify` is not compared.
                    A notebook whose app (notebooks/NN-name.cs) is missing or out of date differs too.
          update    As run, then write the new outputs (and cell ids) into the notebooks themselves, after a
                    deliberate change, and each notebook's app beside it. Notebooks with a failing cell are left
                    as they are.

        Notebooks default to every notebooks/*.ipynb in name order. Each runs with its own folder as the working
        directory. A notebook that cannot be read, or whose kernel dies (a stack overflow, Environment.Exit), fails
        on its own, and the next one runs.

        Options:
          --real-kernel           Run in the dotnet-interactive tool pinned in .config/dotnet-tools.json, the kernel
                                  VS Code starts, instead of the tool's own C# kernel (run in a worker process).
          --timeout <seconds>     Per-cell timeout, from 0.001 to 86400 (default 300). A cell that overruns fails,
                                  and its kernel's process is killed.
          --artifacts <folder>    Where to write executed notebooks and HTML (default artifacts/notebooks under the
                                  repository root).
          --no-artifacts          Write no executed notebooks or HTML.
          -h, --help              Show this help.

        Exit code: 0 when every notebook ran (and, for verify, matched); 1 when one failed or differed; 2 when
        the command line was wrong.
        """;

    /// <summary>Parses <paramref name="args"/>; null with an error message when they are wrong, or for help.</summary>
    public static ToolOptions? Parse(IReadOnlyList<string> args, out string? error, out bool helpRequested)
    {
        error = null;
        helpRequested = args.Any(arg => arg is "-h" or "--help" or "-?" or "help");
        if (helpRequested)
        {
            return null;
        }

        if (args.Count == 0)
        {
            error = "no command given: use run, verify or update";
            return null;
        }

        ToolCommand command;
        switch (args[0])
        {
            case "run":
                command = ToolCommand.Run;
                break;
            case "verify":
                command = ToolCommand.Verify;
                break;
            case "update":
                command = ToolCommand.Update;
                break;
            default:
                error = $"unknown command \"{args[0]}\": use run, verify or update";
                return null;
        }

        var notebooks = new List<string>();
        var host = KernelHost.InProcess;
        var timeout = NotebookRunner.DefaultCellTimeout;
        var writeArtifacts = true;
        string? artifacts = null;
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--real-kernel":
                    host = KernelHost.RealKernel;
                    break;
                case "--no-artifacts":
                    writeArtifacts = false;
                    break;
                case "--timeout":
                    if (i + 1 >= args.Count)
                    {
                        error = $"--timeout needs {TimeoutRange}";
                        return null;
                    }

                    // NaN fails both comparisons.
                    if (!double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                        || !(seconds >= MinimumTimeoutSeconds && seconds <= MaximumTimeoutSeconds))
                    {
                        error = $"--timeout \"{args[i]}\" is not {TimeoutRange}";
                        return null;
                    }

                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "--artifacts":
                    if (i + 1 >= args.Count)
                    {
                        error = "--artifacts needs a folder";
                        return null;
                    }

                    artifacts = args[++i];
                    break;
                case var option when option.StartsWith('-'):
                    error = $"unknown option \"{option}\"";
                    return null;
                default:
                    notebooks.Add(args[i]);
                    break;
            }
        }

        return new ToolOptions(command, notebooks, host, timeout, writeArtifacts, artifacts);
    }
}
