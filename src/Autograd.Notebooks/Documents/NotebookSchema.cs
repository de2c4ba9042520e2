using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autograd.Notebooks.Documents;

/// <summary>
/// Checks, when a notebook is read, that every part this tool reads has the JSON type nbformat gives it, so that a
/// hand-edited or damaged file is reported once, saying where it is wrong ("cell 3: 'source' must be a string or a
/// list of strings, found a number"), instead of failing in the middle of a run. A missing or null value counts as
/// absent, as the readers treat it; parts this tool does not read are not checked.
/// </summary>
internal static class NotebookSchema
{
    private static readonly string[] OutputTypes = ["stream", "display_data", "execute_result", "error"];

    /// <summary>Throws <see cref="NotebookFormatException"/> naming the first part of <paramref name="root"/> that is wrong.</summary>
    public static void Check(JsonObject root, string path)
    {
        if (Problem(root) is { } problem)
        {
            throw new NotebookFormatException(path, problem);
        }
    }

    private static string? Problem(JsonObject root)
    {
        if (root["cells"] is not JsonArray cells)
        {
            return "not a notebook (no \"cells\" list)";
        }

        // Each check in a chain reads only what the checks before it have shown to be an object (or absent).
        var polyglot = Child(root["metadata"], "polyglot_notebook");
        var problem = WholeNumber(root["nbformat"], "nbformat")
            ?? WholeNumber(root["nbformat_minor"], "nbformat_minor")
            ?? Object(root["metadata"], "metadata")
            ?? Object(polyglot, "metadata.polyglot_notebook")
            ?? Object(Child(polyglot, "kernelInfo"), "metadata.polyglot_notebook.kernelInfo")
            ?? String(Child(Child(polyglot, "kernelInfo"), "defaultKernelName"), "metadata.polyglot_notebook.kernelInfo.defaultKernelName");
        if (problem is not null)
        {
            return problem;
        }

        for (var i = 0; i < cells.Count; i++)
        {
            problem = cells[i] is JsonObject cell ? CellProblem(cell) : $"a cell must be an object, found {Describe(cells[i])}";
            if (problem is not null)
            {
                return $"cell {i + 1}: {problem}";
            }
        }

        return null;
    }

    private static string? CellProblem(JsonObject cell)
    {
        var metadata = cell["metadata"];
        var problem = String(cell["cell_type"], "cell_type")
            ?? String(cell["id"], "id")
            ?? Text(cell["source"], "source")
            ?? WholeNumber(cell["execution_count"], "execution_count")
            ?? Object(metadata, "metadata")
            ?? Object(Child(metadata, "polyglot_notebook"), "metadata.polyglot_notebook")
            ?? String(Child(Child(metadata, "polyglot_notebook"), "kernelName"), "metadata.polyglot_notebook.kernelName")
            ?? Object(Child(metadata, "dotnet_interactive"), "metadata.dotnet_interactive")
            ?? String(Child(Child(metadata, "dotnet_interactive"), "language"), "metadata.dotnet_interactive.language");
        if (problem is not null || cell["outputs"] is null)
        {
            return problem;
        }

        if (cell["outputs"] is not JsonArray outputs)
        {
            return $"'outputs' must be a list, found {Describe(cell["outputs"])}";
        }

        for (var i = 0; i < outputs.Count; i++)
        {
            problem = outputs[i] is JsonObject output
                ? OutputProblem(output) is { } outputProblem ? $"output {i + 1}: {outputProblem}" : null
                : $"output {i + 1} must be an object, found {Describe(outputs[i])}";
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? OutputProblem(JsonObject output)
    {
        if (String(output["output_type"], "output_type") is { } typeProblem)
        {
            return typeProblem;
        }

        var type = output["output_type"]?.GetValue<string>();
        switch (type)
        {
            case "stream":
                return String(output["name"], "name") ?? Text(output["text"], "text");
            case "error":
                return String(output["ename"], "ename") ?? String(output["evalue"], "evalue") ?? Lines(output["traceback"], "traceback");
            case "display_data" or "execute_result":
                var data = output["data"];
                // JSON formats hold any JSON; the others hold text, as one string or a list of lines.
                return Object(data, "data") ?? (data as JsonObject ?? [])
                    .Where(format => !DisplayOutput.IsJson(format.Key))
                    .Select(format => Text(format.Value, $"data.{format.Key}"))
                    .FirstOrDefault(problem => problem is not null);
            default:
                return $"unknown 'output_type' \"{type}\" (expected {string.Join(", ", OutputTypes)})";
        }
    }

    private static JsonNode? Child(JsonNode? node, string name) => (node as JsonObject)?[name];

    private static string? Object(JsonNode? node, string name) =>
        node is null or JsonObject ? null : $"'{name}' must be an object, found {Describe(node)}";

    private static string? String(JsonNode? node, string name) =>
        IsStringOrNull(node) ? null : $"'{name}' must be a string, found {Describe(node)}";

    private static string? WholeNumber(JsonNode? node, string name) =>
        node is null || (node is JsonValue value && value.TryGetValue<int>(out _))
            ? null
            : $"'{name}' must be a whole number, found {Describe(node)}";

    /// <summary>Text as notebooks store it: one string, or a list of strings (lines).</summary>
    private static string? Text(JsonNode? node, string name) =>
        node is JsonArray
            ? Lines(node, name, "a string or a list of strings")
            : IsStringOrNull(node) ? null : $"'{name}' must be a string or a list of strings, found {Describe(node)}";

    private static string? Lines(JsonNode? node, string name, string expected = "a list of strings")
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray lines)
        {
            return $"'{name}' must be {expected}, found {Describe(node)}";
        }

        var notText = lines.FirstOrDefault(line => !IsStringOrNull(line));
        return notText is null ? null : $"'{name}' must be {expected}, found a list holding {Describe(notText)}";
    }

    private static bool IsStringOrNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.String;

    private static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
