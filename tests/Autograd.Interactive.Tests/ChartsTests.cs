using System.Text.RegularExpressions;
using System.Xml.Linq;
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
        Assert.Contains("\"xaxis\":{\"title\":{\"text\":\"x\"},\"type\":\"linear\"}", html);
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
    public void A_logarithmic_axis_is_set_when_asked_with_ticks_labelled_as_plain_numbers()
    {
        var html = ChartHtml.Render(Charts.Line([new Series("loss", [1, 2], [1, 0.1])], logY: true));

        // log10 spans -1 to 0, padded by a twentieth at each end: 1.1 decades, so ticks at 1, 2, 3, 5 and 7 per decade.
        Assert.Contains(
            "\"yaxis\":{\"title\":{\"text\":\"\"},\"type\":\"log\",\"tickmode\":\"array\"," +
            "\"tickvals\":[0.1,0.2,0.3,0.5,0.7,1.0],\"ticktext\":[\"0.1\",\"0.2\",\"0.3\",\"0.5\",\"0.7\",\"1\"]}",
            html);
        Assert.Equal(["0.1", "0.2", "0.3", "0.5", "0.7", "1"], StaticTexts(html).Where(text => text.Anchor == "end").Select(text => text.Value));
    }

    [Fact]
    public void The_x_axis_can_be_logarithmic_too()
    {
        var html = ChartHtml.Render(Charts.Line([new Series("time", [16, 32, 64, 128, 256, 512, 1024], [1, 8, 64, 512, 4096, 32768, 262144])], logX: true, logY: true));

        // x spans 1.8 decades (1, 2 and 5 per decade); y spans 5.4 (the powers of ten only).
        Assert.Contains("\"xaxis\":{\"title\":{\"text\":\"\"},\"type\":\"log\",\"tickmode\":\"array\",\"tickvals\":[20.0,50.0,100.0,200.0,500.0,1000.0]", html);
        Assert.Contains("\"ticktext\":[\"1\",\"10\",\"100\",\"1000\",\"10000\",\"100000\"]", html);
    }

    [Fact]
    public void A_chart_carries_a_static_drawing_that_the_live_chart_replaces()
    {
        var html = ChartHtml.Render(TwoLines());
        var id = DivId(html);

        // The drawing comes first, in a div of its own; plotly.js draws into the next one and then removes the drawing.
        Assert.StartsWith($"<div><div id=\"{id}-static\"><svg ", html);
        Assert.Contains($"</svg>\n</div><div id=\"{id}\">", html);
        Assert.Contains(
            $"Plotly.newPlot('{id}', data, layout, config).then(function () {{ var drawing = document.getElementById('{id}-static'); if (drawing) {{ drawing.remove(); }} }});",
            html);
    }

    [Fact]
    public void The_static_drawing_shows_the_titles_the_legend_and_each_line()
    {
        var svg = StaticSvg(ChartHtml.Render(TwoLines()));
        XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.Equal("0 0 600 450", svg.Attribute("viewBox")!.Value);
        Assert.Equal("max-width: 100%; height: auto", svg.Attribute("style")!.Value);
        var texts = svg.Descendants(ns + "text").Select(text => text.Value).ToList();
        Assert.Contains("f and its slope", texts);
        Assert.Contains("x", texts);
        Assert.Contains("value", texts);
        Assert.Contains("f", texts);
        Assert.Contains("f'", texts);

        // The lines take the template's colours. x runs from 1 to 3 exactly, in steps of 0.5; y from 1 to 9, so 4 lies 3/8 of the way up.
        Assert.Equal(["1", "1.5", "2", "2.5", "3"], texts.Take(5));
        var lines = svg.Descendants(ns + "path").Where(path => (string?)path.Attribute("class") == "trace").ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("rgba(99, 110, 250, 1.0)", lines[0].Attribute("stroke")!.Value);
        Assert.Equal("rgba(239, 85, 59, 1.0)", lines[1].Attribute("stroke")!.Value);
        var points = lines[0].Attribute("d")!.Value.Split(' ').Select(point => point.TrimStart('M', 'L').Split(',').Select(n => double.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(3, points.Count);
        Assert.Equal(points[1][0] - points[0][0], points[2][0] - points[1][0], 1);
        double bottom = points[0][1], top = points[2][1];
        Assert.InRange((bottom - points[1][1]) / (bottom - top), 0.374, 0.376);
    }

    [Fact]
    public void A_chart_fits_the_page_width_with_its_legend_above_the_plot()
    {
        var html = ChartHtml.Render(TwoLines());

        Assert.DoesNotContain("\"width\":600", html);
        Assert.Contains("\"height\":450", html);
        Assert.Contains("\"autosize\":true", html);
        Assert.Contains("\"legend\":{\"orientation\":\"h\",\"x\":0,\"xanchor\":\"left\",\"y\":1.02,\"yanchor\":\"bottom\"}", html);
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

    private static string DivId(string html) => Regex.Match(html, "<div id=\"([0-9a-f-]{36})\">").Groups[1].Value;

    private static XElement StaticSvg(string html) =>
        XDocument.Parse(html[html.IndexOf("<svg ", StringComparison.Ordinal)..(html.IndexOf("</svg>", StringComparison.Ordinal) + 6)]).Root!;

    private static IEnumerable<(string Value, string? Anchor)> StaticTexts(string html) =>
        StaticSvg(html).Descendants("{http://www.w3.org/2000/svg}text").Select(text => (text.Value, (string?)text.Attribute("text-anchor")));
}
