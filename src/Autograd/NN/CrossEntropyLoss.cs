using Autograd.Ops;

namespace Autograd.NN;

/// <summary>
/// The loss for classification, as PyTorch's <c>torch.nn.CrossEntropyLoss</c>: the mean over the batch of
/// -log softmax(logits)[target], computed stably in one node (<see cref="Ops.Tensors.CrossEntropy"/>). Give it the
/// raw scores of the last <see cref="Linear"/> layer, not probabilities: it applies the softmax itself.
/// </summary>
/// <example>
/// <code>
/// var loss = new CrossEntropyLoss().Forward(model.Forward(x), y);
/// loss.Backward();
/// </code>
/// </example>
public sealed class CrossEntropyLoss
{
    /// <summary>Computes the mean cross-entropy of <paramref name="logits"/> against <paramref name="targets"/>.</summary>
    /// <param name="logits">The scores: one row per example, one column per class.</param>
    /// <param name="targets">The correct class of each row, 0 to classes - 1.</param>
    /// <returns>A 1×1 tensor: the loss, ready for <c>Backward()</c>.</returns>
    /// <exception cref="ArgumentException">The number of targets differs from the number of rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is negative or not below the number of classes.</exception>
    public Tensor Forward(Tensor logits, int[] targets) => new Ops.Tensors.CrossEntropy(logits, targets);
}
