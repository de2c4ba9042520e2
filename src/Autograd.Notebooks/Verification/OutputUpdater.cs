using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Verification;

/// <summary>
/// Writes a run's outputs into the committed notebook for <c>update</c>, so that updating an unchanged notebook
/// changes nothing in git: a cell whose new output matches the committed one once normalised keeps the committed
/// output byte for byte (chart ids would otherwise change every run), and a cell marked
/// <see cref="NotebookCell.NoVerifyMarker"/> keeps its committed output while the new one has the same shape (the
/// same kinds and formats of output), since its content is expected to vary. Clear such a cell's output to refresh it.
/// The Jupyter kernel's bootstrap script is never written, and is removed where a notebook holds it (see
/// <see cref="KernelBootstrapOutput"/>).
/// </summary>
/// <param name="Normalizer">What counts as the same output.</param>
internal sealed record OutputUpdater(OutputNormalizer Normalizer)
{
    /// <summary>
    /// Copies changed outputs and all execution counts from <paramref name="executed"/> into
    /// <paramref name="committed"/>, and fills in VS Code's layout (cell ids, metadata). Returns the numbers of the
    /// cells whose outputs changed.
    /// </summary>
    public IReadOnlyList<int> Update(NotebookDocument committed, NotebookDocument executed)
    {
        var changed = new List<int>();
        foreach (var (target, source) in committed.Cells.Zip(executed.Cells))
        {
            if (!target.IsCode)
            {
                continue;
            }

            target.ExecutionCount = source.ExecutionCount;
            var outputs = KernelBootstrapOutput.Without(source.Outputs);
            var unchanged = target.SkipsVerification
                ? target.Outputs.Count > 0 && Shape(KernelBootstrapOutput.Without(target.Outputs)).SequenceEqual(Shape(outputs))
                : Normalizer.Normalize(OutputText.Render(target.Outputs)) == Normalizer.Normalize(OutputText.Render(outputs));
            if (!unchanged)
            {
                target.Outputs = outputs;
                changed.Add(target.Number);
            }
        }

        changed.AddRange(KernelBootstrapOutput.RemoveFrom(committed).Except(changed));
        changed.Sort();
        committed.ApplyVsCodeLayout();
        return changed;
    }

    private static IEnumerable<string> Shape(IEnumerable<CellOutput> outputs) => outputs.Select(output => output switch
    {
        StreamOutput stream => stream.Name,
        DisplayOutput display => string.Join(',', display.Data.Keys),
        _ => "error",
    });
}
