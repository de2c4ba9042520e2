using System.Collections;
using System.Globalization;
using System.Text;

namespace Autograd.NN;

/// <summary>
/// Layers applied one after the other, as PyTorch's <c>torch.nn.Sequential</c>: the output of layer i is the input
/// of layer i + 1. The JavaScript post's network is
/// <c>new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 2), new Softmax())</c>.
/// </summary>
/// <remarks>
/// Printed, it is a table of its layers with each one's output shape and parameter count. Saved, its parameters
/// are named by layer index as PyTorch names them: <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, ...
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

    /// <summary>The parameters of every layer, first layer first; a layer used twice contributes its parameters once.</summary>
    public override IEnumerable<Tensor> Parameters()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var layer in layers)
        {
            foreach (var p in layer.Parameters())
            {
                if (seen.Add(p))
                {
                    yield return p;
                }
            }
        }
    }

    /// <summary>The layers, first to last.</summary>
    public IEnumerator<Module> GetEnumerator() => ((IEnumerable<Module>)layers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// A table of the layers: index, layer, output shape (n is the number of rows in the batch) and parameter count,
    /// with the totals on the first line.
    /// </summary>
    public override string ToString()
    {
        var rows = new List<string[]> { new[] { "#", "Layer", "Output", "Parameters" } };
        int? features = null;
        foreach (var (layer, i) in layers.Select((layer, i) => (layer, i)))
        {
            features = layer.OutputFeatures(features);
            rows.Add(
            [
                i.ToString(CultureInfo.InvariantCulture),
                layer is Sequential inner ? $"Sequential({inner.Count} layers)" : layer.ToString(),
                features is int f ? $"n×{f}" : "as input",
                layer.ParameterCount.ToString("N0", CultureInfo.InvariantCulture),
            ]);
        }

        var widths = Enumerable.Range(0, 4).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder(
            $"Sequential: {Count} layers, {ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters");
        foreach (var row in rows)
        {
            text.AppendLine()
                .Append(row[0].PadLeft(widths[0])).Append("  ")
                .Append(row[1].PadRight(widths[1])).Append("  ")
                .Append(row[2].PadRight(widths[2])).Append("  ")
                .Append(row[3].PadLeft(widths[3]));
        }

        return text.ToString();
    }

    internal override IEnumerable<StateEntry> StateEntries(string prefix) =>
        layers.SelectMany((layer, i) => layer.StateEntries($"{prefix}{i}."));

    internal override int? OutputFeatures(int? inputFeatures)
    {
        foreach (var layer in layers)
        {
            inputFeatures = layer.OutputFeatures(inputFeatures);
        }

        return inputFeatures;
    }
}
