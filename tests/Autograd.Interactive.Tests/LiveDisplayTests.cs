namespace Autograd.Interactive.Tests;

public class LiveDisplayTests
{
    [Fact]
    public void Changes_within_the_interval_are_not_redrawn()
    {
        var shown = new List<object>();
        int content = 0;
        var display = new LiveDisplay(() => content, (value, _) => shown.Add(value), TimeSpan.FromHours(1));

        for (content = 1; content <= 1000; content++)
        {
            display.Changed();
        }

        Assert.Empty(shown);
    }

    [Fact]
    public void A_flush_redraws_the_latest_content_once()
    {
        var shown = new List<object>();
        int content = 0;
        var display = new LiveDisplay(() => content, (value, _) => shown.Add(value), TimeSpan.FromHours(1));
        content = 7;
        display.Changed();

        display.Flush();
        display.Flush();

        Assert.Equal([7], shown);
    }

    [Fact]
    public void With_no_interval_every_change_is_redrawn()
    {
        var shown = new List<object>();
        int content = 0;
        var display = new LiveDisplay(() => content, (value, _) => shown.Add(value), TimeSpan.Zero);

        content = 1;
        display.Changed();
        content = 2;
        display.Changed();

        Assert.Equal([1, 2], shown);
    }

    [Fact]
    public void Outside_a_notebook_nothing_is_drawn()
    {
        int renders = 0;
        var display = LiveDisplay.Show(() => ++renders, TimeSpan.Zero);

        display.Changed();
        display.Flush();

        Assert.Equal(0, renders);
    }
}
