namespace Autograd.NN;

/// <summary>
/// The mean squared error, as PyTorch's <c>torch.nn.MSELoss</c>: the mean over every element of
/// (prediction - target)², for regression.
/// </summary>
public sealed class MSELoss
{
    /// <summary>Computes mean((<paramref name="prediction"/> - <paramref name="target"/>)²).</summary>
    /// <param name="prediction">The model's output.</param>
    /// <param name="target">The wanted values, of the same shape (usually not requiring grad).</param>
    /// <returns>A 1×1 tensor: the loss, ready for <c>Backward()</c>.</returns>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public Tensor Forward(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (prediction.Rows != target.Rows || prediction.Cols != target.Cols)
        {
            throw new ArgumentException(
                $"MSELoss: the prediction is {prediction.Rows}×{prediction.Cols} but the target is " +
                $"{target.Rows}×{target.Cols}; they must have the same shape.",
                nameof(target));
        }

        var difference = prediction - target;
        return (difference * difference).Mean();
    }
}
