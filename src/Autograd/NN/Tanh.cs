namespace Autograd.NN;

/// <summary>
/// The hyperbolic tangent of every element, squashing it into (-1, 1).
/// As PyTorch's <c>torch.nn.Tanh</c>; it has no parameters.
/// </summary>
public sealed class Tanh : Module
{
    /// <summary>Applies the function to every element of <paramref name="input"/>.</summary>
    /// <param name="input">Any tensor.</param>
    /// <returns>A tensor of the same shape.</returns>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Tanh();
    }
}
