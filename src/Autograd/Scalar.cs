using Autograd.Ops;

namespace Autograd;

/// <summary>
/// One number in a computation graph, with the gradient that flows back into it.
/// </summary>
/// <remarks>
/// <para>
/// A <see cref="Scalar"/> made with <c>new Scalar(...)</c> is a leaf: an input or a parameter. Every operation
/// (<c>new Add(x, y)</c>, <c>x * y</c>, <c>x.Tanh()</c>, ...) returns a new node that remembers its inputs and its
/// local derivative rule, so <see cref="Backward"/> can send the gradient back through the whole graph.
/// </para>
/// <para>
/// Gradients accumulate, as in PyTorch: each <see cref="Backward"/> adds into the <see cref="Grad"/> of the leaves,
/// so two passes leave twice the gradient. Interior nodes start every pass from zero, so after a pass their
/// <see cref="Grad"/> shows that pass alone. Call <see cref="Node.ZeroGrad"/> to start the leaves from zero again.
/// </para>
/// </remarks>
public class Scalar : Node
{
    private double value;
    private double gradBeforePass;

    /// <summary>Makes a leaf: an input or a parameter of the graph.</summary>
    /// <param name="value">The number.</param>
    /// <param name="requiresGrad">Whether gradients flow into this leaf; turn it off to freeze it.</param>
    /// <param name="label">A name shown in printouts and graph pictures.</param>
    public Scalar(double value, bool requiresGrad = true, string? label = null)
        : base(requiresGrad, label)
    {
        this.value = value;
    }

    /// <summary>
    /// Makes the result of an operation: <paramref name="value"/> is what the operation computed from
    /// <paramref name="inputs"/> (one or more). An operation's constructor passes both, and overrides
    /// <see cref="PropagateGrad"/> with its local rule:
    /// <code>
    /// public sealed class Sin : Scalar
    /// {
    ///     public Sin(Scalar x) : base(Math.Sin(x.Value), x) { }
    ///     protected override void PropagateGrad() =&gt; AccumulateGrad(Inputs[0], Math.Cos(Inputs[0].Value) * Grad);
    /// }
    /// </code>
    /// The result requires grad when any input does, unless it is built inside <see cref="NoGrad.Scope"/>, where it
    /// records no inputs and is a leaf that does not require grad.
    /// </summary>
    /// <exception cref="ArgumentException">No input is given.</exception>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    protected Scalar(double value, params ReadOnlySpan<Scalar> inputs)
        : base(requiresGrad: false, label: null)
    {
        RecordInputs(inputs);
        this.value = value;
    }

    /// <summary>
    /// The number this node holds. A leaf's value may be changed (an optimizer step does that); an operation's value
    /// is fixed when it is built, so rebuild the graph after changing a leaf.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set on a node that is not a leaf.</exception>
    public double Value
    {
        get => value;
        set
        {
            if (!IsLeaf)
            {
                throw new InvalidOperationException(
                    $"Value can only be set on a leaf; this node is the result of {Op} and is recomputed by building the graph again.");
            }

            this.value = value;
        }
    }

    /// <summary>d(output)/d(this node) from the latest <see cref="Backward"/> (accumulated over passes on leaves).</summary>
    public double Grad { get; private set; }

    /// <summary>The nodes this one was computed from; empty for a leaf.</summary>
    public InputList<Scalar> Inputs => new(this);

    /// <summary>
    /// Back-propagates from this node: its gradient is seeded with 1 (d(this)/d(this)), then every node it depends
    /// on receives d(this)/d(node), each node visited once, in reverse topological order.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing this node depends on requires grad.</exception>
    public void Backward()
    {
        Engine.Backward(this, () => AccumulateGrad(1.0), "Backward");
    }

    /// <summary>Adds <paramref name="amount"/> to this node's gradient, unless it does not require grad.</summary>
    private void AccumulateGrad(double amount)
    {
        if (RequiresGrad)
        {
            Grad += amount;
        }
    }

    /// <summary>
    /// For an operation's rule: adds <paramref name="amount"/> (this node's gradient times the local derivative) into
    /// <paramref name="input"/>'s gradient. An input that does not require grad receives nothing.
    /// </summary>
    protected static void AccumulateGrad(Scalar input, double amount) => input.AccumulateGrad(amount);

    internal override void ClearGrad() => Grad = 0;

    internal override void BeginLeafPass()
    {
        gradBeforePass = Grad;
        Grad = 0;
    }

    internal override void EndLeafPass() => Grad += gradBeforePass;

    /// <summary>The local rule of an operation (see the constructor for operations); a leaf has none.</summary>
    protected override void PropagateGrad()
    {
    }

    /// <summary>
    /// A one-line description: <c>Scalar(value=-12, grad=1, op=Mul)</c>, or for a leaf
    /// <c>Scalar(value=-2, grad=-4, label=x)</c>. Numbers are rounded to 6 significant digits.
    /// </summary>
    public override string ToString()
    {
        var text = $"Scalar(value={NumberText.Format(value)}, grad={NumberText.Format(Grad)}";
        if (Op is not null)
        {
            text += $", op={Op}";
        }

        if (Label is not null)
        {
            text += $", label={Label}";
        }

        if (!RequiresGrad)
        {
            text += ", requiresGrad=false";
        }

        return text + ")";
    }

    /// <summary>
    /// The graph as an indented tree, the result first and each node's inputs below it, like the printed object in
    /// the JavaScript post this series follows. A node reached a second time is printed once and then referred to.
    /// </summary>
    public string ToTree() => TreeText.Render(this);

    internal override IReadOnlyList<string> PictureLines() => [$"value {NumberText.Format(value)}", $"grad {NumberText.Format(Grad)}"];

    /// <summary>This value raised to a constant power.</summary>
    public Scalar Pow(double exponent) => new Pow(this, exponent);

    /// <summary>e raised to this value.</summary>
    public Scalar Exp() => new Exp(this);

    /// <summary>The natural logarithm: -∞ at 0 and NaN below it, as IEEE 754 says.</summary>
    public Scalar Log() => new Log(this);

    /// <summary>The hyperbolic tangent.</summary>
    public Scalar Tanh() => new Tanh(this);

    /// <summary>max(0, x); its gradient is 0 at x = 0, as in PyTorch.</summary>
    public Scalar Relu() => new Relu(this);

    /// <summary>The logistic function 1 / (1 + e^-x).</summary>
    public Scalar Sigmoid() => new Sigmoid(this);

    /// <summary>Builds an <see cref="Add"/> node.</summary>
    public static Scalar operator +(Scalar x, Scalar y) => new Add(x, y);

    /// <summary>Adds a constant, which enters the graph as a leaf that does not require grad.</summary>
    public static Scalar operator +(Scalar x, double y) => new Add(x, Constant(y));

    /// <summary>Adds a constant, which enters the graph as a leaf that does not require grad.</summary>
    public static Scalar operator +(double x, Scalar y) => new Add(Constant(x), y);

    /// <summary>Builds a <see cref="Sub"/> node.</summary>
    public static Scalar operator -(Scalar x, Scalar y) => new Sub(x, y);

    /// <summary>Subtracts a constant.</summary>
    public static Scalar operator -(Scalar x, double y) => new Sub(x, Constant(y));

    /// <summary>Subtracts from a constant.</summary>
    public static Scalar operator -(double x, Scalar y) => new Sub(Constant(x), y);

    /// <summary>Builds a <see cref="Neg"/> node.</summary>
    public static Scalar operator -(Scalar x) => new Neg(x);

    /// <summary>Builds a <see cref="Mul"/> node.</summary>
    public static Scalar operator *(Scalar x, Scalar y) => new Mul(x, y);

    /// <summary>Multiplies by a constant.</summary>
    public static Scalar operator *(Scalar x, double y) => new Mul(x, Constant(y));

    /// <summary>Multiplies by a constant.</summary>
    public static Scalar operator *(double x, Scalar y) => new Mul(Constant(x), y);

    /// <summary>Builds a <see cref="Div"/> node.</summary>
    public static Scalar operator /(Scalar x, Scalar y) => new Div(x, y);

    /// <summary>Divides by a constant.</summary>
    public static Scalar operator /(Scalar x, double y) => new Div(x, Constant(y));

    /// <summary>Divides a constant.</summary>
    public static Scalar operator /(double x, Scalar y) => new Div(Constant(x), y);

    private static Scalar Constant(double value) => new(value, requiresGrad: false);
}
