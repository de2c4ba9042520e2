using System.Text.Json.Nodes;

namespace Autograd.Notebooks.Documents;

/// <summary>One cell of a <see cref="NotebookDocument"/>; changes write through to the document.</summary>
internal sealed class NotebookCell
{
    /// <summary>
    /// A code cell whose source contains this comment is run but its outputs are not compared with the committed
    /// ones by <c>verify</c>: for output that legitimately differs from run to run (timings, machine details).
    /// </summary>
    public const string NoVerifyMarker = "// notebook: no-verify";

    private readonly JsonObject json;
    private readonly string defaultKernelName;

    internal NotebookCell(JsonObject json, int number, string defaultKernelName)
    {
        this.json = json;
        this.defaultKernelName = defaultKernelName;
        Number = number;
    }

    /// <summary>The cell's position in the notebook, counting from 1 and counting markdown cells too.</summary>
    public int Number { get; }

    /// <summary><c>code</c>, <c>markdown</c> or <c>raw</c>.</summary>
    public string CellType => json["cell_type"]?.GetValue<string>() ?? "code";

    /// <summary>Whether this is a code cell (the only kind that runs).</summary>
    public bool IsCode => CellType == "code";

    /// <summary>The cell's text.</summary>
    public string Source => MultilineText.Join(json["source"]);

    /// <summary>The cell's id (nbformat 4.5), if it has one.</summary>
    public string? Id => json["id"]?.GetValue<string>();

    /// <summary>
    /// The kernel the cell is written for, from its Polyglot Notebooks metadata; a cell without any is written for
    /// the notebook's default kernel.
    /// </summary>
    public string KernelName =>
        json["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? json["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>()
        ?? defaultKernelName;

    /// <summary>Whether <c>verify</c> skips this cell (it contains <see cref="NoVerifyMarker"/>).</summary>
    public bool SkipsVerification => Source.Contains(NoVerifyMarker, StringComparison.Ordinal);

    /// <summary>The run this cell's outputs come from, or null if it has not run.</summary>
    public int? ExecutionCount
    {
        get => json["execution_count"]?.GetValue<int>();
        set => json["execution_count"] = value;
    }

    /// <summary>The cell's outputs (always empty for markdown cells).</summary>
    public IReadOnlyList<CellOutput> Outputs
    {
        get => (json["outputs"] as JsonArray ?? [])
            .Select(output => CellOutput.FromJson(output as JsonObject
                ?? throw new FormatException($"cell {Number}: an output is not a JSON object")))
            .ToArray();
        set => json["outputs"] = new JsonArray(value.Select(output => (JsonNode?)output.ToJson()).ToArray());
    }

    internal JsonObject Json => json;
}
