namespace Autograd.Notebooks.Apps;

/// <summary>
/// Decides which cells of a notebook get a block of their own (<c>{ … }</c>) in its app.
/// </summary>
/// <remarks>
/// <para>
/// A notebook may declare a name again in a later cell (notebook 01 builds <c>x</c> by hand, then as a library
/// <c>Scalar</c>): each cell is a new submission, whose declarations hide the earlier ones. A program's top-level
/// statements share one scope, where that does not compile, and C# also forbids a name in a block when the scope around
/// the block declares it, before or after the block. So each declaration of a name declared more than once goes
/// into a block of its own, from its cell to the last cell that uses it; a block is widened until everything declared
/// in it is used only inside it, and blocks that overlap merge. Everything else stays at the top level, visible to
/// every later cell, exactly as in the notebook.
/// </para>
/// <para>
/// Uses are found by name, without binding (<see cref="CellCode.Used"/>), so a block may come out wider than needed,
/// never narrower. When two declarations of one name would end up in one block, or one at the top level, the notebook
/// cannot be written this way and <see cref="Find"/> says which cells to change.
/// </para>
/// </remarks>
internal static class AppScopes
{
    /// <summary>The blocks, as ranges of indexes into <paramref name="cells"/> (first and last, inclusive), in order.</summary>
    /// <exception cref="NotSupportedException">No choice of blocks compiles; the message names the cells.</exception>
    public static IReadOnlyList<(int First, int Last)> Find(IReadOnlyList<CellCode> cells)
    {
        var declaredIn = cells.SelectMany((cell, i) => cell.Declared.Select(name => (name, i)))
            .GroupBy(d => d.name, d => d.i, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var insideIn = cells.SelectMany((cell, i) => cell.DeclaredInside.Select(name => (name, i)))
            .GroupBy(d => d.name, d => d.i, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

        // Names that need blocks: declared at the top of two cells, or at the top of one and inside another's statement.
        var clashing = declaredIn
            .Where(d => d.Value.Length > 1 || (insideIn.TryGetValue(d.Key, out var inside) && inside.Any(i => !d.Value.Contains(i))))
            .Select(d => d.Key)
            .ToHashSet(StringComparer.Ordinal);

        var ranges = new List<(int First, int Last)>();
        foreach (var name in clashing)
        {
            foreach (var i in declaredIn[name])
            {
                ranges.Add((i, LastUse(cells, declaredIn, name, i)));
            }
        }

        var blocks = Merge(ranges);
        while (true)
        {
            // Widen each block over the uses of what it declares; merge what then overlaps.
            var widened = blocks.Select(block => (block.First, Last: Enumerable.Range(block.First, block.Last - block.First + 1)
                .SelectMany(i => cells[i].Declared.Select(name => LastUse(cells, declaredIn, name, i)))
                .Append(block.Last)
                .Max())).ToList();
            var merged = Merge(widened);
            if (merged.SequenceEqual(blocks))
            {
                break;
            }

            blocks = merged;
        }

        Check(cells, declaredIn, insideIn, clashing, blocks);
        return blocks;
    }

    /// <summary>The last cell that may use the declaration of <paramref name="name"/> in cell <paramref name="at"/>.</summary>
    private static int LastUse(IReadOnlyList<CellCode> cells, Dictionary<string, int[]> declaredIn, string name, int at)
    {
        int next = declaredIn[name].Where(i => i > at).DefaultIfEmpty(cells.Count).Min();
        int last = at;
        for (int i = at + 1; i < next; i++)
        {
            if (cells[i].Used.Contains(name))
            {
                last = i;
            }
        }

        return last;
    }

    private static List<(int First, int Last)> Merge(IEnumerable<(int First, int Last)> ranges)
    {
        var merged = new List<(int First, int Last)>();
        foreach (var range in ranges.OrderBy(r => r.First))
        {
            if (merged.Count > 0 && range.First <= merged[^1].Last)
            {
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, range.Last));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private static void Check(
        IReadOnlyList<CellCode> cells,
        Dictionary<string, int[]> declaredIn,
        Dictionary<string, int[]> insideIn,
        HashSet<string> clashing,
        List<(int First, int Last)> blocks)
    {
        int BlockOf(int i) => blocks.FindIndex(b => b.First <= i && i <= b.Last);

        foreach (var name in clashing.Order(StringComparer.Ordinal))
        {
            var at = declaredIn[name];
            var where = at.Select(BlockOf).ToArray();
            var inside = insideIn.GetValueOrDefault(name, []).Where(i => !at.Contains(i)).ToArray();
            bool apart = where.All(b => b >= 0) && where.Distinct().Count() == where.Length
                && inside.All(i => !where.Contains(BlockOf(i)));
            if (!apart)
            {
                var cellNumbers = at.Concat(inside).Order().Select(i => cells[i].Number);
                throw new NotSupportedException(
                    $"`{name}` is declared in cells {string.Join(", ", cellNumbers)}, and a program's blocks cannot keep " +
                    "those declarations apart while later cells still see what they use; rename one of them");
            }
        }
    }
}
