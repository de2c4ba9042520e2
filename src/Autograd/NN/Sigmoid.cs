namespace Autograd.NN;

/// <summary>
/// The logistic function 1 / (1 + e^-x) of every element, squashing it into (0, 1).
/// As PyTorch's <c>torch.nn.Sigmoid</c>; it has no parameters.
/// </summary>
public sealed class Sigmoid : Module
{
    /// <summary>Applies the function to every element of <paramref name="input"/>.</summary>
    /// <param name="input">Any tensor.</param>
    /// <returns>A tensor of the same shape.</returns>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Sigmoid();
    }
}
