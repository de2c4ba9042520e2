using System.Globalization;
using Autograd.Notebooks.Apps;
using Autograd.Notebooks.Documents;
using Autograd.Notebooks.Export;
using Autograd.Notebooks.Running;
using Autograd.Notebooks.Verification;

namespace Autograd.Notebooks.Cli;

/// <summary>One invocation: runs the notebooks in turn, reporting as it goes.</summary>
internal sealed class ToolSession(ToolOptions options, string repoRoot, ArtifactWriter? artifacts, TextWriter output)
{
    private readonly NotebookRunner runner = new(options.Host, options.CellTimeout, repoRoot);
    private readonly OutputNormalizer normalizer = new(repoRoot);

    public async Task<int> RunAllAsync(IReadOnlyList<string> notebooks)
    {
        var runs = new List<NotebookRun>();
        int failed = 0, differ = 0;
        foreach (var path in notebooks)
        {
            var (run, differences) = await RunOneAsync(path);
            failed += run is not { Succeeded: true } ? 1 : 0;
            differ += differences > 0 ? 1 : 0;
            if (run is not null)
            {
                runs.Add(run);
            }
        }

        if (artifacts is not null && runs.Count > 0)
        {
            output.WriteLine($"HTML pages: {artifacts.WriteIndex(runs)}");
        }

        var problems = new[]
        {
            failed > 0 ? $"{failed} failed" : null,
            differ > 0 ? $"{differ} {(differ == 1 ? "differs" : "differ")} from the committed outputs" : null,
        }.OfType<string>().ToArray();
        output.WriteLine(problems.Length > 0
            ? $"{Plural(notebooks.Count, "notebook")}: {string.Join(", ", problems)}."
            : $"{Plural(notebooks.Count, "notebook")}: all ran" +
              (options.Command == ToolCommand.Verify ? " and matched their committed outputs." : "."));
        return failed + differ == 0 ? 0 : 1;
    }

    /// <summary>Runs, reports and records one notebook; returns the run (null if unreadable) and how many cells differ.</summary>
    private async Task<(NotebookRun? Run, int Differences)> RunOneAsync(string path)
    {
        var shownPath = Path.GetRelativePath(repoRoot, path);
        NotebookDocument notebook;
        try
        {
            notebook = NotebookDocument.Load(path);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"FAIL  {shownPath}: cannot read it: {(e as NotebookFormatException)?.Problem ?? e.Message}");
            return (null, 0);
        }

        var run = await runner.RunAsync(notebook);
        var differences = options.Command == ToolCommand.Verify && run.Succeeded
            ? new OutputVerifier(normalizer).Compare(notebook, run.Executed)
            : [];
        var hasApp = AppFile.Expected(notebook, repoRoot);
        var staleApp = options.Command == ToolCommand.Verify && hasApp ? AppFile.Check(notebook) : null;
        IReadOnlyList<int> updated = [];
        string? appWritten = null;
        if (options.Command == ToolCommand.Update && run.Succeeded)
        {
            updated = new OutputUpdater(normalizer).Update(notebook, run.Executed);
            notebook.Save();
            appWritten = hasApp ? AppFile.Update(notebook) : null;
        }

        var page = artifacts?.Write(run);
        var ok = run.Succeeded && differences.Count == 0 && staleApp is null;
        var status = !run.Succeeded ? "FAIL" : differences.Count > 0 || staleApp is not null ? "DIFF" : "ok";
        var host = run.Host == KernelHost.InProcess ? "in-process" : "real kernel";
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{status,-5} {shownPath}  {Plural(run.CellsRun, "cell")} in {run.Elapsed.TotalSeconds:0.0} s ({host})"));
        if (run.Failure is { } failure)
        {
            output.WriteLine(Indent(failure.ToString()));
        }

        foreach (var difference in differences)
        {
            output.WriteLine(Indent(difference.ToString()));
        }

        if (staleApp is not null)
        {
            output.WriteLine(Indent(staleApp));
        }

        if (appWritten is not null)
        {
            output.WriteLine(Indent(appWritten));
        }

        if (options.Command == ToolCommand.Update && run.Succeeded)
        {
            output.WriteLine(updated.Count == 0
                ? "      outputs unchanged"
                : $"      new outputs in {(updated.Count == 1 ? "cell" : "cells")} {string.Join(", ", updated)}");
        }

        if (page is not null && !ok)
        {
            output.WriteLine($"      page: {page}");
        }

        return (run, differences.Count + (staleApp is null ? 0 : 1));
    }

    private static string Indent(string text) =>
        string.Join('\n', text.Split('\n').Select(line => "      " + line));

    private static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
