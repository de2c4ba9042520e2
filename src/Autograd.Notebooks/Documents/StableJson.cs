using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Autograd.Notebooks.Documents;

/// <summary>
/// Writes JSON the way Jupyter and VS Code write notebooks: keys sorted (ordinal), one space of indent per level,
/// non-ASCII text as itself, and a trailing newline. Writing the same notebook twice gives the same bytes, so
/// re-running <c>update</c> on an unchanged notebook leaves no diff in git.
/// </summary>
internal static class StableJson
{
    public static string Serialize(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node, depth: 0);
        text.Append('\n');
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                WriteObject(text, obj, depth);
                break;
            case JsonArray array:
                WriteArray(text, array, depth);
                break;
            case JsonValue value when value.TryGetValue<string>(out var s):
                WriteString(text, s);
                break;
            default:
                // Numbers and booleans keep the text they were read with.
                text.Append(node.ToJsonString());
                break;
        }
    }

    private static void WriteObject(StringBuilder text, JsonObject obj, int depth)
    {
        if (obj.Count == 0)
        {
            text.Append("{}");
            return;
        }

        text.Append('{');
        var first = true;
        foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(first ? "\n" : ",\n");
            first = false;
            text.Append(' ', depth + 1);
            WriteString(text, key);
            text.Append(": ");
            Write(text, value, depth + 1);
        }

        text.Append('\n').Append(' ', depth).Append('}');
    }

    private static void WriteArray(StringBuilder text, JsonArray array, int depth)
    {
        if (array.Count == 0)
        {
            text.Append("[]");
            return;
        }

        text.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            text.Append(i == 0 ? "\n" : ",\n");
            text.Append(' ', depth + 1);
            Write(text, array[i], depth + 1);
        }

        text.Append('\n').Append(' ', depth).Append(']');
    }

    /// <summary>Escapes exactly what JavaScript's <c>JSON.stringify</c> and Python's <c>json.dumps</c> escape.</summary>
    private static void WriteString(StringBuilder text, string s)
    {
        text.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < ' ' || IsLoneSurrogate(s, i))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }

    private static bool IsLoneSurrogate(string s, int i) =>
        char.IsHighSurrogate(s[i]) ? i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])
        : char.IsLowSurrogate(s[i]) && (i == 0 || !char.IsHighSurrogate(s[i - 1]));
}
