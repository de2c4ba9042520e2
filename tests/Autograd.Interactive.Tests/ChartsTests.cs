using Microsoft.DotNet.Interactive.Formatting;

namespace Autograd.Interactive.Tests;

public class ChartsTests
{
    public ChartsTests() => Notebook.Setup();

    private static Plotly.NET.GenericChart TwoLines() =>
        Charts.Line(
            [new Series("f", [1, 2, 3], [1, 4, 9]), new Series("f'", [1, 2, 3], [2, 4, 6.123456789])],
            title: "f and its slope",
            xTitle: "x",
            yTitle: "value");

    [Fact]
    public void A_line_chart_holds_each_series_data_and_name()
    {
        var html = ChartHtml.Render(TwoLines());

        Assert.Contains("\"name\":\"f\",\"mode\":\"lines\",\"x\":[1.0,2.0,3.0],\"y\":[1.0,4.0,9.0]", html);
        Assert.Contains("\"name\":\"f'\",\"mode\":\"lines\",\"x\":[1.0,2.0,3.0],\"y\":[2.0,4.0,6.12346]", html);
    }

    [Fact]
    public void A_line_chart_has_its_titles()
    {
        var html = ChartHtml.Render(TwoLines());

        Assert.Contains("\"title\":{\"text\":\"f and its slope\"}", html);
        Assert.Contains("\"xaxis\":{\"title\":{\"text\":\"x\"}}", html);
        Assert.Contains("\"title\":{\"text\":\"value\"}", html);
    }

    [Fact]
    public void A_chart_is_drawn_by_plotly_js_loaded_through_require()
    {
        var html = ChartHtml.Render(TwoLines());

        Assert.Contains("Plotly.newPlot(", html);
        Assert.Contains("requirejs.config(", html);
    }

    [Fact]
    public void A_chart_shows_as_html_through_the_formatter()
    {
        var chart = TwoLines();

        Assert.Equal(ChartHtml.Render(chart), Formatter.ToDisplayString(chart, "text/html"));
    }

    [Fact]
    public void The_same_chart_gets_the_same_html_every_time()
    {
        Assert.Equal(ChartHtml.Render(TwoLines()), ChartHtml.Render(TwoLines()));
    }

    [Fact]
    public void Different_charts_get_different_div_ids()
    {
        var one = ChartHtml.Render(Charts.Line([new Series("a", [1], [1])]));
        var other = ChartHtml.Render(Charts.Line([new Series("a", [1], [2])]));

        Assert.NotEqual(DivId(one), DivId(other));
    }

    [Fact]
    public void A_logarithmic_axis_is_set_when_asked()
    {
        var html = ChartHtml.Render(Charts.Line([new Series("loss", [1, 2], [1, 0.1])], logY: true));

        Assert.Contains("\"type\":\"log\"", html);
    }

    [Fact]
    public void A_chart_needs_a_series()
    {
        Assert.Throws<ArgumentException>(() => Charts.Line([]));
    }

    [Fact]
    public void A_series_refuses_x_and_y_of_different_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => new Series("bad", [1, 2, 3], [1, 2]));

        Assert.Contains("Series \"bad\": 3 x values but 2 y values", error.Message);
    }

    private static string DivId(string html) => html.Split("<div id=\"")[1].Split('"')[0];
}
