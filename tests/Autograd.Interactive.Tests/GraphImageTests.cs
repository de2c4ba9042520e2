using Microsoft.DotNet.Interactive.Formatting;

namespace Autograd.Interactive.Tests;

public sealed class GraphImageTests : IDisposable
{
    private readonly Func<Node, string> draw = GraphImage.Draw;

    public GraphImageTests() => Notebook.Setup();

    public void Dispose() => GraphImage.Draw = draw;

    private static Scalar SeedExample()
    {
        var x = new Scalar(-2, label: "x");
        var y = new Scalar(5, label: "y");
        var z = new Scalar(-4, label: "z");
        return new Mul(new Add(x, y, "q"), z, "f");
    }

    [Fact]
    public void A_graph_shows_as_svg_with_a_short_text_description()
    {
        GraphImage.Draw = node => $"<svg>{node.Label}</svg>";

        var image = Notebook.Graph(SeedExample());

        Assert.Equal("<svg>f</svg>", Formatter.ToDisplayString(image, "image/svg+xml"));
        Assert.Equal("Graph of f: 5 nodes, value -12", Formatter.ToDisplayString(image, "text/plain"));
    }

    [Fact]
    public void A_node_used_twice_is_counted_once()
    {
        GraphImage.Draw = _ => "<svg/>";
        var a = new Scalar(3, label: "a");

        var image = Notebook.Graph(new Add(a, a, "b"));

        Assert.Equal("Graph of b: 2 nodes, value 6", image.Text);
    }

    [Fact]
    public void A_graph_too_large_to_draw_shows_the_library_s_note_instead()
    {
        GraphImage.Draw = _ => throw new InvalidOperationException("ToSvg: this graph has 301 nodes, more than the 200 <allowed>.");

        var image = Notebook.Graph(SeedExample());

        Assert.Equal("ToSvg: this graph has 301 nodes, more than the 200 <allowed>.", image.Text);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", image.Svg);
        Assert.Contains("more than the 200 &lt;allowed&gt;.", image.Svg);
    }

    [Fact]
    public void A_long_note_is_wrapped_onto_several_lines()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 60));
        GraphImage.Draw = _ => throw new InvalidOperationException(words);

        var image = Notebook.Graph(SeedExample());

        Assert.True(image.Svg.Split("<tspan").Length - 1 >= 3);
    }

    [Fact]
    public void The_library_draws_a_small_graph()
    {
        var image = Notebook.Graph(SeedExample());

        Assert.StartsWith("<svg", image.Svg);
        Assert.Contains("<title>Computation graph of f", image.Svg);
        Assert.Equal("Graph of f: 5 nodes, value -12", image.Text);
    }
}
