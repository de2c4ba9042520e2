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
    [InlineData("--timeout needs a number of seconds greater than 0", "run", "--timeout", "soon")]
    public async Task A_wrong_command_line_says_what_is_wrong(string message, params string[] args)
    {
        var output = new StringWriter();

        Assert.Equal(2, await NotebookTool.RunAsync(args, output));

        Assert.StartsWith($"error: {message}", output.ToString());
    }

    [Fact]
    public async Task A_missing_notebook_is_named()
    {
        var output = new StringWriter();

        Assert.Equal(2, await NotebookTool.RunAsync(["run", "no-such.ipynb"], output, TestPaths.RepoRoot));

        Assert.Equal($"error: no such notebook: {Path.Combine(TestPaths.RepoRoot, "no-such.ipynb")}\n", output.ToString().ReplaceLineEndings("\n"));
    }
}
