namespace Autograd.Interactive.Tests;

public class ProgressTests
{
    [Fact]
    public void A_report_records_the_step_and_loss()
    {
        using var progress = Progress.Start(100, "fit");

        progress.Report(40, 1.0 / 3);

        Assert.Equal(40, progress.Step);
        Assert.Equal(1.0 / 3, progress.Loss);
        Assert.StartsWith("fit: step 40/100, loss 0.333333, ", progress.ToString());
        Assert.EndsWith(" s", progress.ToString());
    }

    [Fact]
    public void Before_the_first_report_no_loss_is_shown()
    {
        using var progress = Progress.Start(10);

        Assert.StartsWith("training: step 0/10, ", progress.ToString());
        Assert.DoesNotContain("loss", progress.ToString());
    }

    [Fact]
    public void Disposing_marks_it_done_and_stops_the_clock()
    {
        var progress = Progress.Start(3);
        progress.Report(3, 0.5);

        progress.Dispose();
        var elapsed = progress.Elapsed;
        Thread.Sleep(20);

        Assert.EndsWith(", done", progress.ToString());
        Assert.Equal(elapsed, progress.Elapsed);
    }

    [Fact]
    public void Reporting_the_last_step_finishes_it()
    {
        var progress = Progress.Start(2);

        progress.Report(1, 0.5);
        Assert.DoesNotContain("done", progress.ToString());
        progress.Report(2, 0.25);

        Assert.EndsWith(", done", progress.ToString());
    }

    [Fact]
    public void The_html_has_a_progress_bar()
    {
        using var progress = Progress.Start(8);
        progress.Report(2, 1);

        Assert.StartsWith("<div class=\"autograd-progress\"><progress max=\"8\" value=\"2\"></progress> training: step 2/8, loss 1, ", progress.ToHtml());
    }

    [Fact]
    public void The_elapsed_time_is_written_with_a_decimal_point_under_a_German_culture()
    {
        using var german = CultureScope.German();
        using var progress = Progress.Start(1);

        Assert.Matches(@", \d+\.\d s$", progress.ToString());
    }

    [Fact]
    public void A_total_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Progress.Start(0));
    }
}
