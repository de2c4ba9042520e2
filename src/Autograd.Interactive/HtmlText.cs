using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Autograd.Interactive;

/// <summary>
/// The text a reader sees in one of the notebook's HTML outputs, as plain lines: a console program that runs a
/// notebook's code prints this where the notebook shows the HTML (a table of a tensor's values, a scalar's row), and
/// the tests that compare the program's printout with the notebook's outputs read the committed HTML the same way.
/// </summary>
/// <remarks>
/// Scripts and styles are dropped; block elements (<c>div</c>, <c>p</c>, <c>caption</c>, <c>br</c>) end a line; a
/// table becomes one line per row with its columns aligned, two spaces apart. Runs of white space in text become one
/// space. Only the markup this library writes is meant: it is not a general HTML renderer.
/// </remarks>
internal static partial class HtmlText
{
    private static readonly HashSet<string> LineBreaks = ["div", "p", "br", "caption", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6"];

    /// <summary>The lines of text in <paramref name="html"/>, joined with <c>\n</c>, without a final line break.</summary>
    internal static string Of(string html)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        List<List<string>>? table = null;
        List<string>? row = null;
        StringBuilder? cell = null;

        void EndLine()
        {
            var text = line.ToString().Trim();
            if (text.Length > 0)
            {
                lines.Add(text);
            }

            line.Clear();
        }

        void EndCell()
        {
            if (cell is not null)
            {
                (row ??= []).Add(cell.ToString().Trim());
                cell = null;
            }
        }

        void EndRow()
        {
            EndCell();
            if (row is not null)
            {
                (table ??= []).Add(row);
                row = null;
            }
        }

        foreach (Match token in Token().Matches(Hidden().Replace(html, "")))
        {
            if (token.Groups["tag"].Success)
            {
                var name = token.Groups["name"].Value.ToLowerInvariant();
                bool closing = token.Groups["close"].Success;
                switch (name)
                {
                    case "table" when !closing:
                        EndLine();
                        table = [];
                        break;
                    case "table":
                        EndRow();
                        EndLine();
                        lines.AddRange(Aligned(table ?? []));
                        table = null;
                        break;
                    case "tr":
                        EndRow();
                        if (!closing)
                        {
                            row = [];
                        }

                        break;
                    case "td" or "th":
                        EndCell();
                        if (!closing)
                        {
                            cell = new StringBuilder();
                        }

                        break;
                    default:
                        if (LineBreaks.Contains(name) && cell is null)
                        {
                            EndLine();
                        }

                        break;
                }
            }
            else
            {
                var text = Space().Replace(WebUtility.HtmlDecode(token.Value), " ");
                (cell ?? line).Append(text);
            }
        }

        EndRow();
        EndLine();
        if (table is not null)
        {
            lines.AddRange(Aligned(table));
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// The static SVG drawing inside a chart's HTML output (the one shown where scripts do not run), or null if the
    /// output holds none.
    /// </summary>
    internal static string? ChartDrawing(string html)
    {
        int holder = html.IndexOf("-static\">", StringComparison.Ordinal);
        int start = holder < 0 ? -1 : html.IndexOf("<svg", holder, StringComparison.Ordinal);
        int end = start < 0 ? -1 : html.IndexOf("</svg>", start, StringComparison.Ordinal);
        return end < 0 ? null : html[start..(end + "</svg>".Length)];
    }

    private static IEnumerable<string> Aligned(List<List<string>> rows)
    {
        int columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Count ? r[c].Length : 0)).ToArray();
        return rows.Select(r => string.Join("  ", r.Select((text, c) => text.PadRight(widths[c]))).TrimEnd());
    }

    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"(?<tag><(?<close>/)?(?<name>[a-zA-Z][a-zA-Z0-9]*)[^>]*>)|[^<]+|<")]
    private static partial Regex Token();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
