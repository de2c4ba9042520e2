using Autograd.Data;
using Autograd.NN;
using Autograd.Optim;

namespace Autograd.Determinism;

/// <summary>
/// Everything above the operations: random tensors, the data sets, both losses, layers, both optimizers, and short
/// training runs, one of them with a hidden layer wide enough that its products are split between threads.
/// </summary>
internal static class ModelChecks
{
    public static void Run(Battery battery)
    {
        Random(battery);
        Data(battery);
        Losses(battery);
        Layers(battery);
        Optimizers(battery);
        Training(battery);
    }

    private static void Random(Battery battery)
    {
        battery.Check("randn.seeded.33x33", h => h.Add(Tensor.Randn(33, 33, new Random(7)).Data));
        battery.Check("randn.seeded.1x1031.std", h => h.Add(Tensor.Randn(1, 1031, new Random(8), std: 0.25).Data));
        battery.Check("randn.default", h =>
        {
            Rng.Seed(0);
            h.Add(Tensor.Randn(9, 17).Data);
            h.Add(Tensor.Randn(1, 1031, std: 3).Data);
            h.Add(Tensor.Randn(1, 1).Data);
        });
        battery.Check("linear.default-init", h =>
        {
            Rng.Seed(0);
            var layer = new Linear(17, 9);
            h.Add(layer.Weight.Data);
            h.Add(layer.Bias.Data);
        });
    }

    private static void Data(Battery battery)
    {
        foreach (var (points, classes, seed) in new[] { (50, 3, 0), (101, 5, 3) })
        {
            battery.Check($"datasets.spiral.{points}.{classes}.{seed}", h =>
            {
                var (x, y) = Datasets.Spiral(points, classes, seed);
                h.Add(x.Data);
                h.Add(y);
            });
        }

        foreach (var (count, noise, name, seed) in new[] { (200, 0.1, "0.1", 0), (101, 0.0, "0", 5) })
        {
            battery.Check($"datasets.moons.{count}.{name}.{seed}", h =>
            {
                var (x, y) = Datasets.Moons(count, noise, seed);
                h.Add(x.Data);
                h.Add(y);
            });
        }
    }

    private static void Losses(Battery battery)
    {
        foreach (var (rows, classes, scale) in new[] { (1, 1, 1.0), (9, 17, 1.0), (1031, 3, 1.0), (33, 7, 1000.0) })
        {
            battery.CheckRepeated($"loss.cross-entropy.{rows}x{classes}.scale{scale}", h =>
            {
                var logits = Inputs.Leaf(rows, classes, Scaled(Inputs.Mixed(rows * classes, rows + classes), scale));
                var loss = new CrossEntropyLoss().Forward(logits, Inputs.Targets(rows, classes, rows));
                loss.Backward();
                h.Add(loss.Data);
                h.Add(logits.Grad);
            });
        }

        foreach (var (rows, cols) in new[] { (1, 1), (33, 33), (1031, 3) })
        {
            battery.CheckRepeated($"loss.mse.{rows}x{cols}", h =>
            {
                var prediction = Inputs.Leaf(rows, cols, rows * cols);
                var target = Inputs.Leaf(rows, cols, (rows * cols) + 1, requiresGrad: false);
                var loss = new MSELoss().Forward(prediction, target);
                loss.Backward();
                h.Add(loss.Data);
                h.Add(prediction.Grad);
            });
        }
    }

    private static void Layers(Battery battery)
    {
        battery.CheckRepeated("linear.33x7.7x9", h =>
        {
            var layer = new Linear(7, 9, new Random(3));
            var x = Inputs.Leaf(33, 7, 30);
            var y = layer.Forward(x);
            y.Backward(Inputs.Leaf(33, 9, 31, requiresGrad: false));
            h.Add(y.Data);
            h.Add(x.Grad);
            AddParameters(h, layer);
        });
        battery.CheckRepeated("sequential.forward-backward", h =>
        {
            var rng = new Random(4);
            var model = new Sequential(
                new Linear(3, 17, rng), new Tanh(), new Linear(17, 9, rng), new Sigmoid(), new Linear(9, 33, rng), new ReLU(),
                new Linear(33, 4, rng), new Softmax());
            var x = Inputs.Leaf(65, 3, 40);
            var y = model.Forward(x);
            y.Backward(Inputs.Leaf(65, 4, 41, requiresGrad: false));
            h.Add(y.Data);
            h.Add(x.Grad);
            AddParameters(h, model);
        });
    }

    private static void Optimizers(Battery battery)
    {
        var optimizers = new (string Name, Func<IEnumerable<Tensor>, Optimizer> Make)[]
        {
            ("sgd", p => new SGD(p, lr: 0.1)),
            ("sgd.momentum", p => new SGD(p, lr: 0.1, momentum: 0.9)),
            ("sgd.momentum.weight-decay", p => new SGD(p, lr: 0.1, momentum: 0.9, weightDecay: 0.01)),
            ("sgd.weight-decay", p => new SGD(p, lr: 0.1, weightDecay: 0.01)),
            ("adam", p => new Adam(p)),
            ("adam.lr", p => new Adam(p, lr: 0.05)),
            ("adam.weight-decay", p => new Adam(p, lr: 0.01, weightDecay: 0.01)),
        };

        foreach (var (name, make) in optimizers)
        {
            battery.CheckRepeated("optim." + name, h =>
            {
                var rng = new Random(5);
                var model = new Sequential(new Linear(5, 9, rng), new ReLU(), new Linear(9, 3, rng));
                var x = Inputs.Leaf(33, 5, 50, requiresGrad: false);
                var targets = Inputs.Targets(33, 3, 51);
                var optimizer = make(model.Parameters());
                for (int step = 0; step < 5; step++)
                {
                    optimizer.ZeroGrad();
                    var loss = new CrossEntropyLoss().Forward(model.Forward(x), targets);
                    loss.Backward();
                    optimizer.Step();
                    h.Add(loss.Data);
                }

                AddParameters(h, model);
            });
        }
    }

    private static void Training(Battery battery)
    {
        battery.Check("train.spiral.adam", h =>
        {
            var (x, y) = Datasets.Spiral(50, 3, 0);
            var rng = new Random(0);
            var model = new Sequential(new Linear(2, 16, rng), new ReLU(), new Linear(16, 3, rng));
            var optimizer = new Adam(model.Parameters(), lr: 0.01);
            Train(h, model, optimizer, x, y, steps: 30);

            AddParameters(h, model);
            h.Add(model.Forward(x).ArgMax());
        });

        // 200 rows of 64 features through 1031 hidden units: 13 million multiply-adds per product, and more than one
        // block of rows, so the forward and backward products are split between threads wherever there are two.
        battery.Check("train.wide.adam", h =>
        {
            var rng = new Random(1);
            var x = Tensor.Randn(200, 64, rng);
            var y = Inputs.Targets(200, 10, 2);
            var model = new Sequential(new Linear(64, 1031, rng), new Tanh(), new Linear(1031, 10, rng));
            var optimizer = new Adam(model.Parameters(), lr: 0.001, weightDecay: 0.001);
            Train(h, model, optimizer, x, y, steps: 4);

            AddParameters(h, model);
        });

        battery.Check("train.spiral.sgd.nograd-eval", h =>
        {
            var (x, y) = Datasets.Spiral(50, 3, 0);
            var rng = new Random(2);
            var model = new Sequential(new Linear(2, 16, rng), new Tanh(), new Linear(16, 3, rng));
            var optimizer = new SGD(model.Parameters(), lr: 0.5, momentum: 0.9);
            Train(h, model, optimizer, x, y, steps: 30);

            using (NoGrad.Scope())
            {
                var logits = model.Forward(x);
                h.Add(logits.Data);
                h.Add(logits.ArgMax());
            }

            AddParameters(h, model);
        });
    }

    /// <summary>
    /// Full-batch training steps with the cross-entropy loss, each in a <see cref="Tensor.Scope"/>, each step's loss
    /// added to the fingerprint.
    /// </summary>
    private static void Train(Fingerprint h, Module model, Optimizer optimizer, Tensor x, int[] y, int steps)
    {
        var lossFunction = new CrossEntropyLoss();
        for (int step = 0; step < steps; step++)
        {
            // Each step's results are recycled into the next step's: whatever arrays they get, the numbers are the same.
            using var stepScope = Tensor.Scope();
            optimizer.ZeroGrad();
            var loss = lossFunction.Forward(model.Forward(x), y);
            loss.Backward();
            optimizer.Step();
            h.Add(loss.Data);
        }
    }

    private static void AddParameters(Fingerprint h, Module model)
    {
        foreach (var parameter in model.Parameters())
        {
            h.Add(parameter);
        }
    }

    private static double[] Scaled(double[] values, double scale)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= scale;
        }

        return values;
    }
}
