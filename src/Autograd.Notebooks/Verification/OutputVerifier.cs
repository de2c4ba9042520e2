using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Verification;

/// <summary>
/// Compares each code cell's new text output with the one committed in the notebook, as nbval does for Python
/// notebooks, after removing what legitimately varies (see <see cref="OutputNormalizer"/>). Cells marked with
/// <see cref="NotebookCell.NoVerifyMarker"/> are skipped.
/// </summary>
/// <param name="Normalizer">What to ignore.</param>
internal sealed record OutputVerifier(OutputNormalizer Normalizer)
{
    /// <summary>The cells of <paramref name="executed"/> whose output differs from <paramref name="committed"/>.</summary>
    public IReadOnlyList<CellDifference> Compare(NotebookDocument committed, NotebookDocument executed)
    {
        if (committed.Cells.Count != executed.Cells.Count)
        {
            throw new ArgumentException(
                $"{committed.Path}: the executed copy has {executed.Cells.Count} cells, the notebook {committed.Cells.Count}");
        }

        var differences = new List<CellDifference>();
        foreach (var (before, after) in committed.Cells.Zip(executed.Cells))
        {
            if (!before.IsCode || before.SkipsVerification)
            {
                continue;
            }

            var expected = Normalizer.Normalize(OutputText.Render(before.Outputs));
            var actual = Normalizer.Normalize(OutputText.Render(after.Outputs));
            if (expected != actual)
            {
                differences.Add(new CellDifference(
                    committed.Path,
                    before.Number,
                    UnifiedDiff.Create(expected, actual, "committed", "this run")));
            }
        }

        return differences;
    }
}
