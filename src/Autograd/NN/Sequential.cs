using System.Collections;
using System.Globalization;

namespace Autograd.NN;

/// <summary>
/// Layers applied one after the other, as PyTorch's <c>torch.nn.Sequential</c>: the output of layer i is the input
/// of layer i + 1. The JavaScript post's network is
/// <c>new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 2), new Softmax())</c>.
/// </summary>
/// <remarks>
/// Its parameters are named by layer index as PyTorch names them (<see cref="Module.NamedParameters"/>):
/// <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, ... Printed, it is a table of its layers with each one's
/// parameter shapes and count.
/// </remarks>
public sealed class Sequential : Module, IReadOnlyList<Module>
{
    private readonly Module[] layers;

    /// <summary>Makes the network from its layers, first to last.</summary>
    /// <param name="layers">The layers; with none, the network returns its input.</param>
    /// <exception cref="ArgumentNullException">The array or one of the layers is null.</exception>
    public Sequential(params Module[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        for (int i = 0; i < layers.Length; i++)
        {
            if (layers[i] is null)
            {
                throw new ArgumentNullException(nameof(layers), $"Sequential: layer {i} is null.");
            }
        }

        this.layers = (Module[])layers.Clone();
    }

    /// <summary>The number of layers.</summary>
    public int Count => layers.Length;

    /// <summary>Layer <paramref name="index"/>, counting from 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">There is no such layer.</exception>
    public Module this[int index]
    {
        get
        {
            if ((uint)index >= (uint)layers.Length)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(index), index, $"Sequential: there is no layer {index}; the layers are 0 to {layers.Length - 1}.");
            }

            return layers[index];
        }
    }

    /// <summary>Passes <paramref name="input"/> through every layer in turn.</summary>
    /// <param name="input">The batch, one example per row.</param>
    /// <returns>The last layer's output.</returns>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input;
        foreach (var layer in layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }

    /// <summary>The layers, first to last.</summary>
    public IEnumerator<Module> GetEnumerator() => ((IEnumerable<Module>)layers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// A table of the layers: name (the layer's index, which starts its parameters' saved names), layer, parameter
    /// names and shapes, and parameter count, with the totals on the first line and the last.
    /// </summary>
    public override string ToString() => ModuleTable.Text(this);

    /// <summary>The layers, named by their index: <c>0</c>, <c>1</c>, ...; a layer used twice is listed under both indices.</summary>
    protected override IEnumerable<(string Name, Module Child)> NamedChildren() =>
        layers.Select((layer, i) => (i.ToString(CultureInfo.InvariantCulture), layer));
}
