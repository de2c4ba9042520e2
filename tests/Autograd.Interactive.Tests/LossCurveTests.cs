namespace Autograd.Interactive.Tests;

public class LossCurveTests
{
    public LossCurveTests() => Notebook.Setup();

    [Fact]
    public void Points_go_to_the_loss_series_by_default()
    {
        var curve = LossCurve.Show("demo");

        curve.Add(0, 1.0 / 3);
        curve.Add(1, 0.25);

        var series = Assert.Single(curve.Series);
        Assert.Equal("loss", series.Name);
        Assert.Equal([0.0, 1.0], series.X);
        Assert.Equal([0.333333, 0.25], series.Y);
    }

    [Fact]
    public void Named_series_keep_the_order_they_first_appeared_in()
    {
        var curve = LossCurve.Show();

        curve.Add("train", 0, 2);
        curve.Add("validation", 0, 3);
        curve.Add("train", 1, 1);

        Assert.Equal(["train", "validation"], curve.Series.Select(s => s.Name));
        Assert.Equal([2.0, 1.0], curve.Series[0].Y);
    }

    [Fact]
    public void The_chart_holds_every_point_and_the_title()
    {
        var curve = LossCurve.Show("spiral", logY: true);
        for (int step = 0; step < 5; step++)
        {
            curve.Add(step, 1.0 / (step + 1));
        }

        var html = ChartHtml.Render(curve.ToChart());

        Assert.Contains("\"x\":[0.0,1.0,2.0,3.0,4.0],\"y\":[1.0,0.5,0.333333,0.25,0.2]", html);
        Assert.Contains("\"title\":{\"text\":\"spiral\"}", html);
        Assert.Contains("\"type\":\"log\"", html);
    }

    [Fact]
    public void The_x_axis_is_titled_step_unless_told_otherwise()
    {
        var steps = LossCurve.Show();
        var epochs = LossCurve.Show(xTitle: "epoch");
        steps.Add(1, 1);
        epochs.Add(1, 1);

        Assert.Contains("\"xaxis\":{\"title\":{\"text\":\"step\"},\"type\":\"linear\"}", ChartHtml.Render(steps.ToChart()));
        Assert.Contains("\"xaxis\":{\"title\":{\"text\":\"epoch\"},\"type\":\"linear\"}", ChartHtml.Render(epochs.ToChart()));
    }

    [Fact]
    public void An_empty_curve_still_makes_a_chart()
    {
        var curve = LossCurve.Show();

        Assert.Contains("Plotly.newPlot(", ChartHtml.Render(curve.ToChart()));
    }
}
