using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autograd.Notebooks.Documents;

/// <summary>
/// An .ipynb notebook as Polyglot Notebooks in VS Code writes it. Everything in the file is kept as it was read
/// (unknown metadata included); cells and outputs are read and changed through <see cref="Cells"/>.
/// </summary>
internal sealed class NotebookDocument
{
    private const string CSharp = "csharp";

    private readonly JsonObject root;

    private NotebookDocument(JsonObject root, string path)
    {
        NotebookSchema.Check(root, path);
        this.root = root;
        Path = path;
        var defaultKernel = root["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>()
            ?? CSharp;
        Cells = root["cells"]!.AsArray()
            .Select((cell, i) => new NotebookCell(cell!.AsObject(), i + 1, defaultKernel))
            .ToArray();
    }

    /// <summary>The file the notebook was read from (full path).</summary>
    public string Path { get; }

    /// <summary>The notebook's file name without its folder.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Every cell, in order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="NotebookFormatException">The file is not JSON, or not a notebook, or a part of it has the wrong
    /// JSON type (see <see cref="NotebookSchema"/>).</exception>
    public static NotebookDocument Load(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        return Parse(File.ReadAllText(fullPath), fullPath);
    }

    /// <summary>Reads a notebook from its JSON text; <paramref name="path"/> says where it lives.</summary>
    /// <exception cref="NotebookFormatException">The text is not JSON, or not a notebook, or a part of it has the wrong
    /// JSON type (see <see cref="NotebookSchema"/>).</exception>
    public static NotebookDocument Parse(string json, string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path, $"not valid JSON ({e.Message})", e);
        }

        return new NotebookDocument(
            node as JsonObject ?? throw new NotebookFormatException(path, "not a notebook (not a JSON object)"),
            path);
    }

    /// <summary>An independent copy, to record a run in without touching this document.</summary>
    public NotebookDocument Clone() => Parse(ToJson(), Path);

    /// <summary>The notebook as stable JSON (see <see cref="StableJson"/>).</summary>
    public string ToJson() => StableJson.Serialize(root);

    /// <summary>Writes the notebook to <paramref name="path"/> (default: where it was read from).</summary>
    public void Save(string? path = null) => File.WriteAllText(path ?? Path, ToJson());

    /// <summary>
    /// Fills in what Polyglot Notebooks in VS Code writes, where it is missing: the .NET (C#) kernelspec, the
    /// polyglot_notebook kernel info, each code cell's kernel metadata, and a unique id for every cell
    /// (nbformat 4.5); and the language as the .NET kernel reports it to Jupyter (C#), where it is missing or VS Code's
    /// own (<c>polyglot-notebook</c>). Other present values are left alone, so applying this twice changes nothing.
    /// </summary>
    public void ApplyVsCodeLayout()
    {
        var metadata = Child(root, "metadata");
        metadata["kernelspec"] ??= new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        };
        // VS Code saves its own language name here, which Jupyter and nbconvert do not know; the kernel's is kept.
        if ((metadata["language_info"] as JsonObject)?["name"] is not JsonValue name
            || !name.TryGetValue<string>(out var language)
            || language == "polyglot-notebook")
        {
            metadata["language_info"] = CSharpLanguageInfo();
        }

        Child(metadata, "polyglot_notebook")["kernelInfo"] ??= new JsonObject
        {
            ["defaultKernelName"] = CSharp,
            ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = CSharp }),
        };

        root["nbformat"] = 4;
        if ((root["nbformat_minor"]?.GetValue<int>() ?? 0) < 5)
        {
            root["nbformat_minor"] = 5;
        }

        var ids = new HashSet<string>(Cells.Select(cell => cell.Id).OfType<string>(), StringComparer.Ordinal);
        foreach (var cell in Cells)
        {
            var json = cell.Json;
            if (cell.Id is null)
            {
                string id;
                do
                {
                    id = Guid.NewGuid().ToString("N")[..8];
                }
                while (!ids.Add(id));

                json["id"] = id;
            }

            var cellMetadata = Child(json, "metadata");
            json["source"] = MultilineText.Split(cell.Source);
            if (cell.IsCode)
            {
                var kernel = cell.KernelName;
                Child(cellMetadata, "dotnet_interactive")["language"] ??= kernel;
                Child(cellMetadata, "polyglot_notebook")["kernelName"] ??= kernel;
                Child(cellMetadata, "vscode")["languageId"] ??= "polyglot-notebook";
                json["outputs"] ??= new JsonArray();
                if (!json.ContainsKey("execution_count"))
                {
                    json["execution_count"] = null;
                }
            }
        }
    }

    /// <summary>What the .NET Interactive kernel reports to Jupyter as its language, and nbconvert saves.</summary>
    private static JsonObject CSharpLanguageInfo() => new()
    {
        ["file_extension"] = ".cs",
        ["mimetype"] = "text/x-csharp",
        ["name"] = "C#",
        ["pygments_lexer"] = "csharp",
        ["version"] = "13.0",
    };

    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject child)
        {
            return child;
        }

        child = new JsonObject();
        parent[name] = child;
        return child;
    }
}
