using Autograd.Kernels;
using CsCheck;

namespace Autograd.Tests;

/// <summary>
/// Random shapes and random compositions of every tensor op, checked against finite differences, plus the MatMul
/// kernel against a plain loop for random shapes.
/// </summary>
public class TensorPropertyTests
{
    private const int OpCount = 13;

    private static readonly Gen<Program> Programs =
        Gen.Select(
            Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[0, 100_000],
            Gen.Select(Gen.Int[0, OpCount - 1], Gen.Int[0, 1000], Gen.Int[0, 1000], (op, a, b) => new Step(op, a, b)).Array[1, 6],
            Gen.Bool,
            (m, k, n, seed, steps, reduce) => new Program(m, k, n, seed, steps, reduce));

    [Fact]
    public void Random_compositions_agree_with_finite_differences()
    {
        Programs
            .Where(p => p.IsWellConditioned())
            .Sample(p => GradCheck.Check(p.Build, p.Inputs()).Passed(1e-5), iter: 300);
    }

    [Fact]
    public void Random_compositions_accumulate_exactly_twice_over_two_passes()
    {
        Programs.Sample(p =>
        {
            var leaves = p.Inputs();
            foreach (var leaf in leaves)
            {
                leaf.RequiresGrad = true;
            }

            var output = p.Build(leaves).Sum();
            output.Backward();
            var first = leaves.Select(l => (double[])l.Grad.Clone()).ToArray();
            output.Backward();
            return leaves.Zip(first).All(pair => pair.First.Grad.SequenceEqual(pair.Second.Select(g => 2 * g)));
        }, iter: 300);
    }

    [Fact]
    public void Matmul_of_random_shapes_matches_the_triple_loop()
    {
        Gen.Select(Gen.Int[1, 70], Gen.Int[1, 70], Gen.Int[1, 70], Gen.Int[0, 1000])
            .Sample((m, k, n, seed) =>
            {
                var rng = new Random(seed);
                var a = Tensor.Randn(m, k, rng);
                var b = Tensor.Randn(k, n, rng);
                var c = a.MatMul(b);
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        double sum = 0, magnitude = 0;
                        for (int p = 0; p < k; p++)
                        {
                            sum += a[i, p] * b[p, j];
                            magnitude += Math.Abs(a[i, p] * b[p, j]);
                        }

                        if (Math.Abs(c[i, j] - sum) > 1e-12 * magnitude)
                        {
                            return false;
                        }
                    }
                }

                return true;
            }, iter: 200);
    }

    public sealed record Step(int Op, int A, int B);

    /// <summary>
    /// A straight-line program over m×n tensors: it starts from X·W + b and a plain input Z, and each step applies an
    /// op to earlier results chosen by index, so values are reused and shared.
    /// </summary>
    public sealed record Program(int M, int K, int N, int Seed, Step[] Steps, bool Reduce)
    {
        public Tensor[] Inputs()
        {
            var rng = new Random(Seed);
            return [Tensor.Randn(M, K, rng), Tensor.Randn(K, N, rng), Tensor.Randn(1, N, rng), Tensor.Randn(M, N, rng)];
        }

        public Tensor Build(Tensor[] leaves) => Run(leaves, trace: null);

        /// <summary>Away from relu's kink, with moderate values, so finite differences are meaningful.</summary>
        public bool IsWellConditioned()
        {
            var trace = new Trace();
            var output = Run(Inputs(), trace);
            return trace.NearestKink > 1e-3 && trace.LargestValue < 1e3 && output.Data.All(double.IsFinite);
        }

        public override string ToString() =>
            $"{M}×{K}·{K}×{N}, seed {Seed}, reduce {Reduce}, steps {string.Join(" ", Steps.Select(s => $"({s.Op},{s.A},{s.B})"))}";

        private Tensor Run(Tensor[] leaves, Trace? trace)
        {
            var (x, w, bias, z) = (leaves[0], leaves[1], leaves[2], leaves[3]);
            var nodes = new List<Tensor> { x.MatMul(w) + bias, z };
            foreach (var step in Steps)
            {
                var a = nodes[step.A % nodes.Count];
                var b = nodes[step.B % nodes.Count];
                if (step.Op == 3 && trace is not null)
                {
                    trace.NearestKink = Math.Min(trace.NearestKink, a.Data.Min(Math.Abs));
                }

                var result = step.Op switch
                {
                    0 => a + b,
                    1 => a - b,
                    2 => a * b,
                    3 => a.Relu(),
                    4 => a.Tanh(),
                    5 => a.Sigmoid(),
                    6 => (0.5 * a).Exp(),
                    7 => ((a * a) + 0.5).Log(),
                    8 => a.Softmax(),
                    9 => (a.MatMul(b.Transpose()).MatMul(b) * 0.2) + (1 - a),
                    10 => a.Transpose().Transpose() - 0.5,
                    11 => a + a.Mean().MatMul(Tensor.Ones(1, N)),
                    _ => a * bias,
                };
                if (trace is not null)
                {
                    trace.LargestValue = Math.Max(trace.LargestValue, result.Data.Max(Math.Abs));
                }

                nodes.Add(result);
            }

            return Reduce ? nodes[^1].Sum() : nodes[^1];
        }
    }

    private sealed class Trace
    {
        public double NearestKink { get; set; } = double.PositiveInfinity;

        public double LargestValue { get; set; }
    }
}
