using System.Text.Json.Nodes;

namespace Autograd.Notebooks.Documents;

/// <summary>One item in a code cell's output area, as stored in an .ipynb file.</summary>
internal abstract record CellOutput
{
    internal abstract JsonObject ToJson();

    internal static CellOutput FromJson(JsonObject json)
    {
        var type = json["output_type"]?.GetValue<string>();
        return type switch
        {
            "stream" => new StreamOutput(
                json["name"]?.GetValue<string>() ?? "stdout",
                MultilineText.Join(json["text"])),
            "display_data" or "execute_result" => DisplayOutput.FromData(json["data"] as JsonObject ?? []),
            "error" => new ErrorOutput(
                json["ename"]?.GetValue<string>() ?? "",
                json["evalue"]?.GetValue<string>() ?? "",
                (json["traceback"] as JsonArray ?? []).Select(line => line?.GetValue<string>() ?? "").ToArray()),
            _ => throw new FormatException($"unknown output_type \"{type}\""),
        };
    }
}

/// <summary>Text the cell wrote to standard output or standard error (<see cref="Name"/> is stdout or stderr).</summary>
internal sealed record StreamOutput(string Name, string Text) : CellOutput
{
    internal override JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["output_type"] = "stream",
        ["text"] = MultilineText.Split(Text),
    };
}

/// <summary>
/// A value the cell displayed or returned, in one or more formats: <see cref="Data"/> maps a MIME type (text/html,
/// text/plain, image/svg+xml, …) to its content. JSON formats hold their JSON text.
/// </summary>
internal sealed record DisplayOutput(IReadOnlyDictionary<string, string> Data) : CellOutput
{
    internal static DisplayOutput FromData(JsonObject data)
    {
        var formats = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (mimeType, value) in data)
        {
            formats[mimeType] = IsJson(mimeType) ? value?.ToJsonString() ?? "null" : MultilineText.Join(value);
        }

        return new DisplayOutput(formats);
    }

    // Polyglot Notebooks writes every displayed or returned value as display_data, so this does too.
    internal override JsonObject ToJson()
    {
        var data = new JsonObject();
        foreach (var (mimeType, value) in Data)
        {
            data[mimeType] = IsJson(mimeType) ? JsonNode.Parse(value)
                : IsText(mimeType) ? MultilineText.Split(value)
                : value;
        }

        return new JsonObject
        {
            ["data"] = data,
            ["metadata"] = new JsonObject(),
            ["output_type"] = "display_data",
        };
    }

    /// <summary>Whether a format is text that a person or a diff can read (as opposed to, say, base64 PNG).</summary>
    public static bool IsText(string mimeType) =>
        mimeType.StartsWith("text/", StringComparison.Ordinal)
        || mimeType is "image/svg+xml" or "application/javascript"
        || IsJson(mimeType);

    internal static bool IsJson(string mimeType) =>
        mimeType == "application/json" || mimeType.EndsWith("+json", StringComparison.Ordinal);
}

/// <summary>An exception or compiler error the cell ended with.</summary>
internal sealed record ErrorOutput(string Name, string Message, IReadOnlyList<string> Traceback) : CellOutput
{
    internal override JsonObject ToJson() => new()
    {
        ["ename"] = Name,
        ["evalue"] = Message,
        ["output_type"] = "error",
        ["traceback"] = new JsonArray(Traceback.Select(line => (JsonNode?)line).ToArray()),
    };
}
