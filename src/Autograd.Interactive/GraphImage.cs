namespace Autograd.Interactive;

/// <summary>
/// Draws a computation graph with the library's <c>ToSvg()</c>. When the graph is too large to draw legibly, the
/// picture is a short note that says so instead.
/// </summary>
internal static class GraphImage
{
    /// <summary>
    /// Draws a graph to SVG. The library's <c>Node.ToSvg()</c> by default; tests put a stand-in here.
    /// It throws <see cref="InvalidOperationException"/> for a graph too large to draw.
    /// </summary>
    internal static Func<Node, string> Draw { get; set; } = node => node.ToSvg();

    /// <summary>The graph that produced <paramref name="node"/>, with a one-line description; or the library's note.</summary>
    internal static SvgImage Render(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            return new SvgImage(Draw(node), Describe(node));
        }
        catch (InvalidOperationException e)
        {
            // The library refuses graphs too large to read; its message says how large and what to do instead.
            return new SvgImage(NoteSvg.Render(e.Message), e.Message);
        }
    }

    private static string Describe(Node node)
    {
        var name = node.Label ?? node.Op ?? "leaf";
        return node is Scalar scalar
            ? $"Graph of {name}: {CountNodes(scalar)} nodes, value {NumberText.Format(scalar.Value)}"
            : $"Graph of {name}";
    }

    private static int CountNodes(Scalar root)
    {
        var seen = new HashSet<Scalar>(ReferenceEqualityComparer.Instance) { root };
        var stack = new Stack<Scalar>([root]);
        while (stack.Count > 0)
        {
            foreach (var input in stack.Pop().Inputs)
            {
                if (seen.Add(input))
                {
                    stack.Push(input);
                }
            }
        }

        return seen.Count;
    }
}
