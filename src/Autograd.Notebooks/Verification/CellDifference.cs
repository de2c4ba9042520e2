namespace Autograd.Notebooks.Verification;

/// <summary>A code cell whose output no longer matches the one committed in the notebook.</summary>
/// <param name="NotebookPath">The notebook file.</param>
/// <param name="CellNumber">The cell's position (from 1, markdown cells counted).</param>
/// <param name="Diff">A unified diff from the committed output to the new one, after normalisation.</param>
internal sealed record CellDifference(string NotebookPath, int CellNumber, string Diff)
{
    /// <summary>The report a person reads: where, and the diff.</summary>
    public override string ToString() =>
        $"{NotebookPath}, cell {CellNumber}: the output differs from the committed one " +
        $"(run `update` if the change is intended):\n{Diff.TrimEnd()}";
}
