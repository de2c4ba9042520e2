using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.DotNet.Interactive.Formatting;

namespace Autograd.Interactive.Tests;

public class TensorDisplayTests
{
    public TensorDisplayTests() => Notebook.Setup();

    /// <summary>W = [[1, 2.5, -3], [1/3, 1234.5678, 5]], with gradient 2 everywhere, from backward through 2·W.</summary>
    private static Tensor Small()
    {
        var w = new Tensor(2, 3) { Label = "W" };
        w.SetFrom([1, 2.5, -3, 1.0 / 3, 1234.5678, 5]);
        var doubled = w * 2;
        doubled.Backward(Tensor.Ones(2, 3));
        return w;
    }

    private static Tensor Large()
    {
        var t = new Tensor(20, 30);
        var values = new double[600];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i;
        }

        t.SetFrom(values);
        return t;
    }

    private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    [Fact]
    public void A_tensor_as_text_states_its_shape_and_aligns_values_and_grads()
    {
        using var german = CultureScope.German();

        Assert.Equal(
            "Tensor 2×3 · label W · leaf · requires grad\n" +
            "data\n" +
            "         1      2.5  -3\n" +
            "  0.333333  1234.57   5\n" +
            "grad\n" +
            "  2  2  2\n" +
            "  2  2  2",
            Formatter.ToDisplayString(Small(), "text/plain"));
    }

    [Fact]
    public void A_tensor_as_text_is_the_library_s_printout()
    {
        var w = Small();

        Assert.Equal(w.ToString(), Formatter.ToDisplayString(w, "text/plain"));
        Assert.Equal(Large().ToString(), Formatter.ToDisplayString(Large(), "text/plain"));
    }

    [Fact]
    public void A_tensor_in_html_has_its_shape_values_and_grads_rounded_and_culture_invariant()
    {
        using var german = CultureScope.German();

        var html = Formatter.ToDisplayString(Small(), "text/html");

        Assert.StartsWith("<div class=\"autograd-tensor\"", html);
        Assert.Contains("<b>Tensor 2×3</b>", html);
        Assert.Contains("label W", html);
        Assert.Contains("requires grad", html);
        Assert.Equal(["1", "2.5", "-3", "0.333333", "1234.57", "5", "2", "2", "2", "2", "2", "2"], Cells(html));
        Assert.Contains(">data</caption>", html);
        Assert.Contains(">grad</caption>", html);
    }

    [Fact]
    public void A_tensor_in_html_is_well_formed()
    {
        var root = XElement.Parse(Formatter.ToDisplayString(Small(), "text/html"));

        Assert.Equal(2, root.Descendants("table").Count());
        Assert.Equal(["0", "1", "2"], root.Descendants("thead").First().Descendants("th").Skip(1).Select(th => th.Value));
    }

    [Fact]
    public void A_tensor_without_grad_shows_no_grad_table()
    {
        var t = Tensor.Ones(1, 4);

        var html = Formatter.ToDisplayString(t, "text/html");
        var text = Formatter.ToDisplayString(t, "text/plain");

        Assert.Contains("no grad", html);
        Assert.DoesNotContain(">grad</caption>", html);
        Assert.Equal(4, Cells(html).Length);
        Assert.Equal("Tensor 1×4 · leaf · no grad\ndata\n  1  1  1  1", text);
    }

    [Fact]
    public void An_operation_s_result_names_its_op()
    {
        var a = Tensor.Ones(2, 2, requiresGrad: true);
        var sum = a + a;

        Assert.StartsWith($"Tensor 2×2 · op {sum.Op} · requires grad\n", Formatter.ToDisplayString(sum, "text/plain"));
        Assert.Contains($"op {sum.Op}", Formatter.ToDisplayString(sum, "text/html"));
    }

    [Fact]
    public void A_tensor_label_is_escaped_in_html()
    {
        var t = new Tensor(1, 1) { Label = "<b>&" };

        Assert.Contains("label &lt;b&gt;&amp;", Formatter.ToDisplayString(t, "text/html"));
    }

    [Fact]
    public void A_large_tensor_in_html_shows_its_corners_and_its_full_shape()
    {
        var html = Formatter.ToDisplayString(Large(), "text/html");

        Assert.Contains("<b>Tensor 20×30</b>", html);
        Assert.Contains("showing 8 of 20 rows, 8 of 30 columns", html);

        // Per table 8×8 numbers plus a row and a column of "…": 81 cells, for data and for grad.
        var cells = Cells(html);
        Assert.Equal(2 * 81, cells.Length);
        Assert.Equal(2 * 17, cells.Count(cell => cell == "…"));
        Assert.Equal(["0", "1", "2", "3", "…", "26", "27", "28", "29"], cells.Take(9));
        Assert.Equal(["570", "571", "572", "573", "…", "596", "597", "598", "599"], cells.Skip(72).Take(9));
        Assert.Contains(">19</th>", html);
        Assert.DoesNotContain(">10</th>", html);
    }

    [Fact]
    public void A_large_tensor_as_text_shows_its_corners()
    {
        var lines = Formatter.ToDisplayString(Large(), "text/plain").Split('\n');

        Assert.Equal("Tensor 20×30 · leaf · requires grad · showing 8 of 20 rows, 8 of 30 columns", lines[0]);
        Assert.Equal(1 + (2 * 10), lines.Length);
        Assert.Equal("    0    1    2    3  …   26   27   28   29", lines[2]);
        Assert.Equal("    …    …    …    …  …    …    …    …    …", lines[6]);
        Assert.Equal("  570  571  572  573  …  596  597  598  599", lines[10]);
        Assert.All(lines.Skip(1), line => Assert.True(line.Length < 80, line));
    }

    [Fact]
    public void A_tensor_of_exactly_eight_by_eight_is_shown_whole()
    {
        var html = Formatter.ToDisplayString(Tensor.Zeros(8, 8), "text/html");

        Assert.DoesNotContain("…", html);
        Assert.DoesNotContain("showing", html);
        Assert.Equal(64, Cells(html).Length);
    }

    [Fact]
    public void Running_setup_again_leaves_the_same_tensor_formatting()
    {
        var before = Formatter.ToDisplayString(Small(), "text/html");

        Formatter.ResetToDefault();
        Notebook.Setup();
        Notebook.Setup();

        Assert.Equal(before, Formatter.ToDisplayString(Small(), "text/html"));
    }

    /// <summary>The text of every <c>td</c>, in document order.</summary>
    private static string[] Cells(string html) =>
        XElement.Parse(html).Descendants("td").Select(td => td.Value).ToArray();
}
