using Autograd;
using Autograd.NN;
using Autograd.Optim;

namespace Autograd.Benchmarks;

/// <summary>
/// The 784-256-10 MLP with SGD on a batch of random images, and one training step of it: what
/// <see cref="TrainingBenchmarks"/> measures at batch 128 and <see cref="MlpBatchBenchmarks"/> at every batch.
/// </summary>
internal sealed class MlpTraining
{
    private readonly CrossEntropyLoss loss = new();
    private readonly Sequential mlp;
    private readonly SGD sgd;
    private readonly Tensor images;
    private readonly int[] labels;

    /// <summary>Draws the layers, then the images, then the labels, from <paramref name="rng"/>.</summary>
    public MlpTraining(int batch, Random rng)
    {
        mlp = new Sequential(new Linear(784, 256, rng), new ReLU(), new Linear(256, 10, rng));
        sgd = new SGD(mlp.Parameters(), lr: 0.01);
        images = Tensor.Randn(batch, 784, rng);
        labels = Enumerable.Range(0, batch).Select(_ => rng.Next(10)).ToArray();
    }

    /// <summary>One SGD step (zero grad, forward, cross-entropy, backward, update); returns the loss.</summary>
    public double Step()
    {
        using var scope = Tensor.Scope();
        sgd.ZeroGrad();
        var l = loss.Forward(mlp.Forward(images), labels);
        l.Backward();
        sgd.Step();
        return l.Item();
    }
}
