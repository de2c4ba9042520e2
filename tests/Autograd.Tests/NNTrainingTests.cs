using System.Diagnostics;
using Autograd.Data;
using Autograd.NN;
using Autograd.Optim;

namespace Autograd.Tests;

/// <summary>
/// Whole training runs with fixed recipes: the spiral and the optdigits digits. The time limits are guards against
/// hangs, not performance assertions.
/// </summary>
public class NNTrainingTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_relu_network_fits_the_spiral()
    {
        // Recipe: 2-100-3 ReLU net, PyTorch's default initialisation, full-batch Adam at lr 0.01 for 1000 steps.
        // Measured: 99.33% training accuracy (298 of 300; the noise puts two points inside another arm) for data seeds
        // 0 to 3, and the same with SGD at lr 1 for 2000 steps.
        var (x, y) = Datasets.Spiral(100, 3, seed: 0);
        var rng = new Random(0);
        var model = new Sequential(new Linear(2, 100, rng), new ReLU(), new Linear(100, 3, rng));
        var adam = new Adam(model.Parameters(), lr: 0.01);
        var lossFunction = new CrossEntropyLoss();
        var clock = Stopwatch.StartNew();

        double loss = 0;
        for (int step = 0; step < 1000 && clock.Elapsed < Guard; step++)
        {
            adam.ZeroGrad();
            var l = lossFunction.Forward(model.Forward(x), y);
            l.Backward();
            adam.Step();
            loss = l.Item();
        }

        Assert.True(clock.Elapsed < Guard, $"training took {clock.Elapsed}");
        Assert.True(Accuracy(model, x, y) >= 0.98, $"accuracy {Accuracy(model, x, y):P2}, loss {loss}");
        Assert.True(loss < 0.05, $"loss {loss}");
    }

    [Fact]
    public void A_one_hidden_layer_mlp_reads_optdigits()
    {
        // Settings chosen on a validation split of optdigits.tra (Datasets.Split(x, y, 0.2, seed: 0): 3059 rows to
        // train, 764 to validate), 64-128-10 ReLU, Adam, batch 64, measured validation accuracy:
        //   pixels / 16 as loaded, lr 0.003, 20 epochs: 96.1% (best 96.6% at 15); lr 0.001: 95.8%
        //   standardised pixels, lr 0.001 / 0.003, 20 epochs: 96.6% / 96.6%
        //   standardised, Gaussian input noise 0.5, lr 0.003, 20 epochs: 97.8%
        //   standardised, training images also shifted by one pixel up, down, left and right (5× the rows),
        //   lr 0.003, 10 epochs: 98.4% (lr 0.001: 98.2%)   ← chosen
        // The test file's writers are not in the training file, so shifted copies, which teach that a digit moved by a
        // pixel is the same digit, help most. Trained on all of optdigits.tra this way the test accuracy measured
        // 97.6% (plain pixels / 16 gave about 96%, as PyTorch does with the same net).
        string folder = DataTests.OptdigitsFolder;
        var (x, y) = Shifted(Datasets.LoadOptdigits(Path.Combine(folder, "optdigits.tra")));
        var (testX, testY) = Datasets.LoadOptdigits(Path.Combine(folder, "optdigits.tes"));
        var standardise = Standardiser(x);
        x = standardise(x);
        testX = standardise(testX);

        var model = new Sequential(new Linear(64, 128, new Random(1)), new ReLU(), new Linear(128, 10, new Random(2)));
        var adam = new Adam(model.Parameters(), lr: 0.003);
        var lossFunction = new CrossEntropyLoss();
        var order = new Random(3);
        var clock = Stopwatch.StartNew();
        for (int epoch = 0; epoch < 10 && clock.Elapsed < Guard; epoch++)
        {
            foreach (var (xb, yb) in Batches.Shuffled(x, y, 64, order))
            {
                adam.ZeroGrad();
                lossFunction.Forward(model.Forward(xb), yb).Backward();
                adam.Step();
            }
        }

        Assert.True(clock.Elapsed < Guard, $"training took {clock.Elapsed}");
        double accuracy = Accuracy(model, testX, testY);
        Assert.True(accuracy >= 0.97, $"test accuracy {accuracy:P2}");
    }

    private static double Accuracy(Module model, Tensor x, int[] y)
    {
        using var _ = NoGrad.Scope();
        var predicted = model.Forward(x).ArgMax();
        return predicted.Zip(y).Count(p => p.First == p.Second) / (double)y.Length;
    }

    /// <summary>
    /// (x - mean) / std per pixel, with the training set's mean and standard deviation (a pixel that never varies is
    /// only centred), as scikit-learn's StandardScaler does.
    /// </summary>
    private static Func<Tensor, Tensor> Standardiser(Tensor x)
    {
        var mean = Tensor.Zeros(1, x.Cols);
        var scale = Tensor.Zeros(1, x.Cols);
        for (int c = 0; c < x.Cols; c++)
        {
            double m = 0;
            for (int r = 0; r < x.Rows; r++)
            {
                m += x[r, c];
            }

            m /= x.Rows;
            double variance = 0;
            for (int r = 0; r < x.Rows; r++)
            {
                variance += (x[r, c] - m) * (x[r, c] - m);
            }

            variance /= x.Rows - 1;
            mean[0, c] = m;
            scale[0, c] = variance > 0 ? 1 / Math.Sqrt(variance) : 1;
        }

        return t => (t - mean) * scale;
    }

    /// <summary>The images, then the same images moved one pixel right, left, down and up (the edge filled with 0).</summary>
    private static (Tensor X, int[] Y) Shifted((Tensor X, int[] Y) data)
    {
        (int Rows, int Cols)[] moves = [(0, 0), (0, 1), (0, -1), (1, 0), (-1, 0)];
        var (x, y) = data;
        int n = x.Rows;
        var result = new Tensor(n * moves.Length, 64, requiresGrad: false);
        var labels = new int[n * moves.Length];
        for (int k = 0; k < moves.Length; k++)
        {
            for (int i = 0; i < n; i++)
            {
                int row = (k * n) + i;
                labels[row] = y[i];
                for (int r = 0; r < 8; r++)
                {
                    for (int c = 0; c < 8; c++)
                    {
                        int fromR = r - moves[k].Rows;
                        int fromC = c - moves[k].Cols;
                        if (fromR is >= 0 and < 8 && fromC is >= 0 and < 8)
                        {
                            result[row, (8 * r) + c] = x[i, (8 * fromR) + fromC];
                        }
                    }
                }
            }
        }

        return (result, labels);
    }
}
