using System.Runtime.CompilerServices;

namespace Autograd;

/// <summary>
/// A node of a computation graph: a leaf the user made, or the result of an operation on other nodes.
/// <see cref="Scalar"/> is one kind of node, and the matrix <c>Tensor</c> another; both are driven by the one
/// engine in <see cref="Engine"/>, which orders the graph and calls each node's local backward rule.
/// </summary>
/// <remarks>
/// Graphs may be built on several threads at once. Backward passes may be started on several threads at once too,
/// also through shared nodes (a model's parameters): they take turns, so each pass adds its gradient exactly once,
/// as it would alone. <see cref="ZeroGrad"/> and the pictures wait for a running pass.
/// </remarks>
public abstract class Node
{
    // A graph of scalars has one object per number, so every field here is paid for many thousands of times. The
    // inputs are kept once, here, in two fields: the first input, and the second one or, for an operation with three
    // or more, an array of all but the first. `inputLayout` says which (it fits in the space the object's layout
    // leaves free after `requiresGrad`, so it costs nothing).
    private const byte Leaf = 0;
    private const byte OneInput = 1;
    private const byte TwoInputs = 2;
    private const byte MoreInputs = 3;

    private Node? first;
    private object? rest;
    private bool requiresGrad;
    private byte inputLayout;

    /// <summary>Makes a leaf, or an operation's result that records its inputs next (<see cref="RecordInputs"/>).</summary>
    private protected Node(bool requiresGrad, string? label)
    {
        this.requiresGrad = requiresGrad;
        Label = label;
    }

    /// <summary>
    /// Makes this node the result of an operation on <paramref name="inputs"/>: it keeps them and requires grad when
    /// any of them does, unless a <see cref="NoGrad.Scope"/> is open, where it stays a leaf that does not require
    /// grad. Called once, from the constructor. A missing or null input is refused before anything is kept.
    /// </summary>
    private protected void RecordInputs<T>(ReadOnlySpan<T> inputs)
        where T : Node
    {
        if (inputs.Length == 0)
        {
            throw new ArgumentException(
                $"{GetType().Name}: an operation needs at least one input; a node without inputs is a leaf, made with " +
                $"new {typeof(T).Name}(...).", nameof(inputs));
        }

        bool anyRequiresGrad = false;
        for (int i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i] ?? throw new ArgumentNullException(
                $"input{i}", $"{GetType().Name}: input {i} is null; every input of an operation must be a value.");
            anyRequiresGrad |= input.requiresGrad;
        }

        // Inside NoGrad.Scope() nothing is recorded: the result is a plain leaf that does not require grad.
        if (NoGrad.IsActive)
        {
            return;
        }

        first = inputs[0];
        requiresGrad = anyRequiresGrad;
        if (inputs.Length == 1)
        {
            inputLayout = OneInput;
        }
        else if (inputs.Length == 2)
        {
            rest = inputs[1];
            inputLayout = TwoInputs;
        }
        else
        {
            rest = inputs[1..].ToArray();
            inputLayout = MoreInputs;
        }
    }

    /// <summary>A name shown in printouts and graph pictures, such as <c>"x"</c>.</summary>
    public string? Label { get; set; }

    /// <summary>
    /// The operation that produced this node (for example <c>"Add"</c>), or <see langword="null"/> for a leaf.
    /// </summary>
    public string? Op => IsLeaf ? null : GetType().Name;

    /// <summary><see langword="true"/> when this node was made by the user rather than by an operation.</summary>
    public bool IsLeaf => inputLayout == Leaf;

    /// <summary>
    /// Whether gradients flow into this node. A leaf's setting is the user's to change (turn it off to freeze the
    /// input); an operation's result requires grad when any of its inputs did at the moment it was built.
    /// A node that does not require grad receives nothing during <c>Backward()</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set on a node that is not a leaf.</exception>
    public bool RequiresGrad
    {
        get => requiresGrad;
        set
        {
            if (!IsLeaf)
            {
                throw new InvalidOperationException(
                    $"RequiresGrad can only be set on a leaf; this node is the result of {Op}. " +
                    "Set it on the inputs the result was built from.");
            }

            requiresGrad = value;
        }
    }

    /// <summary>How many nodes this node was computed from: 0 for a leaf.</summary>
    internal int InputCount => inputLayout == MoreInputs ? 1 + Unsafe.As<Node[]>(rest)!.Length : inputLayout;

    /// <summary>
    /// Set by the engine while it walks a graph, to mark nodes already reached in the current walk (faster than a
    /// set of visited nodes on graphs of millions of nodes). Walks take turns (see <see cref="Engine"/>), so a node
    /// carries one mark at a time.
    /// </summary>
    internal int WalkMark { get; set; }

    /// <summary>The nodes this node was computed from, in argument order; empty for a leaf.</summary>
    internal IReadOnlyList<Node> InputNodes
    {
        get
        {
            var inputs = new Node[InputCount];
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = GetInput(i);
            }

            return inputs;
        }
    }

    /// <summary>Input <paramref name="index"/> (0 ≤ index &lt; <see cref="InputCount"/>).</summary>
    /// <exception cref="InvalidOperationException">The node has no such input, for instance because it was built
    /// inside <see cref="NoGrad.Scope"/>, which records no inputs.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Node GetInput(int index)
    {
        if (index == 0 && inputLayout != Leaf)
        {
            return first!;
        }

        if (index == 1 && inputLayout == TwoInputs)
        {
            return Unsafe.As<Node>(rest)!;
        }

        return GetLaterInput(index);
    }

    /// <summary>Input 1 and later of an operation with three or more inputs; anything else is an error.</summary>
    private Node GetLaterInput(int index)
    {
        if (inputLayout == MoreInputs && index > 0 && index <= Unsafe.As<Node[]>(rest)!.Length)
        {
            return Unsafe.As<Node[]>(rest)![index - 1];
        }

        throw NoSuchInput(index);
    }

    /// <summary>
    /// The operation's local rule: reads this node's gradient, which is complete when the rule is called (once per
    /// backward pass), and adds (+=) each input's share into that input's gradient, skipping inputs that do not
    /// require grad. A leaf has no rule.
    /// </summary>
    protected abstract void PropagateGrad();

    /// <summary>Runs this node's rule; the engine calls it (a protected method can be called only from here).</summary>
    internal void ApplyRule() => PropagateGrad();

    /// <summary>Sets every element of this node's gradient to zero.</summary>
    internal abstract void ClearGrad();

    /// <summary>
    /// Before a backward pass reads this operation's inputs: throws when one was changed in place after the operation
    /// was built, since its local rule would then use numbers the result was not computed from.
    /// </summary>
    internal virtual void CheckInputsUnchanged(string operation)
    {
    }

    /// <summary>Whether this kind of node notes its inputs' versions, so that <see cref="CheckInputsUnchanged"/> can tell.</summary>
    internal virtual bool TracksInputVersions => false;

    /// <summary>
    /// Marks the start of a use of this node's numbers by the library (a backward pass, a picture), during which they
    /// must not be recycled; see <see cref="TensorScope"/>. Nodes that are never recycled do nothing.
    /// </summary>
    internal virtual void BeginUse()
    {
    }

    /// <summary>Ends a use begun by <see cref="BeginUse"/>.</summary>
    internal virtual void EndUse()
    {
    }

    /// <summary>
    /// Before a pass, a leaf moves the gradient it has accumulated so far aside and starts from zero; after the pass,
    /// <see cref="EndLeafPass"/> adds it back. The pass's contributions are summed first and then added to the
    /// earlier total in one addition, so two identical passes give exactly twice the gradient, bit for bit.
    /// </summary>
    internal abstract void BeginLeafPass();

    /// <summary>Adds the gradient set aside by <see cref="BeginLeafPass"/> back into this leaf's gradient.</summary>
    internal abstract void EndLeafPass();

    /// <summary>
    /// Clears the gradient of every node in the graph that produced this one, this node included. Called while a
    /// backward pass through the same nodes runs on another thread, it waits for the pass to finish.
    /// </summary>
    public void ZeroGrad()
    {
        BeginUse();
        try
        {
            Engine.ZeroGrad(this);
        }
        finally
        {
            EndUse();
        }
    }

    /// <summary>
    /// A picture of the graph that produced this node, as a standalone SVG document: value nodes (label, value,
    /// gradient) joined through small operation nodes, inputs on the left and this result on the right.
    /// </summary>
    /// <remarks>A backward pass running on another thread is waited for, so the picture shows the gradients it left.</remarks>
    /// <exception cref="InvalidOperationException">The graph is too large to draw legibly.</exception>
    public string ToSvg()
    {
        using var walk = Engine.Exclusive();
        return GraphPicture.ToSvg(this);
    }

    /// <summary>The same graph as <see cref="ToSvg"/>, as Graphviz DOT text.</summary>
    /// <exception cref="InvalidOperationException">The graph is too large to draw legibly.</exception>
    public string ToDot()
    {
        using var walk = Engine.Exclusive();
        return GraphPicture.ToDot(this);
    }

    /// <summary>
    /// The lines that describe this node's data in a picture, below its name: for a scalar its value and gradient,
    /// for a matrix its shape (and values when small). Numbers are rounded to 6 significant digits.
    /// </summary>
    internal abstract IReadOnlyList<string> PictureLines();

    /// <summary>A short name for pictures and printouts: the label, else the operation, else "leaf".</summary>
    internal string DisplayName => Label ?? Op ?? "leaf";

    private InvalidOperationException NoSuchInput(int index) => new(
        $"{GetType().Name}: this node has no input {index}; it has {InputCount} " +
        "(a result built inside NoGrad.Scope() records none).");
}
