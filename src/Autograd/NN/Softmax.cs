namespace Autograd.NN;

/// <summary>
/// The softmax of every row: e^x / Σ e^x, so each row becomes probabilities (positive, summing to 1). As PyTorch's
/// <c>torch.nn.Softmax(dim=1)</c>; it has no parameters. To train a classifier, leave it out and give the logits to
/// <see cref="CrossEntropyLoss"/>, which applies a stable log-softmax itself.
/// </summary>
public sealed class Softmax : Module
{
    /// <summary>Applies the softmax to every row of <paramref name="input"/>.</summary>
    /// <param name="input">One row of scores (logits) per example.</param>
    /// <returns>A tensor of the same shape whose rows sum to 1.</returns>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Softmax();
    }
}
