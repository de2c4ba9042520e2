namespace Autograd.Tests;

public class ScalarOpTests
{
    public static TheoryData<string, double> UnaryCases => new()
    {
        { "Neg", 0.7 }, { "Exp", -0.4 }, { "Log", 2.5 }, { "Tanh", 0.3 }, { "Relu", 1.2 }, { "Relu", -0.8 },
        { "Sigmoid", -1.1 }, { "Square", -1.7 }, { "Sqrt", 3.0 }, { "Reciprocal", -0.6 },
    };

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void Each_unary_op_agrees_with_finite_differences(string op, double x)
    {
        var result = GradCheck.Check(v => Apply(op, v[0]), x);

        Assert.True(result.Passed(1e-8), result.ToString());
    }

    [Theory]
    [InlineData(1.5, -0.5)]
    [InlineData(-2.0, 3.0)]
    public void Each_binary_op_agrees_with_finite_differences(double x, double y)
    {
        foreach (Func<Scalar, Scalar, Scalar> op in new Func<Scalar, Scalar, Scalar>[]
                 { (a, b) => a + b, (a, b) => a - b, (a, b) => a * b, (a, b) => a / b })
        {
            var result = GradCheck.Check(v => op(v[0], v[1]), x, y);
            Assert.True(result.Passed(1e-8), result.ToString());
        }
    }

    [Fact]
    public void Ops_compute_the_textbook_values_and_derivatives()
    {
        Assert.Equal((Math.Tanh(0.5), 1 - (Math.Tanh(0.5) * Math.Tanh(0.5))), ValueAndGrad(0.5, x => x.Tanh()));
        Assert.Equal((Math.Exp(1.25), Math.Exp(1.25)), ValueAndGrad(1.25, x => x.Exp()));
        Assert.Equal((Math.Log(4), 0.25), ValueAndGrad(4, x => x.Log()));
        Assert.Equal((0.5, 0.25), ValueAndGrad(0, x => x.Sigmoid()));
        Assert.Equal((27, 27), ValueAndGrad(3, x => x.Pow(3)));
        Assert.Equal((2, 1), ValueAndGrad(2, x => x.Relu()));
        Assert.Equal((0, 0), ValueAndGrad(-2, x => x.Relu()));
        Assert.Equal((0, 0), ValueAndGrad(0, x => x.Relu()));
        Assert.Equal((-3, -1), ValueAndGrad(3, x => -x));
        Assert.Equal((0.25, -0.0625), ValueAndGrad(4, x => 1 / x));
        Assert.Equal((1, 1), ValueAndGrad(4, x => x - 3));
        Assert.Equal((-1, -1), ValueAndGrad(4, x => 3 - x));
        Assert.Equal((12, 3), ValueAndGrad(4, x => 3 * x));
        Assert.Equal((2, 0.5), ValueAndGrad(4, x => x / 2));
    }

    [Fact]
    public void Log_follows_ieee_754_at_zero_and_below()
    {
        Assert.Equal((double.NegativeInfinity, double.PositiveInfinity), ValueAndGrad(0, x => x.Log()));
        var (value, grad) = ValueAndGrad(-1, x => x.Log());
        Assert.True(double.IsNaN(value));
        Assert.Equal(-1, grad);
    }

    [Fact]
    public void Zero_to_a_negative_power_is_infinite_with_its_formula_gradient()
    {
        Assert.Equal((double.PositiveInfinity, double.NegativeInfinity), ValueAndGrad(0, x => x.Pow(-1)));
        Assert.Equal((double.PositiveInfinity, double.NegativeInfinity), ValueAndGrad(0, x => x.Pow(-0.5)));
        Assert.Equal((1, 0), ValueAndGrad(0, x => x.Pow(0)));
    }

    [Fact]
    public void Division_by_zero_is_infinite_not_an_exception()
    {
        var x = new Scalar(1);
        var y = new Scalar(0);
        var f = x / y;

        f.Backward();

        Assert.Equal(double.PositiveInfinity, f.Value);
        Assert.Equal(double.PositiveInfinity, x.Grad);
        Assert.Equal(double.NegativeInfinity, y.Grad);
    }

    [Fact]
    public void Exp_overflows_to_infinity_and_tanh_saturates()
    {
        Assert.Equal((double.PositiveInfinity, double.PositiveInfinity), ValueAndGrad(1000, x => x.Exp()));
        Assert.Equal((1, 0), ValueAndGrad(50, x => x.Tanh()));
        Assert.Equal((0, 0), ValueAndGrad(-1000, x => x.Sigmoid()));
    }

    [Fact]
    public void GradCheck_reports_a_kink_where_the_derivative_does_not_exist()
    {
        // At 0, relu's slope is 0 on the left and 1 on the right: the central difference sees 0.5, autograd 0.
        var result = GradCheck.Check(v => v[0].Relu(), 0.0);

        Assert.False(result.Passed());
        Assert.Equal(0.5, result.MaxAbsoluteError, 9);
        Assert.Equal("input 0", result.Where);
        Assert.Equal(0, result.Analytic);
        Assert.Equal(0.5, result.Numeric, 9);
    }

    [Fact]
    public void GradCheck_names_the_worst_input()
    {
        var result = GradCheck.Check(v => (v[0] * 2) + v[1].Relu() + v[2], 1.0, 0.0, 3.0);

        Assert.Equal("input 1", result.Where);
        Assert.StartsWith("max abs error 0.5, max rel error 0.5 at input 1", result.ToString());
    }

    [Fact]
    public void GradCheck_refuses_bad_arguments()
    {
        var empty = Assert.Throws<ArgumentException>(() => GradCheck.Check(v => v[0]));
        var step = Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(v => v[0], [1.0], 0));

        Assert.Contains("at least one input", empty.Message);
        Assert.Contains("positive", step.Message);
    }

    private static (double Value, double Grad) ValueAndGrad(double at, Func<Scalar, Scalar> f)
    {
        var x = new Scalar(at);
        var y = f(x);
        y.Backward();
        return (y.Value, x.Grad);
    }

    private static Scalar Apply(string op, Scalar x) => op switch
    {
        "Neg" => -x,
        "Exp" => x.Exp(),
        "Log" => x.Log(),
        "Tanh" => x.Tanh(),
        "Relu" => x.Relu(),
        "Sigmoid" => x.Sigmoid(),
        "Square" => x.Pow(2),
        "Sqrt" => x.Pow(0.5),
        "Reciprocal" => x.Pow(-1),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "no such op"),
    };
}
