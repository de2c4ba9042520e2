using System.Globalization;

namespace Autograd.Tests;

/// <summary>
/// A random straight-line program over tensor ops, kept as data so that it can be replayed exactly in PyTorch.
/// Five leaves with shapes that fit together (A: n×k, B: k×m, C: n×m, D: 1×m, E: n×k) let every op find operands;
/// each step applies an op to earlier results, and the last step reduces to 1×1.
/// </summary>
internal sealed class TensorProgram
{
    private readonly List<(int Rows, int Cols, double[] Data)> leaves = [];
    private readonly List<Step> steps = [];

    private sealed record Step(string Op, int A, int B = -1, double C = 0);

    public static TensorProgram Generate(Random rng)
    {
        var program = new TensorProgram();
        int n = rng.Next(1, 6), k = rng.Next(1, 6), m = rng.Next(1, 6);
        foreach (var (rows, cols) in new[] { (n, k), (k, m), (n, m), (1, m), (n, k) })
        {
            program.leaves.Add((rows, cols, Enumerable.Range(0, rows * cols).Select(_ => Gaussian(rng)).ToArray()));
        }

        // Values are tracked while generating, so exp is only taken of moderate numbers.
        var nodes = program.leaves.Select(l => Leaf(l.Rows, l.Cols, l.Data)).ToList();
        int stepCount = rng.Next(3, 9);
        for (int s = 0; s < stepCount; s++)
        {
            program.AddRandomStep(rng, nodes);
        }

        program.Add(nodes, new Step(rng.Next(2) == 0 ? "sum" : "mean", nodes.Count - 1));
        return program;
    }

    /// <summary>Runs the program with this library: the output's value and every leaf's gradient.</summary>
    public (double Value, double[][] Grads) RunHere()
    {
        var nodes = leaves.Select(l => Leaf(l.Rows, l.Cols, l.Data)).ToList();
        foreach (var step in steps)
        {
            nodes.Add(Apply(step, nodes));
        }

        var output = nodes[^1];
        output.Backward();
        return (output.Item(), nodes.Take(leaves.Count).Select(l => l.Grad.ToArray()).ToArray());
    }

    public object ToJson() => new
    {
        leaves = leaves.Select(l => new { rows = l.Rows, cols = l.Cols, data = l.Data }),
        steps = steps.Select(s => s.B >= 0
            ? (object)new { op = s.Op, a = s.A, b = s.B, c = s.C }
            : new { op = s.Op, a = s.A, c = s.C }),
    };

    public override string ToString() =>
        string.Join(", ", leaves.Select(l => $"{l.Rows}×{l.Cols}")) + "; " +
        string.Join("; ", steps.Select(s => $"{s.Op}({s.A}{(s.B >= 0 ? $", {s.B}" : "")}{(s.C != 0 ? $", {s.C.ToString(CultureInfo.InvariantCulture)}" : "")})"));

    private void AddRandomStep(Random rng, List<Tensor> nodes)
    {
        int a = rng.Next(nodes.Count);
        var x = nodes[a];
        switch (rng.Next(10))
        {
            case 0:
                int b = Pick(rng, nodes, t => t.Rows == x.Cols);
                if (b >= 0)
                {
                    Add(nodes, new Step("matmul", a, b));
                }

                break;
            case 1:
                // Same shape, or a 1×d row broadcast over every row of a.
                int y = Pick(rng, nodes, t => t.Cols == x.Cols && (t.Rows == x.Rows || t.Rows == 1));
                if (y >= 0)
                {
                    Add(nodes, new Step(new[] { "add", "sub", "mul" }[rng.Next(3)], a, y));
                }

                break;
            case 2:
                Add(nodes, new Step(new[] { "add_const", "mul_const", "const_sub" }[rng.Next(3)], a, C: Math.Round(Gaussian(rng), 3)));
                break;
            case 3:
                if (x.Data.All(v => v < 3))
                {
                    Add(nodes, new Step("exp", a));
                }

                break;
            case 4:
                // log of x² + 0.5, so the argument is positive.
                Add(nodes, new Step("mul", a, a));
                Add(nodes, new Step("add_const", nodes.Count - 1, C: 0.5));
                Add(nodes, new Step("log", nodes.Count - 1));
                break;
            case 5:
                Add(nodes, new Step("softmax", a));
                break;
            case 6:
                Add(nodes, new Step("transpose", a));
                break;
            default:
                Add(nodes, new Step(new[] { "relu", "tanh", "sigmoid" }[rng.Next(3)], a));
                break;
        }
    }

    private void Add(List<Tensor> nodes, Step step)
    {
        steps.Add(step);
        nodes.Add(Apply(step, nodes));
    }

    private static Tensor Apply(Step step, List<Tensor> nodes)
    {
        var a = nodes[step.A];
        var b = step.B >= 0 ? nodes[step.B] : null;
        return step.Op switch
        {
            "matmul" => a.MatMul(b!),
            "add" => a + b!,
            "sub" => a - b!,
            "mul" => a * b!,
            "add_const" => a + step.C,
            "mul_const" => a * step.C,
            "const_sub" => step.C - a,
            "relu" => a.Relu(),
            "tanh" => a.Tanh(),
            "sigmoid" => a.Sigmoid(),
            "exp" => a.Exp(),
            "log" => a.Log(),
            "softmax" => a.Softmax(),
            "transpose" => a.Transpose(),
            "sum" => a.Sum(),
            "mean" => a.Mean(),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.Op, "unknown op"),
        };
    }

    private static int Pick(Random rng, List<Tensor> nodes, Func<Tensor, bool> fits)
    {
        var candidates = Enumerable.Range(0, nodes.Count).Where(i => fits(nodes[i])).ToList();
        return candidates.Count == 0 ? -1 : candidates[rng.Next(candidates.Count)];
    }

    private static Tensor Leaf(int rows, int cols, double[] data)
    {
        var t = new Tensor(rows, cols);
        t.SetFrom(data);
        return t;
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
