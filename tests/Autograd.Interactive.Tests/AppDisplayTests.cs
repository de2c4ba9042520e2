using Autograd.NN;

namespace Autograd.Interactive.Tests;

/// <summary>What a notebook's app prints, without a kernel, for the values a notebook shows.</summary>
public sealed class AppDisplayTests
{
    [Fact]
    public void A_scalar_prints_the_text_of_its_html_table()
    {
        var f = new Mul(new Scalar(3, label: "q"), new Scalar(-4, label: "z"), "f");

        Assert.Equal(("value  grad  op   label\n-12    0     Mul  f", null), AppDisplay.Render(f));
    }

    [Fact]
    public void A_tensor_prints_its_title_and_its_tables_of_values_and_gradients()
    {
        var t = new Tensor(2, 2) { Label = "t" };
        t.SetFrom([1, -2.5, 3, 40]);

        var (text, svg) = AppDisplay.Render(t);

        Assert.Null(svg);
        Assert.Equal(
            "Tensor 2×2 · label t · leaf · requires grad\ndata\n   0  1\n0  1  -2.5\n1  3  40\ngrad\n   0  1\n0  0  0\n1  0  0",
            text);
    }

    [Fact]
    public void A_model_prints_its_layer_table()
    {
        var (text, _) = AppDisplay.Render(new Sequential(new Linear(2, 3), new ReLU()));

        Assert.Equal(
            "Sequential: 2 layers, 9 parameters\n#  Layer         Parameter shapes      Parameters\n0  Linear(2, 3)  weight 2×3, bias 1×3  9\n" +
            "1  ReLU          —                     0\n   total                               9",
            text);
    }

    [Fact]
    public void Numbers_strings_and_pictures_print_as_the_notebook_shows_them()
    {
        Assert.Equal(("0.333333", null), AppDisplay.Render(1.0 / 3));
        Assert.Equal(("text", null), AppDisplay.Render("text"));
        Assert.Equal(("<null>", null), AppDisplay.Render(null));
        Assert.Equal(("Graph of f", "<svg>f</svg>"), AppDisplay.Render(new SvgImage("<svg>f</svg>", "Graph of f")));
        Assert.Equal("(picture: 07.svg)", AppDisplay.PictureLine("/any/folder/07.svg"));
    }

    [Fact]
    public void A_chart_is_its_static_drawing_the_one_its_notebook_output_holds()
    {
        var chart = Charts.Line([new Series("loss", [1, 2, 3], [0.5, 0.25, 0.125])], title: "falling");

        var (text, svg) = AppDisplay.Render(chart);

        Assert.Null(text);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg);
        Assert.Contains("<title>falling</title>", svg);
        Assert.EndsWith("</svg>", svg);
        Assert.Contains(svg!, ChartHtml.Render(chart));
    }
}
