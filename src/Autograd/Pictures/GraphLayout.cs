namespace Autograd;

/// <summary>
/// Places a <see cref="PictureGraph"/> left to right, as micrograd's pictures do: each value's box sits one column
/// to the right of its rightmost input, with its operation node between them, so the result ends up on the right.
/// All sizes are in SVG pixels, estimated for a monospace font, since the picture has no way to measure text.
/// </summary>
internal static class GraphLayout
{
    internal const double FontSize = 12;

    /// <summary>A monospace character is about 0.6 em wide.</summary>
    internal const double CharWidth = 0.6 * FontSize;

    internal const double LineHeight = 16;

    internal const double BoxPaddingX = 8;

    internal const double BoxPaddingY = 4;

    /// <summary>The space taken by the rule between a box's name and its other lines.</summary>
    internal const double RuleSpace = 4;

    /// <summary>Half the height of an operation node.</summary>
    internal const double OpRadiusY = 11;

    /// <summary>Room either side of an operation node for the arrows to bend.</summary>
    internal const double ColumnGap = 32;

    internal const double RowGap = 14;

    internal const double Margin = 12;

    /// <summary>How far apart arrows leave a box, or arrive at an operation, when several share it.</summary>
    internal const double PortSpacing = 8;

    /// <summary>How far apart the middles of the arrows of a value used twice by one operation are pulled.</summary>
    internal const double RepeatBend = 24;

    /// <summary>
    /// Sets every node's column, size and position and returns the arrows; the picture is
    /// <paramref name="width"/> × <paramref name="height"/> pixels.
    /// </summary>
    internal static List<PictureEdge> Arrange(PictureGraph graph, out double width, out double height)
    {
        AssignColumns(graph.Nodes);
        var columns = GroupByColumn(graph.Nodes);
        foreach (var node in graph.Nodes)
        {
            SetSize(node);
        }

        foreach (var column in columns)
        {
            Stack(column);
        }

        ReduceCrossings(columns);
        Straighten(columns);
        width = PlaceColumns(columns);
        height = MoveBelowTopMargin(graph.Nodes);
        return PlaceEdges(graph.Nodes);
    }

    /// <summary>
    /// A node's column is the longest path to it from a leaf, so every input is to its left. A leaf then moves right,
    /// next to the first operation that uses it: a weight of a network's last layer sits by that layer rather than
    /// sending a long arrow across the whole picture.
    /// </summary>
    private static void AssignColumns(IReadOnlyList<PictureNode> nodes)
    {
        // Inputs come before the nodes built from them, so each input's column is known when it is needed.
        foreach (var node in nodes)
        {
            node.Column = node.Inputs.Count == 0 ? 0 : node.Inputs.Max(input => input.Column) + 1;
        }

        foreach (var node in nodes)
        {
            if (node.Inputs.Count == 0 && node.Consumers.Count > 0)
            {
                node.Column = node.Consumers.Min(consumer => consumer.Column) - 1;
            }
        }
    }

    /// <summary>The nodes of each column, in the order the walk from the result first met them.</summary>
    private static List<List<PictureNode>> GroupByColumn(IReadOnlyList<PictureNode> nodes)
    {
        var columns = new List<List<PictureNode>>();
        foreach (var node in nodes.OrderBy(node => node.Id))
        {
            while (columns.Count <= node.Column)
            {
                columns.Add([]);
            }

            columns[node.Column].Add(node);
        }

        return columns;
    }

    /// <summary>A box fits its longest line, and its title if it has one; an operation node fits its name.</summary>
    private static void SetSize(PictureNode node)
    {
        int title = node.Label is null ? 0 : TextLength(node.Label);
        int longest = node.Lines.Aggregate(title, (most, line) => Math.Max(most, TextLength(line)));
        node.Width = (2 * BoxPaddingX) + (longest * CharWidth);
        double titleHeight = node.Label is null ? 0 : LineHeight + (node.Lines.Count == 0 ? 0 : RuleSpace);
        node.Height = (2 * BoxPaddingY) + titleHeight + (node.Lines.Count * LineHeight);
        if (node.Op is not null)
        {
            node.OpRadius = Math.Max(OpRadiusY + 5, (TextLength(node.Op) * CharWidth / 2) + 8);
        }
    }

    /// <summary>Characters as a reader counts them: "×" is one, and so is an emoji made of two UTF-16 units.</summary>
    internal static int TextLength(string text) => text.EnumerateRunes().Count();

    /// <summary>Stacks a column's boxes from the top down, in their order, centred on y = 0.</summary>
    private static void Stack(List<PictureNode> column)
    {
        double total = column.Sum(node => node.Height) + (RowGap * (column.Count - 1));
        double top = -total / 2;
        foreach (var node in column)
        {
            node.Y = top + (node.Height / 2);
            top += node.Height + RowGap;
        }
    }

    /// <summary>
    /// Fewer crossings, simply: each node moves towards the mean height of the nodes it is joined to, one column at
    /// a time, sweeping right and then back left, twice. Sorting is stable, so ties keep the walk's order and the
    /// picture comes out the same every time.
    /// </summary>
    private static void ReduceCrossings(List<List<PictureNode>> columns)
    {
        for (int round = 0; round < 2; round++)
        {
            for (int c = 1; c < columns.Count; c++)
            {
                Reorder(columns[c]);
            }

            for (int c = columns.Count - 2; c >= 0; c--)
            {
                Reorder(columns[c]);
            }
        }
    }

    private static void Reorder(List<PictureNode> column)
    {
        var sorted = column.OrderBy(MeanNeighbourY).ToList();
        column.Clear();
        column.AddRange(sorted);
        Stack(column);
    }

    private static double MeanNeighbourY(PictureNode node)
    {
        int count = node.Inputs.Count + node.Consumers.Count;
        return count == 0 ? node.Y : (node.Inputs.Sum(n => n.Y) + node.Consumers.Sum(n => n.Y)) / count;
    }

    /// <summary>
    /// With the order in each column fixed, slides boxes up or down towards the nodes they are joined to, so a chain
    /// of operations runs straight and a result sits level with its inputs. A few sweeps settle it.
    /// </summary>
    private static void Straighten(List<List<PictureNode>> columns)
    {
        for (int round = 0; round < 4; round++)
        {
            for (int c = 0; c < columns.Count; c++)
            {
                Slide(columns[c]);
            }

            for (int c = columns.Count - 1; c >= 0; c--)
            {
                Slide(columns[c]);
            }
        }
    }

    /// <summary>
    /// Moves each box of a column as near its neighbours' mean height as the boxes above and below it allow.
    /// Packing from the top (pushing down) and from the bottom (pushing up) both keep the boxes apart and in order,
    /// and so does their average, which leans neither way.
    /// </summary>
    private static void Slide(List<PictureNode> column)
    {
        var wanted = column.Select(MeanNeighbourY).ToArray();
        var down = (double[])wanted.Clone();
        for (int i = 1; i < column.Count; i++)
        {
            down[i] = Math.Max(down[i], down[i - 1] + Separation(column[i - 1], column[i]));
        }

        var up = (double[])wanted.Clone();
        for (int i = column.Count - 2; i >= 0; i--)
        {
            up[i] = Math.Min(up[i], up[i + 1] - Separation(column[i], column[i + 1]));
        }

        for (int i = 0; i < column.Count; i++)
        {
            column[i].Y = (down[i] + up[i]) / 2;
        }
    }

    /// <summary>The least distance between the centres of two boxes, one above the other.</summary>
    private static double Separation(PictureNode above, PictureNode below) => ((above.Height + below.Height) / 2) + RowGap;

    /// <summary>
    /// Sets x from left to right: a column of boxes, as wide as its widest box, then the lane of
    /// operation nodes that feed the next column. Returns the picture's width.
    /// </summary>
    private static double PlaceColumns(List<List<PictureNode>> columns)
    {
        double x = Margin;
        for (int c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            if (c > 0)
            {
                // Every column after the first holds at least one operation's result, so its lane is never empty.
                double laneWidth = 2 * column.Where(node => node.Op is not null).Max(node => node.OpRadius);
                foreach (var node in column.Where(node => node.Op is not null))
                {
                    node.OpX = x + ColumnGap + (laneWidth / 2);
                }

                x += ColumnGap + laneWidth + ColumnGap;
            }

            // The boxes of a column share its widest box's width, so arrows leave them all from one line.
            double columnWidth = column.Max(node => node.Width);
            foreach (var node in column)
            {
                node.Width = columnWidth;
                node.X = x + (columnWidth / 2);
            }

            x += columnWidth;
        }

        return x + Margin;
    }

    /// <summary>Moves everything down so the highest box sits just below the margin; returns the picture's height.</summary>
    private static double MoveBelowTopMargin(IReadOnlyList<PictureNode> nodes)
    {
        double top = nodes.Min(node => node.Top);
        double bottom = nodes.Max(node => node.Bottom);
        foreach (var node in nodes)
        {
            node.Y += Margin - top;
        }

        return bottom - top + (2 * Margin);
    }

    /// <summary>
    /// One arrow per use of an input. Arrows that share an end are spread a few pixels apart there, in the order
    /// of their other ends, so they do not cross and a value used twice (b = a + a) shows two arrows, not one.
    /// </summary>
    private static List<PictureEdge> PlaceEdges(IReadOnlyList<PictureNode> nodes)
    {
        var edges = new List<PictureEdge>();
        foreach (var node in nodes)
        {
            var arriving = node.Inputs.Select((input, argument) => new PictureEdge(input, node, argument)).ToList();
            var offsets = Offsets(arriving.Count, (2 * OpRadiusY) - PortSpacing);
            int i = 0;
            foreach (var edge in arriving.OrderBy(edge => edge.From.Y).ThenBy(edge => edge.Argument))
            {
                edge.EndY = node.Y + offsets[i++];

                // Where the arrow meets the ellipse at that height.
                double dy = (edge.EndY - node.Y) / OpRadiusY;
                edge.EndX = node.OpX - (node.OpRadius * Math.Sqrt(1 - (dy * dy)));
            }

            edges.AddRange(arriving);
        }

        // The uses of one value by one operation would run side by side, a few pixels apart; they bow apart instead.
        foreach (var repeated in edges.GroupBy(edge => (edge.From, edge.To)).Where(group => group.Count() > 1))
        {
            var bends = Offsets(repeated.Count(), double.PositiveInfinity, RepeatBend);
            int i = 0;
            foreach (var edge in repeated.OrderBy(edge => edge.EndY))
            {
                edge.Bend = bends[i++];
            }
        }

        // GroupBy keeps the order in which each input first appears, so this too is deterministic.
        foreach (var leaving in edges.GroupBy(edge => edge.From))
        {
            var from = leaving.Key;
            var offsets = Offsets(leaving.Count(), from.Height - (2 * PortSpacing));
            int i = 0;
            foreach (var edge in leaving.OrderBy(edge => edge.EndY).ThenBy(edge => edge.Argument))
            {
                edge.StartY = from.Y + offsets[i++];
            }
        }

        return edges;
    }

    /// <summary>
    /// <paramref name="count"/> offsets around 0, <paramref name="spacing"/> apart (<see cref="PortSpacing"/> by default),
    /// or closer to fit <paramref name="room"/>.
    /// </summary>
    private static double[] Offsets(int count, double room, double spacing = PortSpacing)
    {
        spacing = count < 2 ? 0 : Math.Min(spacing, room / (count - 1));
        return [.. Enumerable.Range(0, count).Select(k => (k - ((count - 1) / 2.0)) * spacing)];
    }
}
