using System.Xml.Linq;

namespace Autograd.Interactive.Tests;

public class DigitGridTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    public DigitGridTests() => Notebook.Setup();

    /// <summary><paramref name="count"/> images, image i with one black pixel at (i mod 8, i mod 8) and the rest white.</summary>
    private static Tensor Diagonals(int count)
    {
        var images = Tensor.Zeros(count, 64);
        for (int i = 0; i < count; i++)
        {
            images[i, (9 * (i % 8))] = 1;
        }

        return images;
    }

    private static List<XElement> Captions(XDocument svg) =>
        svg.Descendants(SvgNs + "text").Where(t => t.Value.StartsWith("true", StringComparison.Ordinal) || t.Value.StartsWith("pred", StringComparison.Ordinal)).ToList();

    private static List<XElement> Frames(XDocument svg) =>
        svg.Root!.Elements(SvgNs + "rect").Where(r => (string?)r.Attribute("fill") == "none").ToList();

    [Fact]
    public void Each_image_gets_a_frame_and_a_two_line_caption_red_where_the_prediction_is_wrong()
    {
        int[] labels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1];
        int[] predictions = [0, 1, 2, 8, 4, 5, 6, 7, 8, 9, 0, 7];

        var image = Charts.DigitGrid(Diagonals(12), labels, predictions, columns: 5);

        var svg = XDocument.Parse(image.Svg);
        Assert.Equal(12, Frames(svg).Count);
        var captions = Captions(svg);
        Assert.Equal(24, captions.Count);
        Assert.Equal(["true 3", "pred 8", "true 1", "pred 7"], captions.Where(c => c.Attribute("fill")!.Value == "#c62828").Select(c => c.Value));
        Assert.Equal(2, Frames(svg).Count(f => f.Attribute("stroke")!.Value == "#c62828"));
        Assert.Equal("12 of 12 images, 2 misclassified\n  true: 0 1 2 3 4 5 6 7 8 9 0 1\n  pred: 0 1 2 8 4 5 6 7 8 9 0 7", image.Text);

        // Five columns of 76 pixels between margins of 10; three rows.
        Assert.Equal("400", svg.Root!.Attribute("width")!.Value);
        Assert.Equal(3, Frames(svg).Select(f => f.Attribute("y")!.Value).Distinct().Count());
    }

    [Fact]
    public void Pixels_are_drawn_where_they_are_dark_and_white_ones_not_at_all()
    {
        var images = Tensor.Zeros(1, 64);
        images[0, (8 * 2) + 3] = 1;
        images[0, (8 * 2) + 4] = 1;
        images[0, 63] = 0.5;

        var svg = XDocument.Parse(Charts.DigitGrid(images).Svg);

        var paths = svg.Descendants(SvgNs + "path").ToDictionary(p => p.Attribute("fill")!.Value, p => p.Attribute("d")!.Value);
        var frame = Frames(svg).Single();
        double x = double.Parse(frame.Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture) + 0.5;
        double y = double.Parse(frame.Attribute("y")!.Value, System.Globalization.CultureInfo.InvariantCulture) + 0.5;

        // Two neighbouring black pixels of row 2 make one run 14 pixels wide; the grey one is the last pixel.
        Assert.Equal(2, paths.Count);
        Assert.Equal($"M{x + 21} {y + 14}h14v7h-14z", paths["#000000"]);
        Assert.Equal($"M{x + 49} {y + 49}h7v7h-7z", paths["#7f7f7f"]);
        Assert.Empty(Captions(svg));
    }

    [Fact]
    public void At_most_max_images_are_drawn_and_labels_alone_give_one_line_captions()
    {
        var image = Charts.DigitGrid(Diagonals(80), labels: Enumerable.Range(0, 80).Select(i => i % 10).ToArray(), max: 30, title: "train");

        var svg = XDocument.Parse(image.Svg);
        Assert.Equal(30, Frames(svg).Count);
        Assert.Equal(30, Captions(svg).Count);
        Assert.All(Captions(svg), c => Assert.Equal("#222222", c.Attribute("fill")!.Value));
        Assert.StartsWith("train: 30 of 80 images\n  true: 0 1 2", image.Text);
    }

    [Fact]
    public void More_columns_than_images_give_one_row_even_for_the_largest_column_count()
    {
        var wide = Charts.DigitGrid(Diagonals(3), columns: int.MaxValue);
        var three = Charts.DigitGrid(Diagonals(3), columns: 3);

        Assert.Equal(three.Svg, wide.Svg);
        // One row of three 76-pixel cells between margins of 10; no captions.
        var root = XDocument.Parse(wide.Svg).Root!;
        Assert.Equal(("248", "82"), (root.Attribute("width")!.Value, root.Attribute("height")!.Value));
    }

    [Fact]
    public void The_same_images_give_the_same_picture_in_every_culture()
    {
        var images = Tensor.Randn(20, 64, new Random(3));
        string Draw() => Charts.DigitGrid(images, Enumerable.Repeat(1, 20).ToArray(), Enumerable.Repeat(2, 20).ToArray()).Svg;
        var invariant = Draw();

        using var german = CultureScope.German();

        Assert.Equal(invariant, Draw());
    }

    [Fact]
    public void Bad_input_is_refused_with_a_message_that_names_the_problem()
    {
        var notDigits = Assert.Throws<ArgumentException>(() => Charts.DigitGrid(Tensor.Zeros(3, 63)));
        Assert.Contains("the images are 3×63", notDigits.Message);
        var labels = Assert.Throws<ArgumentException>(() => Charts.DigitGrid(Diagonals(3), labels: [1, 2]));
        Assert.Contains("2 labels for 3 images", labels.Message);
        var predictions = Assert.Throws<ArgumentException>(() => Charts.DigitGrid(Diagonals(3), predictions: [1, 2, 3, 4]));
        Assert.Contains("4 predictions for 3 images", predictions.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Charts.DigitGrid(Diagonals(3), columns: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Charts.DigitGrid(Diagonals(3), max: 0));
    }
}
