using Autograd.Data;
using TorchSharp;
using TorchSharp.Modules;

namespace Autograd.Benchmarks.Libtorch;

/// <summary>
/// The spiral net of the library's training benchmarks in TorchSharp: 2-100-3 with ReLU, float64, full-batch SGD
/// (learning rate 1) with cross-entropy, on the very points the library trains on (<see cref="Datasets.Spiral"/>).
/// </summary>
internal sealed class Spiral : IDisposable
{
    private readonly Sequential model;
    private readonly SGD sgd;
    private readonly torch.Tensor points;
    private readonly torch.Tensor classes;

    public Spiral()
    {
        var (x, y) = Datasets.Spiral(100, 3, seed: 0);
        points = torch.tensor(x.Data, [x.Rows, x.Cols], dtype: torch.float64);
        classes = torch.tensor(y.Select(label => (long)label).ToArray(), dtype: torch.int64);
        torch.manual_seed(1);
        model = torch.nn.Sequential(
            ("fc1", torch.nn.Linear(2, 100, dtype: torch.float64)),
            ("relu", torch.nn.ReLU()),
            ("fc2", torch.nn.Linear(100, 3, dtype: torch.float64)));
        sgd = torch.optim.SGD(model.parameters(), 1.0);
    }

    /// <summary>1000 full-batch steps, each disposing what it made.</summary>
    public double Train1000Steps()
    {
        double last = 0;
        for (int step = 0; step < 1000; step++)
        {
            using var scope = torch.NewDisposeScope();
            sgd.zero_grad();
            var loss = torch.nn.functional.cross_entropy(model.call(points), classes);
            loss.backward();
            sgd.step();
            last = loss.item<double>();
        }

        return last;
    }

    public void Dispose()
    {
        model.Dispose();
        sgd.Dispose();
        points.Dispose();
        classes.Dispose();
    }
}
