using Autograd.Notebooks.Cli;

namespace Autograd.Notebooks.Tests;

/// <summary>The command line itself, without running notebooks.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("run", "-h")]
    public async Task Help_describes_the_commands(params string[] args)
    {
        var output = new StringWriter();

        Assert.Equal(0, await NotebookTool.RunAsync(args, output));

        Assert.Contains("Usage: dotnet run --project src/Autograd.Notebooks -- <command>", output.ToString());
        Assert.Contains("// notebook: no-verify", output.ToString());
    }

    [Theory]
    [InlineData("no command given: use run, verify or update")]
    [InlineData("unknown command \"execute\": use run, verify or update", "execute")]
    [InlineData("unknown option \"--fast\"", "run", "--fast")]
    [InlineData("--timeout needs a number of seconds from 0.001 to 86400 (one day)", "run", "--timeout")]
    public async Task A_wrong_command_line_says_what_is_wrong(string message, params string[] args)
    {
        var output = new StringWriter();

        Assert.Equal(2, await NotebookTool.RunAsync(args, output));

        Assert.StartsWith($"error: {message}", output.ToString());
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e9")]
    [InlineData("86400.5")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.0001")]
    public async Task A_timeout_outside_its_range_is_refused_before_any_notebook_runs(string seconds)
    {
        var output = new StringWriter();

        var exitCode = await NotebookTool.RunAsync(
            ["run", "--no-artifacts", "--timeout", seconds, TestPaths.Fixture("passes.ipynb")], output);

        Assert.Equal(2, exitCode);
        Assert.StartsWith(
            $"error: --timeout \"{seconds}\" is not a number of seconds from 0.001 to 86400 (one day)\n\nRuns the notebooks",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("0.001", 1)]
    [InlineData("2.5", 2500)]
    [InlineData("86400", 86_400_000)]
    public void A_timeout_within_its_range_is_taken_in_seconds(string seconds, int milliseconds)
    {
        var options = ToolOptions.Parse(["verify", "--timeout", seconds], out var error, out _);

        Assert.Null(error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), options?.CellTimeout);
    }

    [Fact]
    public async Task A_missing_notebook_is_named()
    {
        var output = new StringWriter();

        Assert.Equal(2, await NotebookTool.RunAsync(["run", "no-such.ipynb"], output, TestPaths.RepoRoot));

        Assert.Equal($"error: no such notebook: {Path.Combine(TestPaths.RepoRoot, "no-such.ipynb")}\n", output.ToString().ReplaceLineEndings("\n"));
    }
}
