using System.Xml.Linq;

namespace Autograd.Interactive.Tests;

public class ConfusionMatrixTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    public ConfusionMatrixTests() => Notebook.Setup();

    [Fact]
    public void Rows_count_true_classes_columns_predicted_ones_with_the_accuracy_in_the_title()
    {
        int[] actual = [0, 0, 0, 1, 1, 2, 2, 2, 2];
        int[] predicted = [0, 0, 1, 1, 1, 2, 2, 0, 2];

        var image = Charts.ConfusionMatrix(actual, predicted, 3);

        Assert.Equal(
            "Confusion matrix · accuracy 77.78% (7 of 9); rows: true class, columns: predicted class\n" +
            "  2  1  0\n" +
            "  0  2  0\n" +
            "  1  0  3",
            image.Text);
        var svg = XDocument.Parse(image.Svg);
        var texts = svg.Descendants(SvgNs + "text").Select(t => t.Value).ToList();
        Assert.Equal("Confusion matrix · accuracy 77.78% (7 of 9)", texts[0]);
        Assert.Contains("predicted →", texts);
        Assert.Contains("← true", texts);

        // The heatmap inside: nine cells, read row by row, at its own size (not stretched by a style).
        var heatmap = svg.Root!.Element(SvgNs + "svg")!;
        Assert.Null(heatmap.Attribute("style"));
        Assert.Equal(9, heatmap.Elements(SvgNs + "rect").Count() - 1);
        Assert.Equal(["2", "1", "0", "0", "2", "0", "1", "0", "3"], heatmap.Elements(SvgNs + "text").Select(t => t.Value).Skip(3).Where((_, i) => i % 4 != 0));
    }

    [Fact]
    public void The_diagonal_is_drawn_apart_so_the_colours_show_the_errors()
    {
        // 100 correct answers per class and a few errors: on one scale with the diagonal every error would be blank.
        var pairs = new List<(int Actual, int Predicted)>();
        for (int k = 0; k < 3; k++)
        {
            pairs.AddRange(Enumerable.Repeat((k, k), 100));
        }

        pairs.AddRange(Enumerable.Repeat((0, 2), 4));
        pairs.AddRange(Enumerable.Repeat((1, 0), 2));

        var image = Charts.ConfusionMatrix([.. pairs.Select(p => p.Actual)], [.. pairs.Select(p => p.Predicted)], 3);

        // The cells, row by row: the diagonal pale green, the most common error (0 taken for 2, 4 times) the darkest
        // blue, an error half as common halfway along the scale, and no error the lightest.
        var cells = XDocument.Parse(image.Svg).Root!.Element(SvgNs + "svg")!.Elements(SvgNs + "rect").Skip(1)
            .Select(rect => rect.Attribute("fill")!.Value).ToList();
        Assert.Equal(
            ["#dff0d8", "#f7fbff", "#08306b", "#6baed6", "#dff0d8", "#f7fbff", "#f7fbff", "#f7fbff", "#dff0d8"],
            cells);
    }

    [Fact]
    public void The_title_is_the_caller_s_and_the_picture_the_same_every_time()
    {
        int[] actual = [3, 1, 2, 0];
        var first = Charts.ConfusionMatrix(actual, actual, 4, "test set");

        using var german = CultureScope.German();

        Assert.Equal(first.Svg, Charts.ConfusionMatrix(actual, actual, 4, "test set").Svg);
        Assert.StartsWith("test set · accuracy 100.00% (4 of 4)", first.Text);
        var root = XDocument.Parse(first.Svg).Root!;
        Assert.True(int.Parse(root.Attribute("width")!.Value) > 0 && int.Parse(root.Attribute("height")!.Value) > 0);
    }

    [Fact]
    public void Bad_input_is_refused_with_a_message_that_names_the_problem()
    {
        var lengths = Assert.Throws<ArgumentException>(() => Charts.ConfusionMatrix([0, 1, 1], [0, 1], 2));
        Assert.Contains("3 actual classes but 2 predicted", lengths.Message);
        var range = Assert.Throws<ArgumentException>(() => Charts.ConfusionMatrix([0, 1], [0, 2], 2));
        Assert.Contains("predicted[1] is 2, outside the classes 0 to 1", range.Message);
        var negative = Assert.Throws<ArgumentException>(() => Charts.ConfusionMatrix([-1], [0], 2));
        Assert.Contains("actual[0] is -1", negative.Message);
        Assert.Throws<ArgumentException>(() => Charts.ConfusionMatrix([], [], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Charts.ConfusionMatrix([0], [0], 0));
    }
}
