using Autograd.Notebooks.Running;
using Autograd.Notebooks.Verification;

namespace Autograd.Notebooks.Tests;

/// <summary>Fixtures that must fail, and must be reported with the failing cell's number, source and message.</summary>
[Collection(NotebookCollection.Name)]
public sealed class FailingFixtureTests
{
    [Theory]
    [InlineData(nameof(KernelHost.InProcess))]
    [InlineData(nameof(KernelHost.RealKernel))]
    public async Task A_cell_that_throws_stops_the_notebook_and_is_reported(string host)
    {
        var run = await FixtureRuns.RunAsync("throws.ipynb", Enum.Parse<KernelHost>(host));

        var failure = Assert.IsType<NotebookFailure>(run.Failure);
        Assert.Equal(3, failure.CellNumber);
        Assert.False(failure.TimedOut);
        Assert.StartsWith("System.InvalidOperationException: thrown on purpose by the fixture", failure.Message);
        var report = failure.ToString();
        Assert.Contains("throws.ipynb, cell 3 failed:", report);
        Assert.Contains("| throw new InvalidOperationException(\"thrown on purpose by the fixture\");", report);
        // The cell after it did not run.
        Assert.Null(run.Executed.Cells[3].ExecutionCount);
        Assert.Equal(2, run.CellsRun);
    }

    [Theory]
    [InlineData(nameof(KernelHost.InProcess))]
    [InlineData(nameof(KernelHost.RealKernel))]
    public async Task A_cell_that_does_not_compile_is_reported_with_the_compiler_message(string host)
    {
        var run = await FixtureRuns.RunAsync("does-not-compile.ipynb", Enum.Parse<KernelHost>(host));

        var failure = Assert.IsType<NotebookFailure>(run.Failure);
        Assert.Equal(2, failure.CellNumber);
        Assert.Equal("(1,18): error CS0029: Cannot implicitly convert type 'string' to 'int'", failure.Message);
        Assert.Contains("does-not-compile.ipynb, cell 2 failed:", failure.ToString());
    }

    [Fact]
    public async Task A_stack_overflow_in_the_real_kernel_is_reported_as_one_with_the_recursing_frame()
    {
        var run = await FixtureRuns.RunAsync("stack-overflow.ipynb", KernelHost.RealKernel);

        var failure = Assert.IsType<NotebookFailure>(run.Failure);
        Assert.Equal(4, failure.CellNumber);
        Assert.StartsWith(
            "stack overflow: the cell recursed too deeply (endless recursion?), which ended the kernel process (exit code ",
            failure.Message);
        Assert.Matches(@"\nRepeated \d+ times:\n-+\n   at Submission#\d+\.Depth\(Int32\)\n-+$", failure.Message);
        // Not the kernel's own frames below the recursion.
        Assert.DoesNotContain("Microsoft.DotNet.Interactive", failure.Message);
        Assert.Contains("stack-overflow.ipynb, cell 4 failed:\n    | Depth(0)\nstack overflow:", failure.ToString());
    }

    [Fact]
    public async Task A_changed_output_fails_verification_with_a_unified_diff()
    {
        var run = await FixtureRuns.RunAsync("output-changed.ipynb", KernelHost.InProcess);
        Assert.True(run.Succeeded, run.Failure?.ToString());

        var differences = new OutputVerifier(new OutputNormalizer(TestPaths.RepoRoot)).Compare(run.Notebook, run.Executed);

        var difference = Assert.Single(differences);
        Assert.Equal(2, difference.CellNumber);
        Assert.Contains(
            """
            --- committed
            +++ this run
            @@ -1,5 +1,5 @@
             [text/html]
            -<div class="dni-plaintext"><pre>-4</pre></div><style>
            +<div class="dni-plaintext"><pre>-3</pre></div><style>
            """.ReplaceLineEndings("\n"),
            difference.Diff.ReplaceLineEndings("\n"));
        Assert.Contains("output-changed.ipynb, cell 2: the output differs from the committed one", difference.ToString());
    }

    [Fact]
    public async Task A_hanging_cell_in_process_is_killed_at_the_timeout_and_the_next_notebook_runs()
    {
        // The tool runs as a child process, so that a cell it failed to stop cannot hang the tests.
        var result = await ChildProcess.RunToolAsync(
            TimeSpan.FromMinutes(3),
            "run", "--timeout", "5", "--no-artifacts", TestPaths.Fixture("hangs.ipynb"), TestPaths.Fixture("passes.ipynb"));

        var output = result.Output.ReplaceLineEndings("\n");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("hangs.ipynb, cell 2 timed out:", output);
        Assert.Contains("| System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);", output);
        Assert.Contains("the cell did not finish within the per-cell timeout of 5 s; the kernel process was killed\n", output);
        Assert.Contains("ok    tests/Autograd.Notebooks.Tests/Fixtures/passes.ipynb  4 cells in", output);
        Assert.EndsWith("2 notebooks: 1 failed.\n", output);
    }

    [Fact]
    public async Task A_cell_that_kills_its_process_in_process_fails_its_notebook_and_the_run_goes_on()
    {
        // A stack overflow cannot be caught, and Environment.Exit ends whatever process runs the cell: only the
        // kernel's worker process may die. The tool runs as a child process so that a regression cannot kill the tests.
        using var temp = TestPaths.NewTempFolder();
        var result = await ChildProcess.RunToolAsync(
            TimeSpan.FromMinutes(5),
            "run", "--artifacts", temp.Path,
            TestPaths.Fixture("stack-overflow.ipynb"), TestPaths.Fixture("exits.ipynb"), TestPaths.Fixture("passes.ipynb"));

        var output = result.Output.ReplaceLineEndings("\n");
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(
            @"FAIL  tests/Autograd.Notebooks.Tests/Fixtures/stack-overflow.ipynb  3 cells in .*\n" +
            @".*stack-overflow.ipynb, cell 4 failed:\n +\| Depth\(0\)\n" +
            @" +stack overflow: the cell recursed too deeply \(endless recursion\?\), which ended the kernel process \(exit code \d+\)\. The runtime's report:\n" +
            @" +Repeated \d+ times:\n +-+\n +at Submission#\d+\.Depth\(Int32\)\n",
            output);
        Assert.Contains(
            "exits.ipynb, cell 3 failed:\n          | Environment.Exit(3);\n" +
            "      the cell exited the process with code 3 (Environment.Exit ends the kernel, in VS Code too)\n",
            output);
        Assert.Contains("ok    tests/Autograd.Notebooks.Tests/Fixtures/passes.ipynb  4 cells in", output);
        Assert.EndsWith("3 notebooks: 2 failed.\n", output);

        // Each has its page and executed copy, failures included.
        var index = File.ReadAllText(Path.Combine(temp.Path, "index.html"));
        Assert.Contains("<a href=\"stack-overflow.html\">A notebook whose fourth cell recurses forever</a>", index);
        Assert.Contains("<a href=\"exits.html\">A notebook whose third cell ends the process</a>", index);
        Assert.Contains("<a href=\"passes.html\">A notebook that passes</a>", index);
        Assert.Contains("cell 4 failed", File.ReadAllText(Path.Combine(temp.Path, "stack-overflow.html")));
        Assert.Contains("the cell exited the process with code 3", File.ReadAllText(Path.Combine(temp.Path, "exits.ipynb")));
    }

    [Fact]
    public async Task A_hanging_cell_in_the_real_kernel_is_killed_at_the_timeout()
    {
        var run = await FixtureRuns.RunAsync("hangs.ipynb", KernelHost.RealKernel, TimeSpan.FromSeconds(5));

        var failure = Assert.IsType<NotebookFailure>(run.Failure);
        Assert.Equal(2, failure.CellNumber);
        Assert.True(failure.TimedOut);
        Assert.Equal(
            "the cell did not finish within the per-cell timeout of 5 s; the kernel process was killed", failure.Message);
        Assert.Contains("hangs.ipynb, cell 2 timed out:", failure.ToString());
    }

    [Fact]
    public async Task A_kernel_that_cannot_start_is_reported_with_its_error_output()
    {
        // Outside the repository there is no tool manifest, so `dotnet tool run dotnet-interactive` finds no tool.
        using var temp = TestPaths.NewTempFolder();
        var runner = new NotebookRunner(KernelHost.RealKernel, FixtureRuns.CellTimeout, temp.Path);

        var run = await runner.RunAsync(Documents.NotebookDocument.Load(TestPaths.Fixture("passes.ipynb")));

        var failure = Assert.IsType<NotebookFailure>(run.Failure);
        Assert.Null(failure.CellNumber);
        Assert.StartsWith("the dotnet-interactive kernel did not start: it exited with code 1.", failure.Message);
        Assert.Contains("dotnet-interactive", failure.ToString());
        Assert.All(run.Executed.Cells, cell => Assert.Empty(cell.Outputs));
    }
}
