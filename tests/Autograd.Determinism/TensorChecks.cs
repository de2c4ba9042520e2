using System.Globalization;

namespace Autograd.Determinism;

/// <summary>
/// Every tensor operation, forward and backward, on shapes that are not multiples of any vector width (1, 3, 7, 9,
/// 17, 33) and on more than a thousand elements, and matrix products thin, odd, long in the summed dimension and
/// large enough to be split between threads.
/// </summary>
internal static class TensorChecks
{
    private static readonly (int Rows, int Cols)[] Shapes = [(1, 1), (3, 7), (9, 17), (33, 33), (1, 1031), (1031, 3)];

    /// <summary>(m, k, n) for an (m×k)·(k×n) product.</summary>
    private static readonly (int M, int K, int N)[] Products =
    [
        (1, 1, 1), (3, 7, 9), (9, 17, 33), (33, 33, 33), (1, 1031, 3), (1031, 3, 1), (100, 2, 100), (2, 100, 2),
        (300, 100, 3), (17, 33, 9), (65, 300, 70), (200, 200, 200),
    ];

    public static void Run(Battery battery)
    {
        Unary(battery, "relu", x => x.Relu(), Inputs.Mixed);
        Unary(battery, "tanh", x => x.Tanh(), Inputs.Mixed);
        Unary(battery, "sigmoid", x => x.Sigmoid(), Inputs.Mixed);
        Unary(battery, "exp", x => x.Exp(), Inputs.Mixed);
        Unary(battery, "log", x => x.Log(), Inputs.Positive);
        Unary(battery, "log.zeros-negatives", x => x.Log(), (count, seed) => Inputs.WithZerosAndNegatives(Inputs.Positive(count, seed)));
        Unary(battery, "softmax", x => x.Softmax(), Inputs.Mixed);
        Unary(battery, "sum", x => x.Sum(), Inputs.Mixed);
        Unary(battery, "mean", x => x.Mean(), Inputs.Mixed);
        Unary(battery, "transpose", x => x.Transpose(), Inputs.Mixed);
        Unary(battery, "chain", x => ((x * x).Tanh() + x.Sigmoid()).Relu() * x, Inputs.Mixed);

        Binary(battery, "add", (a, b) => a + b, row: false);
        Binary(battery, "sub", (a, b) => a - b, row: false);
        Binary(battery, "mul", (a, b) => a * b, row: false);
        Binary(battery, "add.row", (a, b) => a + b, row: true);
        Binary(battery, "sub.row", (a, b) => a - b, row: true);
        Binary(battery, "mul.row", (a, b) => a * b, row: true);
        Unary(battery, "add.double", x => x + 2.5, Inputs.Mixed);
        Unary(battery, "double.add", x => 2.5 + x, Inputs.Mixed);
        Unary(battery, "sub.double", x => x - 2.5, Inputs.Mixed);
        Unary(battery, "double.sub", x => 2.5 - x, Inputs.Mixed);
        Unary(battery, "mul.double", x => x * -1.5, Inputs.Mixed);
        Unary(battery, "double.mul", x => -1.5 * x, Inputs.Mixed);

        foreach (var (rows, cols) in Shapes)
        {
            string shape = Shape(rows, cols);
            battery.CheckRepeated($"tensor.sum-backward.{shape}", h =>
            {
                var x = Inputs.Leaf(rows, cols, Seed("sum-backward", rows, cols));
                var loss = ((x * x).Tanh() + x.Exp() * 0.25).Sum();
                loss.Backward();
                h.Add(loss.Data);
                h.Add(x.Grad);
            });
            battery.CheckRepeated($"tensor.backward-twice.{shape}", h =>
            {
                var x = Inputs.Leaf(rows, cols, Seed("backward-twice", rows, cols));
                var loss = (x.Sigmoid() * x).Mean();
                loss.Backward();
                loss.Backward();
                h.Add(loss.Data);
                h.Add(x.Grad);
            });
            battery.CheckRepeated($"tensor.detach.{shape}", h =>
            {
                var x = Inputs.Leaf(rows, cols, Seed("detach", rows, cols));
                var frozen = x.Detach();
                var loss = (frozen * x).Sum();
                loss.Backward();
                h.Add(frozen);
                h.Add(loss.Data);
                h.Add(x.Grad);
            });
            battery.CheckRepeated($"tensor.argmax.{shape}", h => h.Add(Inputs.Leaf(rows, cols, Seed("argmax", rows, cols)).ArgMax()));
        }

        battery.CheckRepeated("tensor.argmax.ties-nan", h =>
        {
            double nan = double.NaN, inf = double.PositiveInfinity;
            var x = Inputs.Leaf(5, 5, [1, 3, 3, 0, -1, nan, 1, 2, nan, 0, -0.0, 0, -0.0, 0, -1, -inf, -inf, -inf, -inf, -inf, 2, inf, nan, inf, 1]);
            h.Add(x.ArgMax());
        });

        foreach (var (m, k, n) in Products)
        {
            void Product(Fingerprint h)
            {
                var a = Inputs.Leaf(m, k, Seed("matmul-a", m, k));
                var b = Inputs.Leaf(k, n, Seed("matmul-b", k, n));
                var c = a.MatMul(b);
                c.Backward(Inputs.Leaf(m, n, Seed("matmul-c", m, n), requiresGrad: false));
                h.Add(c.Data);
                h.Add(a.Grad);
                h.Add(b.Grad);
            }

            // The large products take long enough without vectors that they run once.
            string name = $"tensor.matmul.{m}x{k}.{k}x{n}";
            if ((long)m * k * n < 1_000_000)
            {
                battery.CheckRepeated(name, Product);
            }
            else
            {
                battery.Check(name, Product);
            }
        }
    }

    private static void Unary(Battery battery, string name, Func<Tensor, Tensor> op, Func<int, int, double[]> values)
    {
        foreach (var (rows, cols) in Shapes)
        {
            battery.CheckRepeated($"tensor.{name}.{Shape(rows, cols)}", h =>
            {
                var x = Inputs.Leaf(rows, cols, values(rows * cols, Seed(name, rows, cols)));
                var y = op(x);
                y.Backward(Inputs.Leaf(y.Rows, y.Cols, Seed(name + "-seed", rows, cols), requiresGrad: false));
                h.Add(y.Data);
                h.Add(x.Grad);
            });
        }
    }

    private static void Binary(Battery battery, string name, Func<Tensor, Tensor, Tensor> op, bool row)
    {
        foreach (var (rows, cols) in Shapes)
        {
            battery.CheckRepeated($"tensor.{name}.{Shape(rows, cols)}", h =>
            {
                var a = Inputs.Leaf(rows, cols, Seed(name + "-a", rows, cols));
                var b = Inputs.Leaf(row ? 1 : rows, cols, Seed(name + "-b", rows, cols));
                var y = op(a, b);
                y.Backward(Inputs.Leaf(rows, cols, Seed(name + "-seed", rows, cols), requiresGrad: false));
                h.Add(y.Data);
                h.Add(a.Grad);
                h.Add(b.Grad);
            });
        }
    }

    private static string Shape(int rows, int cols) => string.Create(CultureInfo.InvariantCulture, $"{rows}x{cols}");

    /// <summary>
    /// A seed for the inputs of one check, the same in every process (string.GetHashCode is randomised per process,
    /// so the name is folded in by hand).
    /// </summary>
    internal static int Seed(string name, int rows, int cols)
    {
        int seed = (rows * 7919) + cols;
        foreach (char c in name)
        {
            seed = unchecked((seed * 31) + c);
        }

        return seed & int.MaxValue;
    }
}
