using TorchSharp;
using TorchSharp.Modules;

namespace Autograd.Benchmarks.Libtorch;

/// <summary>
/// The 784-256-10 MLP of the library's training benchmarks in TorchSharp: Sequential(Linear, ReLU, Linear), float64,
/// cross-entropy and plain SGD (learning rate 0.01) on a batch of random images and labels.
/// </summary>
internal sealed class Mlp : IDisposable
{
    private readonly Sequential model;
    private readonly SGD sgd;
    private readonly torch.Tensor images;
    private readonly torch.Tensor labels;

    public Mlp(int batch)
    {
        torch.manual_seed(1);
        model = torch.nn.Sequential(
            ("fc1", torch.nn.Linear(784, 256, dtype: torch.float64)),
            ("relu", torch.nn.ReLU()),
            ("fc2", torch.nn.Linear(256, 10, dtype: torch.float64)));
        sgd = torch.optim.SGD(model.parameters(), 0.01);
        images = torch.randn(batch, 784, dtype: torch.float64);
        labels = torch.randint(10, [batch], dtype: torch.int64);
    }

    /// <summary>One step; every tensor it makes is disposed at its end, so memory stays flat over any number of steps.</summary>
    public double Step()
    {
        using var scope = torch.NewDisposeScope();
        sgd.zero_grad();
        var loss = torch.nn.functional.cross_entropy(model.call(images), labels);
        loss.backward();
        sgd.step();
        return loss.item<double>();
    }

    public void Dispose()
    {
        model.Dispose();
        sgd.Dispose();
        images.Dispose();
        labels.Dispose();
    }
}
