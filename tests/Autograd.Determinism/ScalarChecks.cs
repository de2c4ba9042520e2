namespace Autograd.Determinism;

/// <summary>
/// The scalar operations, forward and backward, on awkward inputs; and each scalar function beside its tensor
/// counterpart on the same inputs, printed as <c>scalar.NAME</c> and <c>tensor.NAME</c> with the same data laid out
/// the same way (values, then the gradient of each input), so the two lines must show the same hash.
/// </summary>
internal static class ScalarChecks
{
    public static void Run(Battery battery)
    {
        var sets = new (string Name, double[] Values)[]
        {
            ("extremes", Inputs.Extremes),
            ("mixed", Inputs.Mixed(1031, 17)),
        };

        foreach (var (set, values) in sets)
        {
            Pair(battery, $"exp.{set}", values, x => x.Exp(), x => x.Exp());
            Pair(battery, $"log.{set}", values, x => x.Log(), x => x.Log());
            Pair(battery, $"tanh.{set}", values, x => x.Tanh(), x => x.Tanh());
            Pair(battery, $"relu.{set}", values, x => x.Relu(), x => x.Relu());
            Pair(battery, $"sigmoid.{set}", values, x => x.Sigmoid(), x => x.Sigmoid());
            Pair(battery, $"add.double.{set}", values, x => x + 2.5, x => x + 2.5);
            Pair(battery, $"double.add.{set}", values, x => 2.5 + x, x => 2.5 + x);
            Pair(battery, $"sub.double.{set}", values, x => x - 2.5, x => x - 2.5);
            Pair(battery, $"double.sub.{set}", values, x => 2.5 - x, x => 2.5 - x);
            Pair(battery, $"mul.double.{set}", values, x => x * -1.5, x => x * -1.5);
            Pair(battery, $"double.mul.{set}", values, x => -1.5 * x, x => -1.5 * x);

            var others = Inputs.Rotated(values, 7);
            Pair(battery, $"add.{set}", values, others, (x, y) => x + y, (x, y) => x + y);
            Pair(battery, $"sub.{set}", values, others, (x, y) => x - y, (x, y) => x - y);
            Pair(battery, $"mul.{set}", values, others, (x, y) => x * y, (x, y) => x * y);

            ScalarOnly(battery, $"scalar.Add-class.{set}", values, others, (x, y) => new Add(x, y));
            ScalarOnly(battery, $"scalar.Mul-class.{set}", values, others, (x, y) => new Mul(x, y));
            ScalarOnly(battery, $"scalar.div.{set}", values, others, (x, y) => x / y);
            ScalarOnly(battery, $"scalar.div.double.{set}", values, others, (x, _) => x / 2.5);
            ScalarOnly(battery, $"scalar.double.div.{set}", values, others, (x, _) => 2.5 / x);
            ScalarOnly(battery, $"scalar.neg.{set}", values, others, (x, _) => -x);
            foreach (var (exponent, name) in new[] { (2.0, "2"), (3.0, "3"), (0.5, "0.5"), (-1.0, "-1"), (0.0, "0"), (-2.5, "-2.5") })
            {
                ScalarOnly(battery, $"scalar.pow.{name}.{set}", values, others, (x, _) => x.Pow(exponent));
            }

            ScalarOnly(battery, $"scalar.expression.{set}", values, others, (a, b) =>
                (((a * b) + (a.Exp() / b)).Tanh() * a) + (b.Pow(2) - a).Relu() + (a.Sigmoid() * b).Log());
        }

        Pair(battery, "exp.limits", Inputs.ExpLimits, x => x.Exp(), x => x.Exp());
    }

    private static void Pair(Battery battery, string name, double[] values, Func<Scalar, Scalar> scalarOp, Func<Tensor, Tensor> tensorOp)
    {
        battery.Check("scalar." + name, h =>
        {
            var results = new double[values.Length];
            var grads = new double[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                var x = new Scalar(values[i]);
                var y = scalarOp(x);
                y.Backward();
                results[i] = y.Value;
                grads[i] = x.Grad;
            }

            h.Add(results);
            h.Add(grads);
        });
        battery.CheckRepeated("tensor." + name, h =>
        {
            var x = Inputs.Leaf(1, values.Length, values);
            var y = tensorOp(x);
            y.Backward(Tensor.Ones(1, values.Length));
            h.Add(y.Data);
            h.Add(x.Grad);
        });
    }

    private static void Pair(
        Battery battery, string name, double[] values, double[] others, Func<Scalar, Scalar, Scalar> scalarOp, Func<Tensor, Tensor, Tensor> tensorOp)
    {
        battery.Check("scalar." + name, h =>
        {
            var results = new double[values.Length];
            var xGrads = new double[values.Length];
            var yGrads = new double[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                var x = new Scalar(values[i]);
                var y = new Scalar(others[i]);
                var z = scalarOp(x, y);
                z.Backward();
                results[i] = z.Value;
                xGrads[i] = x.Grad;
                yGrads[i] = y.Grad;
            }

            h.Add(results);
            h.Add(xGrads);
            h.Add(yGrads);
        });
        battery.CheckRepeated("tensor." + name, h =>
        {
            var x = Inputs.Leaf(1, values.Length, values);
            var y = Inputs.Leaf(1, others.Length, others);
            var z = tensorOp(x, y);
            z.Backward(Tensor.Ones(1, values.Length));
            h.Add(z.Data);
            h.Add(x.Grad);
            h.Add(y.Grad);
        });
    }

    /// <summary>An operation with no tensor counterpart, applied to each (value, other) pair, forward and backward.</summary>
    private static void ScalarOnly(Battery battery, string name, double[] values, double[] others, Func<Scalar, Scalar, Scalar> op)
    {
        battery.Check(name, h =>
        {
            for (int i = 0; i < values.Length; i++)
            {
                var x = new Scalar(values[i]);
                var y = new Scalar(others[i]);
                var z = op(x, y);
                z.Backward();
                h.Add(z.Value);
                h.Add(x.Grad);
                h.Add(y.Grad);
            }
        });
    }
}
