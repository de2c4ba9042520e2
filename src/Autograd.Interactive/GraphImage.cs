namespace Autograd.Interactive;

/// <summary>
/// A picture of a computation graph, shown in the notebook as SVG. When the graph is too large to draw legibly, the
/// picture is a short note that says so instead.
/// </summary>
public sealed class GraphImage
{
    private GraphImage(string svg, string text, bool isDrawn)
    {
        Svg = svg;
        Text = text;
        IsDrawn = isDrawn;
    }

    /// <summary>The SVG document shown: the graph, or the note when it could not be drawn.</summary>
    public string Svg { get; }

    /// <summary>A one-line description, or the note: what text-only displays show.</summary>
    public string Text { get; }

    /// <summary><see langword="false"/> when the graph was too large and <see cref="Svg"/> holds the note.</summary>
    public bool IsDrawn { get; }

    /// <summary>
    /// Draws a graph to SVG. The library's <c>Node.ToSvg()</c> by default; tests put a stand-in here.
    /// It throws <see cref="InvalidOperationException"/> for a graph too large to draw.
    /// </summary>
    internal static Func<Node, string> Draw { get; set; } = node => node.ToSvg();

    /// <summary>Draws the graph that produced <paramref name="node"/>.</summary>
    public static GraphImage Of(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            return new GraphImage(Draw(node), Describe(node), isDrawn: true);
        }
        catch (InvalidOperationException e)
        {
            // The library refuses graphs too large to read; its message says how large and what to do instead.
            return new GraphImage(NoteSvg.Render(e.Message), e.Message, isDrawn: false);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

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
