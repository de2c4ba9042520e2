using Microsoft.DotNet.Interactive.Formatting;

namespace Autograd.Interactive;

/// <summary>Numbers and lists of numbers as the kernel shows them by default, but rounded and culture-invariant.</summary>
internal static class NumberHtml
{
    /// <summary>One number: <c>&lt;div class="dni-plaintext"&gt;&lt;pre&gt;0.333333&lt;/pre&gt;&lt;/div&gt;</c>.</summary>
    internal static string Number(double value) => Plain(NumberText.Format(value));

    /// <summary>A list of numbers, as <see cref="ListText"/> writes it.</summary>
    internal static string List(IEnumerable<double> values) => Plain(ListText(values));

    /// <summary>
    /// <c>[ 0, 0.142857, 0.285714 ]</c>; past <see cref="Formatter.ListExpansionLimit"/> items the rest are
    /// counted, as the kernel's own list printout does: <c>[ 0, 1, 2 ... (27 more) ]</c>.
    /// </summary>
    internal static string ListText(IEnumerable<double> values)
    {
        int limit = Formatter.ListExpansionLimit;
        var shown = new List<string>();
        int more = 0;
        foreach (var value in values)
        {
            if (shown.Count < limit)
            {
                shown.Add(NumberText.Format(value));
            }
            else
            {
                more++;
            }
        }

        var rest = more > 0 ? $" ... ({more} more)" : "";
        return shown.Count == 0 ? "[  ]" : $"[ {string.Join(", ", shown)}{rest} ]";
    }

    private static string Plain(string text) => $"<div class=\"dni-plaintext\"><pre>{text}</pre></div>";
}
