using Autograd.NN;
using Microsoft.DotNet.Interactive.Formatting;

namespace Autograd.Interactive.Tests;

public class ModuleDisplayTests
{
    public ModuleDisplayTests() => Notebook.Setup();

    /// <summary>The JavaScript post's network.</summary>
    private static Sequential PostNetwork() =>
        new(new Linear(2, 3, new Random(0)), new ReLU(), new Linear(3, 2, new Random(0)), new Softmax());

    [Fact]
    public void The_post_s_network_prints_as_a_table_of_layers_with_9_plus_8_parameters()
    {
        Assert.Equal(
            "Sequential: 4 layers, 17 parameters\n" +
            "#  Layer         Parameter shapes      Parameters\n" +
            "0  Linear(2, 3)  weight 2×3, bias 1×3           9\n" +
            "1  ReLU          —                              0\n" +
            "2  Linear(3, 2)  weight 3×2, bias 1×2           8\n" +
            "3  Softmax       —                              0\n" +
            "   total                                       17",
            Formatter.ToDisplayString(PostNetwork(), "text/plain"));
    }

    [Fact]
    public void The_text_is_the_library_s_own_printout_of_a_sequential()
    {
        var model = PostNetwork();

        Assert.Equal(model.ToString(), Formatter.ToDisplayString(model, "text/plain"));
    }

    [Fact]
    public void The_html_table_has_a_row_per_layer_and_the_total()
    {
        var html = Formatter.ToDisplayString(PostNetwork(), "text/html");

        Assert.StartsWith("<div class=\"autograd-module\"", html);
        Assert.Contains("<b>Sequential: 4 layers, 17 parameters</b>", html);
        Assert.Equal(1 + 4 + 1, html.Split("<tr>").Length - 1);
        Assert.Contains(">Linear(2, 3)</td>", html);
        Assert.Contains(">weight 3×2, bias 1×2</td>", html);
        Assert.Contains("<b>17</b>", html);
    }

    [Fact]
    public void A_single_module_is_one_row_and_a_module_given_as_Module_shows_the_same()
    {
        Module layer = new Linear(64, 10, new Random(0));

        Assert.Equal(
            "Linear: 650 parameters\n" +
            "#  Layer           Parameter shapes         Parameters\n" +
            "   Linear(64, 10)  weight 64×10, bias 1×10         650\n" +
            "   total                                           650",
            Formatter.ToDisplayString(layer, "text/plain"));
        Assert.Contains("<b>ReLU: 0 parameters</b>", Formatter.ToDisplayString(new ReLU(), "text/html"));
    }

    [Fact]
    public void A_nested_sequential_is_opened_up_with_its_state_dict_indices()
    {
        var model = new Sequential(new Linear(2, 4, new Random(0)), new Sequential(new Tanh(), new Linear(4, 1, new Random(0))));

        var text = Formatter.ToDisplayString(model, "text/plain");

        Assert.StartsWith("Sequential: 2 layers, 17 parameters\n", text);
        Assert.Contains("\n1.0  Tanh ", text);
        Assert.Contains("\n1.1  Linear(4, 1)  weight 4×1, bias 1×1", text);
    }

    [Fact]
    public void Counts_have_thousands_separators_in_every_culture_and_registering_twice_changes_nothing()
    {
        var mlp = new Sequential(new Linear(64, 100, new Random(0)), new ReLU(), new Linear(100, 10, new Random(0)));
        var before = Formatter.ToDisplayString(mlp, "text/plain");

        using var german = CultureScope.German();
        Notebook.Setup();

        Assert.Equal(before, Formatter.ToDisplayString(mlp, "text/plain"));
        Assert.StartsWith("Sequential: 3 layers, 7,510 parameters\n", before);
        Assert.Matches(@"\n +total +7,510$", before);
    }

    [Fact]
    public void Layer_names_and_labels_are_escaped_in_html()
    {
        var html = Formatter.ToDisplayString(new Angle(), "text/html");

        Assert.Contains("&lt;angle&gt;", html);
        Assert.DoesNotContain("<angle>", html);
    }

    private sealed class Angle : Module
    {
        public override Tensor Forward(Tensor input) => input;

        public override string ToString() => "<angle>";
    }
}
