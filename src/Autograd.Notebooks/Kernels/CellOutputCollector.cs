using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Kernels;

/// <summary>
/// Turns a cell's kernel events into the outputs a notebook stores, as VS Code does: consecutive writes to the same
/// stream join into one output, and an updated display replaces the output it was first shown in.
/// </summary>
internal sealed class CellOutputCollector
{
    private readonly List<CellOutput> outputs = [];
    private readonly Dictionary<string, int> displayIndexById = new(StringComparer.Ordinal);

    public IReadOnlyList<CellOutput> Outputs => outputs;

    /// <summary>A value returned or displayed; formats marked "suppress display" are left out.</summary>
    public void Display(IEnumerable<(string MimeType, string Value)> formats, string? valueId)
    {
        var output = ToDisplayOutput(formats);
        if (output is null)
        {
            return;
        }

        if (valueId is not null)
        {
            displayIndexById[valueId] = outputs.Count;
        }

        outputs.Add(output);
    }

    /// <summary>A new version of an earlier display of this cell.</summary>
    public void Update(IEnumerable<(string MimeType, string Value)> formats, string? valueId)
    {
        var output = ToDisplayOutput(formats);
        if (output is null)
        {
            return;
        }

        if (valueId is not null && displayIndexById.TryGetValue(valueId, out var index))
        {
            outputs[index] = output;
        }
        else
        {
            // The display was shown by an earlier cell; VS Code would update it there. Here it is not lost.
            Display(formats, valueId);
        }
    }

    /// <summary>Text written to <paramref name="name"/> (stdout or stderr).</summary>
    public void Stream(string name, string text)
    {
        if (outputs.Count > 0 && outputs[^1] is StreamOutput last && last.Name == name)
        {
            outputs[^1] = last with { Text = last.Text + text };
        }
        else
        {
            outputs.Add(new StreamOutput(name, text));
        }
    }

    /// <summary>An error shown in the output area (the cell fails too, reported separately).</summary>
    public void Error(string message) => outputs.Add(new ErrorOutput("Error", message, [message]));

    private static DisplayOutput? ToDisplayOutput(IEnumerable<(string MimeType, string Value)> formats)
    {
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (mimeType, value) in formats)
        {
            data[mimeType] = value;
        }

        return data.Count == 0 ? null : new DisplayOutput(data);
    }
}
