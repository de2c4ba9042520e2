using System.Text;

namespace Autograd.Interactive;

/// <summary>Escaping for text placed in HTML or SVG.</summary>
internal static class Markup
{
    /// <summary>
    /// Escapes the characters markup reserves (<c>&amp; &lt; &gt; "</c>) and nothing else, so <c>×</c>, <c>→</c> and
    /// <c>…</c> stay readable in saved outputs (<c>WebUtility.HtmlEncode</c> would write <c>&amp;#215;</c>).
    /// </summary>
    internal static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"") < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
