using System.Diagnostics;

namespace Autograd;

/// <summary>
/// The one place that knows how to walk a graph: a topological order built without recursion (so a graph a million
/// nodes deep cannot overflow the stack), and the backward pass that applies each node's rule once, in reverse.
/// </summary>
/// <remarks>
/// Walks and passes run one at a time in the whole process, under one lock. Graphs built on different threads may
/// share nodes (a parameter is a leaf of every step's graph), and a pass writes into them: it sets a leaf's earlier
/// gradient aside and adds it back at the end, clears the gradients of the operations it goes through, and marks
/// every node it reaches (<see cref="Node.WalkMark"/>). Two passes interleaved over a shared node would lose one
/// another's gradient, so passes started on several threads run one after another instead, each exactly as it would
/// alone. Taking the lock costs about 10 ns when no other thread holds it, nothing beside a pass, and its holder
/// never waits for another thread that needs it (a matrix product's worker threads only compute), so it cannot
/// deadlock.
/// </remarks>
internal static class Engine
{
    /// <summary>The largest order or stack kept for reuse: a million nodes, 8 MB each.</summary>
    private const int MaxSpareCapacity = 1 << 20;

    private static readonly Lock walks = new();

    private static int walkCount;

    // The order and the walk's stack are kept from one walk to the next (walks take turns, so one of each is enough).
    // For a graph of tens of thousands of nodes they are arrays on the large-object heap, and allocating those afresh
    // on every pass made the garbage collector run a full (generation 2) collection every few passes.
    private static List<NodeRef>? spareOrder;

    private static Frame[]? spareStack;

    /// <summary>
    /// Waits until no walk or pass runs, and keeps others from starting until the returned scope is disposed: code
    /// that reads a graph's gradients under it (a picture, a printout) sees them between passes, never halfway
    /// through one. The same thread may enter again.
    /// </summary>
    internal static Lock.Scope Exclusive() => walks.EnterScope();

    /// <summary>
    /// Every node the root depends on, each once, inputs before the nodes built from them; the root comes last.
    /// Unless <paramref name="includeFrozen"/> is set, the walk does not enter nodes that do not require grad:
    /// no gradient can flow through them, so a backward pass has nothing to do there.
    /// Hand the list to <see cref="Recycle"/> when done with it, so that the next walk can fill it again.
    /// Call it inside <see cref="Exclusive"/>.
    /// </summary>
    internal static List<NodeRef> TopologicalOrder(Node root, bool includeFrozen)
    {
        Debug.Assert(walks.IsHeldByCurrentThread, "A walk marks nodes, so it must hold the engine's lock.");
        var order = spareOrder ?? [];
        spareOrder = null;
        int mark = ++walkCount;

        // An explicit stack replaces recursion: the path from the root down to the node being looked at, each with
        // how many of its inputs it has looked at. The node on top goes down into its next input not reached yet;
        // once it has none left, all its inputs are in the order, so it joins the order too and leaves the stack.
        var stack = spareStack ?? new Frame[64];
        spareStack = null;
        int depth = 0;
        if (includeFrozen || root.RequiresGrad)
        {
            root.WalkMark = mark;
            stack[depth++] = new Frame(root);
        }

        while (depth > 0)
        {
            ref var top = ref stack[depth - 1];
            var input = NextInputToVisit(ref top, mark, includeFrozen);
            if (input is null)
            {
                order.Add(new(top.Node));
                top = default;
                depth--;
                continue;
            }

            input.WalkMark = mark;
            if (depth == stack.Length)
            {
                Array.Resize(ref stack, 2 * depth);
            }

            stack[depth++] = new Frame(input);
        }

        if (stack.Length <= MaxSpareCapacity)
        {
            spareStack = stack;
        }

        return order;
    }

    /// <summary>Keeps an order from <see cref="TopologicalOrder"/> for the next walk, emptied so it holds no node.</summary>
    internal static void Recycle(List<NodeRef> order)
    {
        Debug.Assert(walks.IsHeldByCurrentThread, "The spare order is shared by all walks, which take turns.");
        order.Clear();
        if (order.Capacity <= MaxSpareCapacity)
        {
            spareOrder = order;
        }
    }

    /// <summary>Clears the gradient of every node <paramref name="root"/> depends on, frozen ones included.</summary>
    internal static void ZeroGrad(Node root)
    {
        using var walk = Exclusive();
        if (root.IsLeaf)
        {
            root.ClearGrad();
            return;
        }

        var order = TopologicalOrder(root, includeFrozen: true);
        foreach (var entry in order)
        {
            entry.Node.ClearGrad();
        }

        Recycle(order);
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

        using var walk = Exclusive();
        root.BeginUse(); // the root holds the graph: nothing in it can be recycled until the pass ends
        var order = TopologicalOrder(root, includeFrozen: false);
        try
        {
            CheckInputsUnchanged(root, order, operation);
            foreach (var entry in order)
            {
                StartPass(entry.Node);
            }

            seed();

            // Every node that uses a node comes after it in the order, so walking backwards, a node's gradient is
            // complete when the walk reaches it: an operation can pass it on, and a leaf can add back what it set aside.
            for (int i = order.Count - 1; i >= 0; i--)
            {
                var node = order[i].Node;
                if (node.IsLeaf)
                {
                    node.EndLeafPass();
                }
                else
                {
                    node.ApplyRule();
                }
            }
        }
        finally
        {
            Recycle(order);
            root.EndUse();
        }
    }

    /// <summary>
    /// Before anything changes: an input changed in place since its operation was built would make the pass mix old
    /// and new numbers. A graph holds one kind of node, so the root says whether its nodes can tell; a graph of
    /// scalars, whose passes are mostly bookkeeping, skips the loop.
    /// </summary>
    private static void CheckInputsUnchanged(Node root, List<NodeRef> order, string operation)
    {
        if (root.TracksInputVersions)
        {
            foreach (var entry in order)
            {
                entry.Node.CheckInputsUnchanged(operation);
            }
        }
    }

    /// <summary>An operation's gradient starts the pass from zero; a leaf sets its earlier gradient aside.</summary>
    private static void StartPass(Node node)
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

    /// <summary>The next input of the frame's node the walk still has to enter, or null when there is none.</summary>
    private static Node? NextInputToVisit(ref Frame frame, int mark, bool includeFrozen)
    {
        var node = frame.Node;
        int count = node.InputCount;
        while (frame.NextInput < count)
        {
            var input = node.GetInput(frame.NextInput++);
            if (input.WalkMark != mark && (includeFrozen || input.RequiresGrad))
            {
                return input;
            }
        }

        return null;
    }

    /// <summary>A node on the walk's path, and how many of its inputs the walk has looked at.</summary>
    private struct Frame(Node node)
    {
        public readonly Node Node = node;
        public int NextInput;
    }

    /// <summary>
    /// A node, as the walk stores it. Storing a <see cref="Node"/> straight into an array makes the runtime check on
    /// every store that the array really holds nodes (arrays of classes are covariant: a <c>Node[]</c> variable may
    /// hold a <c>Scalar[]</c>); on graphs of many thousands of nodes those checks cost about as much as the rest of
    /// the walk. An array of structs cannot be covariant, so it needs no check.
    /// </summary>
    internal readonly record struct NodeRef(Node Node);
}
