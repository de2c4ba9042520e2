using System.Text;
using System.Text.Json.Nodes;

namespace Autograd.Notebooks.Documents;

/// <summary>
/// Notebook files store long text (sources, stream text, HTML) either as one string or as a list of lines, each
/// keeping its own line break. Jupyter and VS Code write the list form; both forms are read.
/// </summary>
internal static class MultilineText
{
    public static string Join(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(line => line?.GetValue<string>() ?? "")),
        _ => node.GetValue<string>(),
    };

    public static JsonArray Split(string text)
    {
        var lines = new JsonArray();
        var line = new StringBuilder();
        foreach (var c in text)
        {
            line.Append(c);
            if (c == '\n')
            {
                lines.Add(line.ToString());
                line.Clear();
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }
}
