namespace Autograd;

/// <summary>
/// The one place that knows how to walk a graph: a topological order built without recursion (so a graph a million
/// nodes deep cannot overflow the stack), and the backward pass that applies each node's rule once, in reverse.
/// </summary>
internal static class Engine
{
    private static int walkCount;

    /// <summary>
    /// Every node the root depends on, each once, inputs before the nodes built from them; the root comes last.
    /// Unless <paramref name="includeFrozen"/> is set, the walk does not enter nodes that do not require grad:
    /// no gradient can flow through them, so a backward pass has nothing to do there.
    /// </summary>
    internal static List<Node> TopologicalOrder(Node root, bool includeFrozen)
    {
        var order = new List<Node>();
        int mark = Interlocked.Increment(ref walkCount);

        // An explicit stack replaces recursion. Each entry is a node and how many of its inputs were pushed so far;
        // a node is emitted once all its inputs have been.
        var stack = new Stack<(Node Node, int NextInput)>();
        if (includeFrozen || root.RequiresGrad)
        {
            root.WalkMark = mark;
            stack.Push((root, 0));
        }

        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.InputCount)
            {
                stack.Push((node, next + 1));
                var input = node.GetInput(next);
                if ((includeFrozen || input.RequiresGrad) && input.WalkMark != mark)
                {
                    input.WalkMark = mark;
                    stack.Push((input, 0));
                }
            }
            else
            {
                order.Add(node);
            }
        }

        return order;
    }

    /// <summary>
    /// Back-propagates from <paramref name="root"/>, whose gradient has to be seeded by <paramref name="seed"/>.
    /// Interior gradients start each pass from zero; leaf gradients accumulate across passes, as in PyTorch.
    /// </summary>
    internal static void Backward(Node root, Action seed, string operation)
    {
        if (!root.RequiresGrad)
        {
            throw new InvalidOperationException(
                $"{operation}: this result does not require grad, so there is nothing to back-propagate. " +
                "At least one input it was built from needs RequiresGrad = true (and it must not be built inside NoGrad.Scope()).");
        }

        var order = TopologicalOrder(root, includeFrozen: false);
        foreach (var node in order)
        {
            if (node.IsLeaf)
            {
                node.BeginLeafPass();
            }
            else
            {
                node.ClearGrad();
            }
        }

        seed();
        for (int i = order.Count - 1; i >= 0; i--)
        {
            if (!order[i].IsLeaf)
            {
                order[i].PropagateGrad();
            }
        }

        foreach (var node in order)
        {
            if (node.IsLeaf)
            {
                node.EndLeafPass();
            }
        }
    }
}
