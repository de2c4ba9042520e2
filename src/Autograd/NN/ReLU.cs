namespace Autograd.NN;

/// <summary>
/// max(0, x) for every element (the rectified linear unit); its gradient is 1 where x &gt; 0 and 0 elsewhere.
/// As PyTorch's <c>torch.nn.ReLU</c>; it has no parameters.
/// </summary>
public sealed class ReLU : Module
{
    /// <summary>Applies the function to every element of <paramref name="input"/>.</summary>
    /// <param name="input">Any tensor.</param>
    /// <returns>A tensor of the same shape.</returns>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Relu();
    }
}
