using Microsoft.DotNet.Interactive.Formatting;

namespace Autograd.Interactive.Tests;

public class DisplayFormattersTests
{
    public DisplayFormattersTests() => Notebook.Setup();

    private static Scalar SeedExample()
    {
        var x = new Scalar(-2, label: "x");
        var y = new Scalar(5, label: "y");
        var z = new Scalar(-4, label: "z");
        var f = new Mul(new Add(x, y, "q"), z, "f");
        f.Backward();
        return f;
    }

    [Fact]
    public void A_scalar_shows_as_a_table_of_value_grad_op_and_label()
    {
        var html = Formatter.ToDisplayString(SeedExample(), "text/html");

        Assert.Equal(
            "<table class=\"autograd-scalar\"><thead><tr><th>value</th><th>grad</th><th>op</th><th>label</th></tr></thead>" +
            "<tbody><tr><td>-12</td><td>1</td><td>Mul</td><td>f</td></tr></tbody></table>",
            html);
    }

    [Fact]
    public void A_leaf_shows_leaf_as_its_op_and_says_when_it_takes_no_grad()
    {
        var html = Formatter.ToDisplayString(new Scalar(1.0 / 3, requiresGrad: false, label: "w"), "text/html");

        Assert.Contains("<td>0.333333</td><td>0 (no grad)</td><td>leaf</td><td>w</td>", html);
    }

    [Fact]
    public void A_scalar_label_is_escaped_in_html()
    {
        var html = Formatter.ToDisplayString(new Scalar(1, label: "<b>&"), "text/html");

        Assert.Contains("<td>&lt;b&gt;&amp;</td>", html);
    }

    [Fact]
    public void Html_escapes_markup_alone_with_the_library_s_escaper_so_symbols_stay_readable()
    {
        var html = Formatter.ToDisplayString(new Scalar(1, label: "w×2 → 'y'"), "text/html");

        Assert.Contains("<td>w×2 → &apos;y&apos;</td>", html);
    }

    [Fact]
    public void A_scalar_as_text_is_its_ToString()
    {
        var f = SeedExample();

        Assert.Equal("Scalar(value=-12, grad=1, op=Mul, label=f)", Formatter.ToDisplayString(f, "text/plain"));
    }

    [Fact]
    public void A_scalar_shows_the_same_under_a_German_culture()
    {
        using var german = CultureScope.German();

        var html = Formatter.ToDisplayString(new Scalar(1234.5678, label: "big"), "text/html");

        Assert.Contains("<td>1234.57</td>", html);
    }

    [Fact]
    public void A_double_is_rounded_and_culture_invariant_in_html_and_text()
    {
        using var german = CultureScope.German();

        Assert.Equal("<div class=\"dni-plaintext\"><pre>0.333333</pre></div>", Formatter.ToDisplayString(1.0 / 3, "text/html"));
        Assert.Equal("1234.57", Formatter.ToDisplayString(1234.5678, "text/plain"));
    }

    [Fact]
    public void A_list_of_doubles_is_rounded_and_culture_invariant()
    {
        using var german = CultureScope.German();

        Assert.Equal(
            "<div class=\"dni-plaintext\"><pre>[ 0.333333, 1234.57 ]</pre></div>",
            Formatter.ToDisplayString(new[] { 1.0 / 3, 1234.5678 }, "text/html"));
        Assert.Equal("[ 0.5, 2 ]", Formatter.ToDisplayString(new List<double> { 0.5, 2 }, "text/plain"));
    }

    [Fact]
    public void Running_setup_again_leaves_the_same_formatting()
    {
        var before = Formatter.ToDisplayString(SeedExample(), "text/html");

        Notebook.Setup();
        Notebook.Setup();

        Assert.Equal(before, Formatter.ToDisplayString(SeedExample(), "text/html"));
    }

    [Fact]
    public void Setup_works_again_after_the_host_resets_the_formatters()
    {
        Formatter.ResetToDefault();

        Notebook.Setup();

        Assert.StartsWith("<table class=\"autograd-scalar\">", Formatter.ToDisplayString(SeedExample(), "text/html"));
    }

    [Fact]
    public void Charts_and_graph_pictures_prefer_their_own_mime_types()
    {
        Assert.Equal(["text/html"], Formatter.GetPreferredMimeTypesFor(typeof(Plotly.NET.GenericChart)));
        Assert.Equal(["image/svg+xml", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(SvgImage)));
    }
}
