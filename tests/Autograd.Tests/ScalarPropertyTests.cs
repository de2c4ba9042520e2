using CsCheck;

namespace Autograd.Tests;

/// <summary>
/// Random expressions over every scalar op, checked against finite differences. An expression is a straight-line
/// program: each step applies an op to earlier results, chosen by index, so values are naturally reused and shared.
/// </summary>
public class ScalarPropertyTests
{
    private const int OpCount = 14;

    private static readonly Gen<Expression> Expressions =
        Gen.Select(
            Gen.Int[-2000, 2000].Select(i => i / 1000.0).Array[3],
            Gen.Select(Gen.Int[0, OpCount - 1], Gen.Int[0, 1000], Gen.Int[0, 1000], (op, a, b) => new Step(op, a, b)).Array[1, 8],
            (inputs, steps) => new Expression(inputs, steps));

    [Fact]
    public void Random_expressions_agree_with_finite_differences()
    {
        Expressions
            .Where(e => e.IsWellConditioned())
            .Sample(e =>
            {
                var result = GradCheck.Check(e.Build, e.Inputs);
                return result.Passed(1e-5);
            }, iter: 5000);
    }

    [Fact]
    public void Random_expressions_accumulate_exactly_twice_over_two_passes()
    {
        Expressions
            .Where(e => e.IsWellConditioned())
            .Sample(e =>
            {
                var leaves = e.Inputs.Select(x => new Scalar(x)).ToArray();
                var output = e.Build(leaves);
                if (!output.RequiresGrad)
                {
                    return true;
                }

                output.Backward();
                var first = leaves.Select(l => l.Grad).ToArray();
                output.Backward();
                return leaves.Select(l => l.Grad).SequenceEqual(first.Select(g => 2 * g));
            }, iter: 2000);
    }

    public sealed record Step(int Op, int A, int B);

    public sealed record Expression(double[] Inputs, Step[] Steps)
    {
        public Scalar Build(Scalar[] leaves) => Run(leaves, trace: null);

        /// <summary>
        /// Finite differences are only meaningful away from relu's kink and where values stay moderate
        /// (rounding in f(x ± h) grows with |f|).
        /// </summary>
        public bool IsWellConditioned()
        {
            var trace = new Trace();
            var output = Run(Inputs.Select(x => new Scalar(x)).ToArray(), trace);
            return trace.NearestKink > 1e-3 && trace.LargestValue < 1e3 && double.IsFinite(output.Value);
        }

        public override string ToString() =>
            $"inputs [{string.Join(", ", Inputs)}], steps {string.Join(" ", Steps.Select(s => $"({s.Op},{s.A},{s.B})"))}";

        private Scalar Run(Scalar[] leaves, Trace? trace)
        {
            var nodes = new List<Scalar>(leaves);
            foreach (var step in Steps)
            {
                var a = nodes[step.A % nodes.Count];
                var b = nodes[step.B % nodes.Count];
                if (step.Op == 10 && trace is not null)
                {
                    trace.NearestKink = Math.Min(trace.NearestKink, Math.Abs(a.Value));
                }

                var result = step.Op switch
                {
                    0 => a + b,
                    1 => a - b,
                    2 => a * b,
                    3 => a / ((b * b) + 0.5),
                    4 => -a,
                    5 => a.Pow(step.B % 2 == 0 ? 2 : 3),
                    6 => ((a * a) + 0.5).Pow(step.B % 2 == 0 ? 0.5 : -1.5),
                    7 => a.Exp(),
                    8 => ((a * a) + 0.1).Log(),
                    9 => a.Tanh(),
                    10 => a.Relu(),
                    11 => a.Sigmoid(),
                    12 => (1.5 * a) + 0.5 - b,
                    _ => 2.0 / (1 + (a * a)),
                };
                if (trace is not null)
                {
                    trace.LargestValue = Math.Max(trace.LargestValue, Math.Abs(result.Value));
                }

                nodes.Add(result);
            }

            return nodes[^1];
        }
    }

    private sealed class Trace
    {
        public double NearestKink { get; set; } = double.PositiveInfinity;

        public double LargestValue { get; set; }
    }
}
