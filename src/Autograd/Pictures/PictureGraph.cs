using System.Globalization;

namespace Autograd;

/// <summary>
/// The graph behind a result, as a picture sees it: every value node once, inputs before the nodes built from them.
/// Collecting it is where a picture refuses a graph too large to draw legibly.
/// </summary>
internal sealed class PictureGraph
{
    /// <summary>
    /// The most value nodes a picture will draw. Around 50 read comfortably; at 200 the picture is already a map
    /// to scroll around, and beyond that a printout says more.
    /// </summary>
    internal const int MaxNodes = 200;

    private PictureGraph(List<PictureNode> nodes) => Nodes = nodes;

    /// <summary>Every node once, inputs before the nodes built from them; the result comes last.</summary>
    internal IReadOnlyList<PictureNode> Nodes { get; }

    /// <summary>The result the picture was asked for.</summary>
    internal PictureNode Root => Nodes[^1];

    /// <summary>
    /// Walks the graph behind <paramref name="root"/> without recursion, numbering each node when it is first met.
    /// The walk stops as soon as it meets one node more than <see cref="MaxNodes"/>, so a huge graph is refused
    /// before anything is built for it.
    /// </summary>
    /// <param name="root">The result to draw.</param>
    /// <param name="method">The public method that was called, named in the refusal.</param>
    /// <exception cref="InvalidOperationException">The graph has more than <see cref="MaxNodes"/> nodes.</exception>
    internal static PictureGraph Collect(Node root, string method)
    {
        // Looked up by reference, never iterated, so the picture does not depend on hash order.
        var seen = new Dictionary<Node, PictureNode>(ReferenceEqualityComparer.Instance) { [root] = new(root, 0) };
        var order = new List<PictureNode>();

        // An explicit stack, as in Engine.TopologicalOrder, but of a node and how many of its inputs were pushed so
        // far: nodes are numbered in the order they are first reached, which keeps the layout stable.
        var stack = new Stack<(Node Node, int NextInput)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var inputs = node.InputNodes;
            if (next == inputs.Count)
            {
                order.Add(seen[node]);
                continue;
            }

            stack.Push((node, next + 1));
            var input = inputs[next];
            if (!seen.ContainsKey(input))
            {
                if (seen.Count == MaxNodes)
                {
                    throw TooLarge(root, method);
                }

                seen.Add(input, new PictureNode(input, seen.Count));
                stack.Push((input, 0));
            }
        }

        Connect(order, seen);
        return new PictureGraph(order);
    }

    /// <summary>Joins each picture node to its inputs and its consumers, one entry per use.</summary>
    private static void Connect(List<PictureNode> order, Dictionary<Node, PictureNode> seen)
    {
        foreach (var picture in order)
        {
            foreach (var input in picture.Node.InputNodes)
            {
                var inputPicture = seen[input];
                picture.Inputs.Add(inputPicture);
                inputPicture.Consumers.Add(picture);
            }
        }
    }

    private static InvalidOperationException TooLarge(Node root, string method)
    {
        // Only now is the whole graph counted, so the message can say how large it is; the count is one plain
        // walk, with nothing laid out or drawn.
        var order = Engine.TopologicalOrder(root, includeFrozen: true);
        int count = order.Count;
        Engine.Recycle(order);
        return new InvalidOperationException(string.Create(
            CultureInfo.InvariantCulture,
            $"{method}: this graph has {count:N0} nodes, more than the {MaxNodes} a picture can show legibly. " +
            $"Print it as text with ToTree(), or draw a smaller part of it by calling {method}() on an intermediate result."));
    }
}
