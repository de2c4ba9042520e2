namespace Autograd.NN;

/// <summary>
/// A fully connected layer: y = x·W + b, for a batch x of n rows of <see cref="InFeatures"/> numbers. The weight W
/// is <see cref="InFeatures"/>×<see cref="OutFeatures"/> (as in the JavaScript post, so the forward pass is one
/// MatMul with no transpose) and the bias b is one row, added to every row of the product.
/// </summary>
/// <remarks>
/// Initialisation is PyTorch's default for <c>torch.nn.Linear</c>: every weight and bias is drawn from the uniform
/// distribution U(-1/√in, 1/√in). (PyTorch writes it as <c>kaiming_uniform_(a=√5)</c>, He initialisation with a
/// leaky-ReLU gain, which comes to this bound.) Keeping the bound at 1/√in keeps each output's variance near its
/// input's at the start, so ReLU and tanh networks of a few layers train well. The weight is drawn first, element by
/// element in its row-major order, then the bias, so a seeded generator always gives the same layer. PyTorch saves
/// the weight as out×in: <see cref="Module.Save"/> transposes it on the way out and <see cref="Module.Load"/> back.
/// </remarks>
public sealed class Linear : Module
{
    /// <summary>Makes the layer, with weights drawn from U(-1/√in, 1/√in).</summary>
    /// <param name="inFeatures">The number of inputs per example (columns of x), at least 1.</param>
    /// <param name="outFeatures">The number of outputs per example, at least 1.</param>
    /// <param name="rng">The generator to draw the initial weights from; <see langword="null"/> draws from <see cref="Rng.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or the weight would be too large for one tensor.</exception>
    public Linear(int inFeatures, int outFeatures, Random? rng = null)
    {
        if (inFeatures < 1 || outFeatures < 1)
        {
            throw new ArgumentOutOfRangeException(
                inFeatures < 1 ? nameof(inFeatures) : nameof(outFeatures),
                $"Linear({inFeatures}, {outFeatures}): a layer needs at least one input and one output feature.");
        }

        long weights = (long)inFeatures * outFeatures;
        if (weights > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(outFeatures),
                $"Linear({inFeatures}, {outFeatures}): the weight would have {weights:N0} elements; the largest tensor holds {Array.MaxLength:N0}.");
        }

        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Tensor(inFeatures, outFeatures) { Label = "weight" };
        Bias = new Tensor(1, outFeatures) { Label = "bias" };

        rng ??= Rng.Default;
        double bound = 1 / Math.Sqrt(inFeatures);
        Fill(Weight.Data, bound, rng);
        Fill(Bias.Data, bound, rng);
    }

    /// <summary>The number of inputs per example.</summary>
    public int InFeatures { get; }

    /// <summary>The number of outputs per example.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight W, <see cref="InFeatures"/>×<see cref="OutFeatures"/>: W[i, j] connects input i to output j.</summary>
    public Tensor Weight { get; }

    /// <summary>The bias b, one row of <see cref="OutFeatures"/> numbers.</summary>
    public Tensor Bias { get; }

    /// <summary>Computes x·W + b, as one <see cref="Ops.Tensors.Affine"/> node.</summary>
    /// <param name="input">An n×<see cref="InFeatures"/> batch.</param>
    /// <returns>The n×<see cref="OutFeatures"/> output.</returns>
    /// <exception cref="ArgumentException">The input does not have <see cref="InFeatures"/> columns.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Cols != InFeatures)
        {
            throw new ArgumentException(
                $"{this}: the input is {input.Rows}×{input.Cols}, but this layer takes rows of {InFeatures} features " +
                $"(an n×{InFeatures} input).",
                nameof(input));
        }

        // One node with the bits of input.MatMul(Weight) + Bias: see Ops/Tensors/Affine.cs.
        return new Ops.Tensors.Affine(input, Weight, Bias);
    }

    /// <summary>The layer as it is built, such as <c>Linear(2, 3)</c>.</summary>
    public override string ToString() => $"Linear({InFeatures}, {OutFeatures})";

    /// <summary>The weight, then the bias, under PyTorch's names: <c>weight</c> and <c>bias</c>.</summary>
    protected override IEnumerable<(string Name, Tensor Parameter)> OwnParameters() => [("weight", Weight), ("bias", Bias)];

    /// <summary>PyTorch holds the weight as out×in, the transpose of ours, and the bias as a vector of out numbers.</summary>
    internal override (int[] Shape, bool Transposed) SavedLayout(Tensor parameter) =>
        ReferenceEquals(parameter, Weight) ? ([OutFeatures, InFeatures], true) : ([OutFeatures], false);

    private static void Fill(double[] values, double bound, Random rng)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = bound * ((2 * rng.NextDouble()) - 1);
        }
    }
}
