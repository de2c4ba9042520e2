namespace Autograd.Interactive;

/// <summary>Which rows or columns of a large matrix a printout shows: the first and last few, with a gap between.</summary>
internal static class MatrixWindow
{
    /// <summary>At most this many rows, and this many columns, of numbers are shown.</summary>
    internal const int MaxShown = 8;

    /// <summary>Stands for the rows or columns left out, shown as "…".</summary>
    internal const int Gap = -1;

    /// <summary>
    /// The indices to show along a side of <paramref name="count"/>: all of them up to <see cref="MaxShown"/>, else
    /// the first and last <see cref="MaxShown"/>/2 with <see cref="Gap"/> between: <c>0 1 2 3 -1 16 17 18 19</c>.
    /// </summary>
    internal static IReadOnlyList<int> Shown(int count)
    {
        if (count <= MaxShown)
        {
            return Enumerable.Range(0, count).ToArray();
        }

        const int Edge = MaxShown / 2;
        return [.. Enumerable.Range(0, Edge), Gap, .. Enumerable.Range(count - Edge, Edge)];
    }
}
