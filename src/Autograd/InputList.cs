using System.Collections;
using System.Runtime.CompilerServices;

namespace Autograd;

/// <summary>
/// The inputs of a node, in argument order: <c>Inputs[0]</c>, <c>Inputs[1]</c>, ... and <c>Inputs.Count</c>.
/// Empty for a leaf. A view of the node, not a copy, so reading an input in a backward rule allocates nothing.
/// </summary>
/// <typeparam name="T">The kind of node: <see cref="Scalar"/> or <see cref="Tensor"/>.</typeparam>
public readonly struct InputList<T> : IReadOnlyList<T>
    where T : Node
{
    private readonly Node node;

    internal InputList(Node node) => this.node = node;

    /// <summary>How many inputs the node has: 0 for a leaf.</summary>
    public int Count => node.InputCount;

    /// <summary>Input <paramref name="index"/>, counting from 0 in the order the operation received them.</summary>
    /// <exception cref="InvalidOperationException">The node has no such input.</exception>
    // No cast check: a Scalar's inputs are Scalars and a Tensor's Tensors, as their constructors take them (and a checked
    // cast in this generic struct costs a type lookup on every read, which a graph of scalars pays per node).
    public T this[int index] => Unsafe.As<T>(node.GetInput(index));

    /// <summary>The inputs in order.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the inputs in order without allocating.</summary>
    public struct Enumerator : IEnumerator<T>
    {
        private readonly InputList<T> inputs;
        private int index;

        internal Enumerator(InputList<T> inputs)
        {
            this.inputs = inputs;
            index = -1;
        }

        /// <inheritdoc/>
        public readonly T Current => inputs[index];

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc/>
        public bool MoveNext() => ++index < inputs.Count;

        /// <inheritdoc/>
        public void Reset() => index = -1;

        /// <inheritdoc/>
        public readonly void Dispose()
        {
        }
    }
}
