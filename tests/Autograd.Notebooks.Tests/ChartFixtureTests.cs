using Autograd.Notebooks.Documents;
using Autograd.Notebooks.Export;
using Autograd.Notebooks.Running;
using Autograd.Notebooks.Verification;

namespace Autograd.Notebooks.Tests;

/// <summary>
/// Fixtures/plotly-chart.ipynb loads Plotly.NET with <c>#r "nuget: …"</c> and draws a chart: the package's kernel
/// extension formats it, verification ignores the chart's random ids, and the HTML page draws it offline.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class ChartFixtureTests
{
    [Fact]
    public async Task A_chart_runs_in_process_verifies_and_gets_plotly_js_beside_its_page()
    {
        var run = await FixtureRuns.RunAsync("plotly-chart.ipynb", KernelHost.InProcess);

        Assert.True(run.Succeeded, run.Failure?.ToString());
        var chart = Assert.IsType<DisplayOutput>(Assert.Single(run.Executed.Cells[2].Outputs)).Data["text/html"];
        Assert.Contains("Plotly.newPlot", chart);
        Assert.Empty(new OutputVerifier(new OutputNormalizer(TestPaths.RepoRoot)).Compare(run.Notebook, run.Executed));

        using var temp = TestPaths.NewTempFolder();
        var artifacts = temp.Path;
        var page = File.ReadAllText(new ArtifactWriter(artifacts).Write(run));
        Assert.Contains("<script src=\"plotly.min.js\"></script>", page);
        Assert.Contains("window.requirejs.config = function () { return window.requirejs; };", page);
        Assert.StartsWith("/**\n* plotly.js v", File.ReadAllText(Path.Combine(artifacts, "plotly.min.js")));
    }

    [Fact]
    public async Task The_real_kernel_cannot_load_plotly_net_6_without_help_which_is_why_both_hosts_run()
    {
        // The frozen kernel tool ships FSharp.Core 10.0; Plotly.NET 6 needs 10.1, which this process has. A notebook
        // must load charts the way src/Autograd.Interactive does to work in VS Code.
        var run = await FixtureRuns.RunAsync("plotly-chart.ipynb", KernelHost.RealKernel);

        var failure = Assert.IsType<NotebookFailure>(run.Failure);
        Assert.Equal(3, failure.CellNumber);
        Assert.StartsWith(
            "System.IO.FileNotFoundException: Could not load file or assembly 'FSharp.Core, Version=10.1.0.0",
            failure.Message);
    }
}
