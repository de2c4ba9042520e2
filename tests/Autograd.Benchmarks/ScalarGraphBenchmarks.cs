using Autograd;
using Autograd.Data;
using BenchmarkDotNet.Attributes;

namespace Autograd.Benchmarks;

/// <summary>The scalar engine: building graphs of <see cref="Scalar"/> nodes and back-propagating through them.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ScalarGraphBenchmarks
{
    private ScalarMlp model = null!;
    private (double X, double Y, double Label)[] moons = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1337);
        model = new ScalarMlp(rng, 2, 16, 16, 1);
        // micrograd's labels are -1 and +1 for its max-margin loss.
        var (points, classes) = Datasets.Moons(100, 0.1, seed: 1337);
        moons = Enumerable.Range(0, classes.Length)
            .Select(i => (points[i, 0], points[i, 1], classes[i] == 0 ? -1.0 : 1.0))
            .ToArray();
    }

    /// <summary>A chain of a million nodes (y = y·w + x, 500,000 times), built and back-propagated.</summary>
    [Benchmark]
    public double MillionNodeGraph()
    {
        var w = new Scalar(0.999);
        var x = new Scalar(0.5);
        var y = new Scalar(1.0);
        for (int i = 0; i < 500_000; i++)
        {
            y = (y * w) + x;
        }

        y.Backward();
        return w.Grad;
    }

    /// <summary>
    /// One training step of micrograd's moons demo: a 2-16-16-1 ReLU network of Scalars on 100 points, max-margin
    /// loss plus L2 regularisation, backward, SGD update (about 66,000 nodes).
    /// </summary>
    [Benchmark]
    public double MicrogradMoonsStep()
    {
        var losses = new List<Scalar>(moons.Length);
        int correct = 0;
        foreach (var (px, py, label) in moons)
        {
            var score = model.Forward([new Scalar(px, requiresGrad: false), new Scalar(py, requiresGrad: false)]);
            losses.Add((1 + (-label * score)).Relu());
            correct += (label > 0) == (score.Value > 0) ? 1 : 0;
        }

        Scalar dataLoss = losses[0];
        for (int i = 1; i < losses.Count; i++)
        {
            dataLoss += losses[i];
        }

        Scalar regularisation = new Scalar(0, requiresGrad: false);
        foreach (var p in model.Parameters)
        {
            regularisation += p * p;
        }

        var loss = (dataLoss * (1.0 / losses.Count)) + (1e-4 * regularisation);
        foreach (var p in model.Parameters)
        {
            p.ZeroGrad();
        }

        loss.Backward();
        foreach (var p in model.Parameters)
        {
            p.Value -= 0.01 * p.Grad;
        }

        return loss.Value + correct;
    }

    /// <summary>micrograd's MLP: layers of neurons, each relu(w·x + b) except the linear output.</summary>
    private sealed class ScalarMlp
    {
        private readonly Scalar[][][] weights;
        private readonly Scalar[][] biases;

        public ScalarMlp(Random rng, params int[] sizes)
        {
            weights = new Scalar[sizes.Length - 1][][];
            biases = new Scalar[sizes.Length - 1][];
            for (int layer = 0; layer < weights.Length; layer++)
            {
                weights[layer] = new Scalar[sizes[layer + 1]][];
                biases[layer] = new Scalar[sizes[layer + 1]];
                for (int n = 0; n < sizes[layer + 1]; n++)
                {
                    weights[layer][n] = Enumerable.Range(0, sizes[layer]).Select(_ => new Scalar((2 * rng.NextDouble()) - 1)).ToArray();
                    biases[layer][n] = new Scalar(0);
                }
            }

            Parameters = weights.SelectMany(l => l.SelectMany(n => n)).Concat(biases.SelectMany(b => b)).ToArray();
        }

        public Scalar[] Parameters { get; }

        public Scalar Forward(Scalar[] input)
        {
            var activations = input;
            for (int layer = 0; layer < weights.Length; layer++)
            {
                bool last = layer == weights.Length - 1;
                var next = new Scalar[weights[layer].Length];
                for (int n = 0; n < next.Length; n++)
                {
                    Scalar sum = biases[layer][n];
                    for (int i = 0; i < activations.Length; i++)
                    {
                        sum += weights[layer][n][i] * activations[i];
                    }

                    next[n] = last ? sum : sum.Relu();
                }

                activations = next;
            }

            return activations[0];
        }
    }
}
