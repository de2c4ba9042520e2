using System.Xml.Linq;
using Autograd.Data;
using Autograd.NN;
using Microsoft.DotNet.Interactive.Formatting;

namespace Autograd.Interactive.Tests;

public class DecisionBoundaryTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    public DecisionBoundaryTests() => Notebook.Setup();

    /// <summary>Class 1 right of the y axis, class 0 left of it.</summary>
    private static int[] RightHalf(Tensor points) =>
        Enumerable.Range(0, points.Rows).Select(i => points[i, 0] > 0 ? 1 : 0).ToArray();

    /// <summary>The rects of the predicted regions (inside the crisp-edged group).</summary>
    private static List<XElement> Regions(XDocument svg) =>
        svg.Descendants(SvgNs + "g").First(g => (string?)g.Attribute("shape-rendering") == "crispEdges").Elements(SvgNs + "rect").ToList();

    private static List<XElement> Dots(XDocument svg) =>
        svg.Descendants(SvgNs + "g").Single(g => g.Attribute("stroke") is not null).Elements(SvgNs + "circle").ToList();

    [Fact]
    public void The_spiral_is_drawn_as_regions_of_merged_runs_with_every_point_on_top()
    {
        var (x, y) = Datasets.Spiral(100, 3, 0);

        var image = Charts.DecisionBoundary(RightHalf, x, y, resolution: 50, title: "half-planes");

        var svg = XDocument.Parse(image.Svg);
        Assert.Equal(SvgNs + "svg", svg.Root!.Name);
        var regions = Regions(svg);
        int gridRows = regions.Select(r => r.Attribute("y")!.Value).Distinct().Count();

        // Every row of the grid is two runs, class 0 then class 1, whatever its width in cells.
        Assert.Equal(2 * gridRows, regions.Count);
        Assert.InRange(gridRows, 45, 50);
        Assert.Equal(300, Dots(svg).Count);
        Assert.Equal(
            y.Select(k => SvgMarkup.ClassColour(k)),
            Dots(svg).Select(d => d.Attribute("fill")!.Value));
        Assert.Contains("half-planes", svg.Descendants(SvgNs + "text").Select(t => t.Value));
        Assert.StartsWith("half-planes: 300 points in 3 classes over a 50×", image.Text);
    }

    [Fact]
    public void Regions_are_tinted_class_colours_and_the_accuracy_is_the_classifier_s_on_the_points()
    {
        var (x, y) = Datasets.Spiral(100, 3, 0);
        int correct = RightHalf(x).Zip(y).Count(p => p.First == p.Second);

        var svg = XDocument.Parse(Charts.DecisionBoundary(RightHalf, x, y, resolution: 20).Svg);

        var fills = Regions(svg).Select(r => r.Attribute("fill")!.Value).Distinct().ToList();
        Assert.Equal([SvgMarkup.ClassColour(0, 0.65), SvgMarkup.ClassColour(1, 0.65)], fills);
        var accuracy = (100.0 * correct / 300).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(svg.Descendants(SvgNs + "text"), t => t.Value.EndsWith($"accuracy {accuracy}%", StringComparison.Ordinal));
    }

    [Fact]
    public void A_model_classifies_by_its_largest_output_without_recording_a_graph()
    {
        var (x, y) = Datasets.Spiral(30, 2, 1);

        // Outputs (-x, x): the second is larger exactly where x > 0, as RightHalf says.
        var layer = new Linear(2, 2);
        layer.Weight.SetFrom([-1, 1, 0, 0]);
        layer.Bias.SetFrom([0, 0]);

        var fromModel = Charts.DecisionBoundary(layer, x, y, resolution: 30);

        Assert.Equal(Charts.DecisionBoundary(RightHalf, x, y, resolution: 30).Svg, fromModel.Svg);
        Assert.All(layer.Parameters(), p => Assert.All(p.Grad, g => Assert.Equal(0, g)));
    }

    [Fact]
    public void A_briefly_trained_network_gives_the_same_picture_every_time_in_every_culture()
    {
        var (x, y) = Datasets.Spiral(50, 3, 0);
        var model = new Sequential(new Linear(2, 16, new Random(1)), new ReLU(), new Linear(16, 3, new Random(2)));
        var optimizer = new Autograd.Optim.Adam(model.Parameters(), lr: 0.05);
        for (int step = 0; step < 30; step++)
        {
            optimizer.ZeroGrad();
            new CrossEntropyLoss().Forward(model.Forward(x), y).Backward();
            optimizer.Step();
        }

        var first = Charts.DecisionBoundary(model, x, y, resolution: 40);
        using var german = CultureScope.German();
        var second = Charts.DecisionBoundary(model, x, y, resolution: 40);

        Assert.Equal(first.Svg, second.Svg);
        Assert.DoesNotMatch(@"\d,\d", first.Svg);
        Assert.InRange(first.Svg.Length, 5_000, 60_000);
    }

    [Fact]
    public void The_chart_shows_as_svg_with_its_text_form()
    {
        var (x, y) = Datasets.Spiral(10, 2, 0);
        var image = Charts.DecisionBoundary(RightHalf, x, y, resolution: 10);

        Assert.Equal(["image/svg+xml", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(SvgImage)));
        Assert.Equal(image.Svg, Formatter.ToDisplayString(image, "image/svg+xml"));
        Assert.Equal(image.Text, Formatter.ToDisplayString(image, "text/plain"));
    }

    [Fact]
    public void Bad_input_is_refused_with_a_message_that_names_the_problem()
    {
        var (x, y) = Datasets.Spiral(10, 2, 0);

        var notPlane = Assert.Throws<ArgumentException>(() => Charts.DecisionBoundary(RightHalf, Tensor.Zeros(4, 3), [0, 0, 0, 0]));
        Assert.Contains("the points are 4×3", notPlane.Message);
        var fewLabels = Assert.Throws<ArgumentException>(() => Charts.DecisionBoundary(RightHalf, x, [0, 1]));
        Assert.Contains("2 labels for 20 points", fewLabels.Message);
        var negative = Assert.Throws<ArgumentException>(() => Charts.DecisionBoundary(RightHalf, x, y.Select(k => k - 1).ToArray()));
        Assert.Contains("label 0 is -1", negative.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Charts.DecisionBoundary(RightHalf, x, y, resolution: 1));
        var tooFew = Assert.Throws<InvalidOperationException>(() => Charts.DecisionBoundary(_ => [0], x, y, resolution: 10));
        Assert.Contains("returned 1 classes for", tooFew.Message);
    }
}
