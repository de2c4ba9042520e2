using System.Globalization;
using System.Xml.Linq;
using Microsoft.DotNet.Interactive.Formatting;

namespace Autograd.Interactive.Tests;

public class HeatmapChartTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    public HeatmapChartTests() => Notebook.Setup();

    private static Tensor NineNumbers()
    {
        var m = new Tensor(3, 3, requiresGrad: false);
        m.SetFrom([1, 2, 3, 4, 5, 6, 7, 8, 9]);
        return m;
    }

    /// <summary>The text elements of the picture: content and (x, y).</summary>
    private static List<(string Text, double X, double Y)> Texts(string svg) =>
        XDocument.Parse(svg).Descendants(SvgNs + "text")
            .Select(t => (t.Value, Coordinate(t, "x"), Coordinate(t, "y")))
            .ToList();

    private static double Coordinate(XElement element, string name) =>
        double.Parse(element.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    /// <summary>The fill of each cell, row by row (the first rect is the background).</summary>
    private static string[] CellFills(string svg) =>
        XDocument.Parse(svg).Descendants(SvgNs + "rect").Skip(1).Select(r => r.Attribute("fill")!.Value).ToArray();

    [Fact]
    public void The_flat_index_heatmap_labels_every_cell_with_its_place_in_Data()
    {
        var image = Charts.FlatIndexHeatmap(NineNumbers());

        var texts = Texts(image.Svg).Select(t => t.Text).ToList();
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                int i = (3 * r) + c;
                Assert.Contains($"[{r},{c}] → {i}", texts);
                Assert.Contains($"Data[{i}] = {i + 1}", texts);
            }
        }

        Assert.Contains("Element [r,c] of a 3×3 tensor is Data[3·r + c]", texts);
        Assert.Equal(9, CellFills(image.Svg).Length);
    }

    [Fact]
    public void Rows_run_top_to_bottom_and_columns_left_to_right_as_the_matrix_is_written()
    {
        var texts = Texts(Charts.FlatIndexHeatmap(NineNumbers()).Svg);
        var at = (string label) => texts.Single(t => t.Text == label);

        Assert.True(at("[0,0] → 0").Y < at("[1,0] → 3").Y);
        Assert.True(at("[1,0] → 3").Y < at("[2,0] → 6").Y);
        Assert.True(at("[0,0] → 0").X < at("[0,1] → 1").X);
        Assert.Equal(at("[0,1] → 1").Y, at("[0,2] → 2").Y);
    }

    [Fact]
    public void The_picture_is_well_formed_standalone_svg_with_row_and_column_indices()
    {
        var image = Charts.Heatmap([1, 2, 3, 4, 5, 6], 2, 3);

        var root = XDocument.Parse(image.Svg).Root!;
        Assert.Equal(SvgNs + "svg", root.Name);
        Assert.Equal("Heatmap 2×3", root.Element(SvgNs + "title")!.Value);
        var texts = Texts(image.Svg).Select(t => t.Text).ToList();
        Assert.Equal(["0", "1", "2", "0"], texts.Take(4));
        Assert.DoesNotContain("http", image.Svg.Replace("http://www.w3.org/2000/svg", ""));
    }

    [Fact]
    public void By_default_each_cell_shows_its_value_rounded()
    {
        using var german = CultureScope.German();

        var image = Charts.Heatmap([1.0 / 3, 1234.5678], 1, 2);

        var texts = Texts(image.Svg).Select(t => t.Text).ToList();
        Assert.Contains("0.333333", texts);
        Assert.Contains("1234.57", texts);
        Assert.Equal("Heatmap 1×2\n  0.333333  1234.57", image.Text);
    }

    [Fact]
    public void The_same_matrix_gives_the_same_picture_in_every_culture()
    {
        string Draw() => Charts.Heatmap([0.5, 1.5, 2.25, 3], 2, 2, (r, c) => $"{r}.{c}", "halves").Svg;
        var invariant = Draw();

        using var german = CultureScope.German();

        Assert.Equal(invariant, Draw());
        Assert.Equal(invariant, Charts.Heatmap([0.5, 1.5, 2.25, 3], 2, 2, (r, c) => $"{r}.{c}", "halves").Svg);
    }

    [Fact]
    public void Colours_run_from_light_for_the_smallest_to_dark_for_the_largest_with_readable_ink()
    {
        var svg = Charts.FlatIndexHeatmap(NineNumbers()).Svg;

        var fills = CellFills(svg);
        Assert.Equal("#f7fbff", fills[0]);
        Assert.Equal("#08306b", fills[8]);
        var inks = XDocument.Parse(svg).Descendants(SvgNs + "text")
            .Where(t => t.Value.StartsWith('['))
            .ToDictionary(t => t.Value, t => t.Attribute("fill")!.Value);
        Assert.Equal("#222222", inks["[0,0] → 0"]);
        Assert.Equal("#ffffff", inks["[2,2] → 8"]);
    }

    [Fact]
    public void Missing_and_constant_values_still_draw()
    {
        var constant = CellFills(Charts.Heatmap([7, 7], 1, 2).Svg);
        var withNaN = Charts.Heatmap([double.NaN, 1, 2, double.PositiveInfinity], 2, 2);

        Assert.Equal(constant[0], constant[1]);
        Assert.Equal("#d9d9d9", CellFills(withNaN.Svg)[0]);
        Assert.Equal("#08306b", CellFills(withNaN.Svg)[3]);
        Assert.Contains("NaN", Texts(withNaN.Svg).Select(t => t.Text));
    }

    [Fact]
    public void Titles_and_labels_are_escaped()
    {
        var image = Charts.Heatmap([1], 1, 1, (_, _) => "a<b & c", "x < y");

        var texts = Texts(image.Svg).Select(t => t.Text).ToList();
        Assert.Contains("a<b & c", texts);
        Assert.Contains("x < y", texts);
    }

    [Fact]
    public void An_empty_label_leaves_the_cell_bare()
    {
        var image = Charts.Heatmap([1, 2], 1, 2, (_, c) => c == 0 ? "" : "two");

        Assert.Equal(["0", "1", "0", "two"], Texts(image.Svg).Select(t => t.Text));
    }

    [Fact]
    public void A_tensor_heatmap_is_titled_with_the_tensor_s_label_by_default()
    {
        var t = NineNumbers();
        t.Label = "m";

        Assert.StartsWith("Heatmap 3×3: m\n", Charts.Heatmap(t).Text);
        Assert.StartsWith("Heatmap 3×3: other\n", Charts.Heatmap(t, title: "other").Text);
    }

    [Fact]
    public void The_text_form_lists_every_label_aligned()
    {
        Assert.Equal(
            "Heatmap 2×2: Element [r,c] of a 2×2 tensor is Data[2·r + c]\n" +
            "  [0,0] → 0, Data[0] = 0  [0,1] → 1, Data[1] = 0\n" +
            "  [1,0] → 2, Data[2] = 0  [1,1] → 3, Data[3] = 0",
            Charts.FlatIndexHeatmap(Tensor.Zeros(2, 2)).Text);
    }

    [Fact]
    public void A_heatmap_shows_as_svg_with_its_text_form()
    {
        var image = Charts.FlatIndexHeatmap(NineNumbers());

        Assert.Equal(["image/svg+xml", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(SvgImage)));
        Assert.Equal(image.Svg, Formatter.ToDisplayString(image, "image/svg+xml"));
        Assert.Equal(image.Text, Formatter.ToDisplayString(image, "text/plain"));
    }

    [Fact]
    public void Bad_shapes_are_refused_with_the_shape_in_the_message()
    {
        var mismatch = Assert.Throws<ArgumentException>(() => Charts.Heatmap([1, 2, 3], 2, 2));
        Assert.Contains("Heatmap: 3 values do not fill a 2×2 matrix, which has 4 cells.", mismatch.Message);

        var empty = Assert.Throws<ArgumentOutOfRangeException>(() => Charts.Heatmap([], 0, 3));
        Assert.Contains("a 0×3 shape is empty", empty.Message);

        var huge = Assert.Throws<ArgumentOutOfRangeException>(() => Charts.Heatmap(new double[101 * 100], 101, 100));
        Assert.Contains("101×100", huge.Message);
    }
}
