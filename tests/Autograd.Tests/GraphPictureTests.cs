using System.Diagnostics;
using System.Xml.Linq;

namespace Autograd.Tests;

/// <summary>The graph pictures: <c>ToSvg()</c> and <c>ToDot()</c>.</summary>
public class GraphPictureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Seed_graph_svg_matches_the_golden_file()
    {
        AssertMatchesGolden(SeedGraph().ToSvg(), "seed-graph.svg");
    }

    [Fact]
    public void Seed_graph_dot_matches_the_golden_file()
    {
        AssertMatchesGolden(SeedGraph().ToDot(), "seed-graph.dot");
    }

    [Fact]
    public void Svg_is_a_standalone_document_showing_every_label_and_value()
    {
        var svg = XDocument.Parse(SeedGraph().ToSvg()).Root!;

        Assert.Equal(Svg + "svg", svg.Name);
        Assert.NotNull(svg.Attribute("width"));
        Assert.NotNull(svg.Attribute("height"));
        Assert.StartsWith("0 0 ", svg.Attribute("viewBox")!.Value);
        Assert.Equal("Computation graph of f: 5 values, 2 operations", svg.Element(Svg + "title")!.Value);
        var texts = svg.Descendants(Svg + "text").Select(text => text.Value).ToList();
        foreach (var expected in new[]
        {
            "x", "value -2", "grad -4", "y", "value 5", "z", "value -4", "grad 3",
            "q", "value 3", "f", "value -12", "grad 1", "Add", "Mul",
        })
        {
            Assert.Contains(expected, texts);
        }
    }

    [Fact]
    public void Inputs_are_drawn_left_of_the_results_built_from_them()
    {
        var svg = XDocument.Parse(SeedGraph().ToSvg()).Root!;

        double x = BoxLeft(svg, "x"), q = BoxLeft(svg, "q"), z = BoxLeft(svg, "z"), f = BoxLeft(svg, "f");
        Assert.True(x < q, $"x at {x} should be left of q at {q}");
        Assert.True(q < f && z < f, $"q at {q} and z at {z} should be left of f at {f}");
    }

    [Fact]
    public void A_reused_node_is_drawn_once_with_two_arrows()
    {
        var a = new Scalar(3, label: "a");
        var b = new Add(a, a, "b");
        b.Backward();

        var svg = XDocument.Parse(b.ToSvg()).Root!;
        Assert.Equal(2, ValueBoxes(svg).Count());
        Assert.Single(ValueBoxes(svg), box => BoxName(box) == "a");
        var arrows = svg.Descendants(Svg + "path").Where(path => (string?)path.Attribute("class") == "edge").ToList();
        Assert.Equal(2, arrows.Count);

        // Each arrow is "M x1,y1 C cx1,cy1 cx2,cy2 x2,y2": the two leave a 8 pixels apart and arrive at the Add node
        // 8 pixels apart, and bow apart in between (their control points 12 pixels above and below their ends), so
        // they are not read as one thick line.
        var upper = CurvePoints(arrows[0]);
        var lower = CurvePoints(arrows[1]);
        Assert.Equal(8, lower[0].Y - upper[0].Y, 6);
        Assert.Equal(8, lower[3].Y - upper[3].Y, 6);
        Assert.Equal(upper[0].Y - 12, upper[1].Y, 6);
        Assert.Equal(lower[0].Y + 12, lower[1].Y, 6);
        double middleGap = CubicY(lower, 0.5) - CubicY(upper, 0.5);
        Assert.True(middleGap >= 25, $"the two arrows are {middleGap} pixels apart at their middles");

        var dot = b.ToDot();
        Assert.Single(Lines(dot), line => line.Contains("label=\"a|", StringComparison.Ordinal));
        Assert.Equal(2, Lines(dot).Count(line => line.Trim() == "v1 -> op0;"));
    }

    [Fact]
    public void Unlabelled_results_show_their_value_not_their_operation_as_a_title()
    {
        var x = new Scalar(3, label: "x");
        var y = (x * x).Tanh();
        y.Backward();

        var svg = XDocument.Parse(y.ToSvg()).Root!;
        var boxes = ValueBoxes(svg).Select(box => box.Elements(Svg + "text").Select(text => text.Value).ToList()).ToList();

        // x keeps its label as the title; the two results show only their value and gradient lines.
        Assert.Equal(3, boxes.Count);
        Assert.Contains(["x", "value 3", "grad 3.6552E-07"], boxes);
        Assert.Contains(["value 9", "grad 6.09199E-08"], boxes);
        Assert.Contains(["value 1", "grad 1"], boxes);
        Assert.DoesNotContain(boxes.SelectMany(lines => lines), line => line is "Mul" or "Tanh");

        // The operations are the small ellipse nodes.
        var ops = svg.Descendants(Svg + "g").Where(group => (string?)group.Attribute("class") == "op")
            .Select(op => op.Element(Svg + "text")!.Value);
        Assert.Equal(["Mul", "Tanh"], ops.Order());
        Assert.Contains("label=\"value 9|grad 6.09199E-08\"", y.ToDot(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wide_graph_scales_down_to_its_column()
    {
        var network = SmallNetwork();
        var svg = XDocument.Parse(network.ToSvg()).Root!;

        string width = svg.Attribute("width")!.Value;
        string height = svg.Attribute("height")!.Value;
        Assert.True(double.Parse(width, System.Globalization.CultureInfo.InvariantCulture) > 600, $"the network is {width} pixels wide");
        Assert.Equal($"0 0 {width} {height}", svg.Attribute("viewBox")!.Value);
        Assert.Equal("max-width: 100%; height: auto", svg.Attribute("style")!.Value);
    }

    [Fact]
    public void A_frozen_node_is_drawn_grey_and_dashed()
    {
        var x = new Scalar(-2, requiresGrad: false, label: "x");
        var y = new Scalar(5, label: "y");
        var f = new Mul(x, y, "f");
        f.Backward();

        var svg = XDocument.Parse(f.ToSvg()).Root!;
        var frozen = ValueBoxes(svg).Single(box => BoxName(box) == "x").Element(Svg + "rect")!;
        var live = ValueBoxes(svg).Single(box => BoxName(box) == "y").Element(Svg + "rect")!;
        Assert.NotNull(frozen.Attribute("stroke-dasharray"));
        Assert.Null(live.Attribute("stroke-dasharray"));
        Assert.NotEqual(live.Attribute("fill")!.Value, frozen.Attribute("fill")!.Value);
        Assert.Contains(svg.Descendants(Svg + "text"), text => text.Value.StartsWith("RequiresGrad = false", StringComparison.Ordinal));

        var dot = f.ToDot();
        Assert.Contains(Lines(dot), line => line.Contains("label=\"x|", StringComparison.Ordinal) && line.Contains("dashed", StringComparison.Ordinal));
        Assert.Contains(Lines(dot), line => line.Contains("label=\"y|", StringComparison.Ordinal) && !line.Contains("dashed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_million_node_chain_is_refused_quickly_with_its_size()
    {
        var chain = Chain(1_000_000);

        // A guard against a hang, not a performance test: the walk stops at the limit and then only counts.
        var clock = Stopwatch.StartNew();
        var svgError = Assert.Throws<InvalidOperationException>(() => chain.ToSvg());
        var dotError = Assert.Throws<InvalidOperationException>(() => chain.ToDot());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the refusal took {clock.Elapsed}");

        foreach (var error in new[] { svgError, dotError })
        {
            Assert.Contains("1,000,000 nodes", error.Message, StringComparison.Ordinal);
            Assert.Contains($"{PictureGraph.MaxNodes}", error.Message, StringComparison.Ordinal);
            Assert.Contains("ToTree()", error.Message, StringComparison.Ordinal);
        }

        Assert.StartsWith("ToSvg:", svgError.Message, StringComparison.Ordinal);
        Assert.StartsWith("ToDot:", dotError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_at_the_limit_is_drawn_and_one_node_more_is_refused()
    {
        var atLimit = XDocument.Parse(Chain(PictureGraph.MaxNodes).ToSvg()).Root!;
        Assert.Equal(PictureGraph.MaxNodes, ValueBoxes(atLimit).Count());

        var error = Assert.Throws<InvalidOperationException>(() => Chain(PictureGraph.MaxNodes + 1).ToSvg());
        Assert.Contains($"{PictureGraph.MaxNodes + 1} nodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_special_characters_in_labels_are_escaped()
    {
        const string label = "a<b & \"c\" {d|e}";
        var x = new Scalar(1, label: label);
        var y = -x;
        y.Label = "y > 'z'";

        var svgText = y.ToSvg();
        Assert.DoesNotContain("a<b", svgText, StringComparison.Ordinal);
        var svg = XDocument.Parse(svgText).Root!;
        Assert.Single(ValueBoxes(svg), box => BoxName(box) == label);
        Assert.Single(ValueBoxes(svg), box => BoxName(box) == "y > 'z'");

        Assert.Contains("label=\"a\\<b & \\\"c\\\" \\{d\\|e\\}|value 1|grad 0\"", y.ToDot(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_leaf_alone_is_one_box()
    {
        var svg = XDocument.Parse(new Scalar(7, label: "w").ToSvg()).Root!;

        Assert.Equal("w", BoxName(Assert.Single(ValueBoxes(svg))));
        Assert.Empty(svg.Descendants(Svg + "ellipse"));
    }

    [Fact]
    public void Output_is_the_same_on_every_call_and_for_the_same_graph_built_again()
    {
        var network = SmallNetwork();
        var again = SmallNetwork();

        Assert.Equal(network.ToSvg(), network.ToSvg());
        Assert.Equal(network.ToSvg(), again.ToSvg());
        Assert.Equal(network.ToDot(), again.ToDot());
    }

    [Fact]
    public void A_small_network_is_drawn_whole()
    {
        var network = SmallNetwork();
        int nodes;
        using (Engine.Exclusive())
        {
            nodes = Engine.TopologicalOrder(network, includeFrozen: true).Count;
        }

        var svg = XDocument.Parse(network.ToSvg()).Root!;
        Assert.Equal(nodes, ValueBoxes(svg).Count());
        Assert.Equal(nodes - 19, svg.Descendants(Svg + "ellipse").Count());
    }

    /// <summary>The seed's f = (x + y) · z, after a backward pass.</summary>
    private static Scalar SeedGraph()
    {
        var x = new Scalar(-2, label: "x");
        var y = new Scalar(5, label: "y");
        var z = new Scalar(-4, label: "z");
        var q = new Add(x, y, "q");
        var f = new Mul(q, z, "f");
        f.Backward();
        return f;
    }

    /// <summary>A leaf and the negations of it, one after another: <paramref name="nodes"/> nodes in a line.</summary>
    private static Scalar Chain(int nodes)
    {
        var node = new Scalar(1, label: "start");
        for (int i = 1; i < nodes; i++)
        {
            node = -node;
        }

        return node;
    }

    /// <summary>
    /// A 2-4-1 network of tanh neurons built from scalars: 2 frozen inputs and 17 parameters (19 leaves) and
    /// 29 operations, about the size a picture should still show legibly.
    /// </summary>
    private static Scalar SmallNetwork()
    {
        var random = new Random(7);
        Scalar Parameter(string name) => new(Math.Round((random.NextDouble() * 2) - 1, 3), label: name);
        var x1 = new Scalar(0.5, requiresGrad: false, label: "x1");
        var x2 = new Scalar(-1.5, requiresGrad: false, label: "x2");

        var output = Parameter("c");
        for (int j = 0; j < 4; j++)
        {
            var hidden = ((Parameter($"w{j}0") * x1) + (Parameter($"w{j}1") * x2) + Parameter($"b{j}")).Tanh();
            output += Parameter($"v{j}") * hidden;
        }

        output = output.Tanh();
        output.Label = "out";
        output.Backward();
        return output;
    }

    private static IEnumerable<XElement> ValueBoxes(XElement svg) =>
        svg.Descendants(Svg + "g").Where(group => (string?)group.Attribute("class") == "value");

    /// <summary>A box's name: its bold first line.</summary>
    private static string BoxName(XElement box) => box.Elements(Svg + "text").First().Value;

    private static double BoxLeft(XElement svg, string name) =>
        double.Parse(ValueBoxes(svg).Single(box => BoxName(box) == name).Element(Svg + "rect")!.Attribute("x")!.Value,
            System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Lines(string text) => text.Split('\n');

    /// <summary>The four points of an arrow's cubic Bézier curve, <c>M x1,y1 C cx1,cy1 cx2,cy2 x2,y2</c>.</summary>
    private static (double X, double Y)[] CurvePoints(XElement path) =>
        [.. path.Attribute("d")!.Value.Split([' ', 'M', 'C'], StringSplitOptions.RemoveEmptyEntries)
            .Select(point => point.Split(','))
            .Select(xy => (Number(xy[0]), Number(xy[1])))];

    private static double CubicY((double X, double Y)[] p, double t) =>
        (Math.Pow(1 - t, 3) * p[0].Y) + (3 * Math.Pow(1 - t, 2) * t * p[1].Y) + (3 * (1 - t) * t * t * p[2].Y) + (Math.Pow(t, 3) * p[3].Y);

    private static double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Compares with a committed file in Golden/. On a difference, writes the actual output next to the temp folder
    /// and says where, so it can be looked at (an SVG opens in any browser) and copied over the golden file if the
    /// change is intended.
    /// </summary>
    private static void AssertMatchesGolden(string actual, string fileName)
    {
        var goldenPath = Path.Combine(AppContext.BaseDirectory, "Golden", fileName);
        var expected = File.Exists(goldenPath) ? File.ReadAllText(goldenPath).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            return;
        }

        var actualPath = Path.Combine(Path.GetTempPath(), "Autograd.Tests", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(actualPath)!);
        File.WriteAllText(actualPath, actual);
        Assert.Fail(
            $"The output differs from tests/Autograd.Tests/Golden/{fileName}{FirstDifference(expected, actual)}.\n" +
            $"The actual output is in {actualPath}. Look at it, and if the change is intended copy it over the golden file.");
    }

    private static string FirstDifference(string? expected, string actual)
    {
        if (expected is null)
        {
            return " (the golden file does not exist yet)";
        }

        var expectedLines = Lines(expected);
        var actualLines = Lines(actual);
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var want = i < expectedLines.Length ? expectedLines[i] : "(end of file)";
            var got = i < actualLines.Length ? actualLines[i] : "(end of file)";
            if (want != got)
            {
                return $", first at line {i + 1}:\n  expected: {want}\n  actual:   {got}";
            }
        }

        return "";
    }
}
