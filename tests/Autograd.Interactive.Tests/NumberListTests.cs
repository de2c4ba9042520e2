using Microsoft.DotNet.Interactive.Formatting;

namespace Autograd.Interactive.Tests;

public class NumberListTests
{
    [Fact]
    public void A_short_list_shows_every_number_rounded()
    {
        Assert.Equal("[ 0.333333, 2.5, -1 ]", NumberHtml.ListText([1.0 / 3, 2.5, -1]));
    }

    [Fact]
    public void A_long_list_counts_what_it_leaves_out()
    {
        var values = Enumerable.Range(0, Formatter.ListExpansionLimit + 7).Select(i => (double)i).ToList();

        var text = NumberHtml.ListText(values);

        Assert.StartsWith("[ 0, 1, 2, ", text);
        Assert.EndsWith($"{Formatter.ListExpansionLimit - 1} ... (7 more) ]", text);
    }

    [Fact]
    public void An_empty_list_shows_empty_brackets()
    {
        Assert.Equal("[  ]", NumberHtml.ListText([]));
    }
}
