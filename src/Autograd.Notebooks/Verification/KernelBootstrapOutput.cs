using System.Text.Json.Nodes;
using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Verification;

/// <summary>
/// The output the <c>dotnet-interactive</c> kernel adds to the first cell it runs as a Jupyter kernel (started with
/// <c>--http-port-range</c>, as <c>dotnet interactive jupyter install</c> sets it up): an HTML script that probes the
/// kernel's HTTP addresses, one per network address of the machine, to load its JavaScript API. It is not the
/// notebook's output, it differs from machine to machine, and it reveals the machine's addresses: verification ignores
/// it and <c>update</c> never commits it.
/// </summary>
internal static class KernelBootstrapOutput
{
    // All three are needed: the script's hidden marker element, its probing function, and the kernel's HTTP service.
    private static readonly string[] Markers =
    [
        "<div id='dotnet-interactive-this-cell-",
        "async function probeAddresses(probingAddresses)",
        "Microsoft.DotNet.Interactive.Http.HttpPort",
    ];

    /// <summary>Whether <paramref name="output"/> is the bootstrap script: HTML alone, holding all its markers.</summary>
    public static bool Matches(CellOutput output) =>
        output is DisplayOutput { Data.Count: 1 } display
        && display.Data.TryGetValue("text/html", out var html)
        && Markers.All(marker => html.Contains(marker, StringComparison.Ordinal));

    /// <summary>The outputs without the bootstrap script.</summary>
    public static IReadOnlyList<CellOutput> Without(IEnumerable<CellOutput> outputs) =>
        outputs.Where(output => !Matches(output)).ToArray();

    /// <summary>
    /// Removes the bootstrap script from every code cell of <paramref name="notebook"/>, leaving every other output
    /// as it is stored, byte for byte. Returns the numbers of the cells it was removed from.
    /// </summary>
    public static IReadOnlyList<int> RemoveFrom(NotebookDocument notebook)
    {
        var cleaned = new List<int>();
        foreach (var cell in notebook.Cells)
        {
            if (cell.Json["outputs"] is not JsonArray outputs)
            {
                continue;
            }

            var bootstraps = outputs
                .Where(output => output is JsonObject json && Matches(CellOutput.FromJson(json)))
                .ToArray();
            foreach (var bootstrap in bootstraps)
            {
                outputs.Remove(bootstrap);
            }

            if (bootstraps.Length > 0)
            {
                cleaned.Add(cell.Number);
            }
        }

        return cleaned;
    }
}
