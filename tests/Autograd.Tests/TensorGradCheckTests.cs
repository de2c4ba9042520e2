namespace Autograd.Tests;

/// <summary>Every tensor op's backward rule against central finite differences, through <see cref="GradCheck"/>.</summary>
public class TensorGradCheckTests
{
    public static TheoryData<string> Ops => new()
    {
        "MatMul", "MatMulFrozenLeft", "MatMulFrozenRight", "MatMulOfItself", "Affine", "AffineFrozenInput", "Add", "AddRow", "Sub", "SubRow", "Mul", "MulRow",
        "AddConstant", "SubtractConstant", "SubtractFromConstant", "MultiplyByConstant",
        "Relu", "Tanh", "Sigmoid", "Exp", "Log", "Softmax", "Sum", "Mean", "Transpose", "Reused",
    };

    [Theory]
    [MemberData(nameof(Ops))]
    public void Each_op_agrees_with_finite_differences_through_a_projection(string op)
    {
        var (function, inputs) = Case(op);

        var result = GradCheck.Check(function, inputs);

        Assert.True(result.Passed(1e-7), $"{op}: {result}");
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void Each_op_agrees_with_finite_differences_when_reduced_by_a_loss(string op)
    {
        var (function, inputs) = Case(op);

        var result = GradCheck.Check(t => function(t).Tanh().Mean(), inputs);

        Assert.True(result.Passed(1e-7), $"{op}: {result}");
    }

    [Fact]
    public void GradCheck_names_the_input_and_element_of_the_worst_error()
    {
        // relu's kink at 0: autograd says 0, the central difference 0.5.
        var x = Tensor.Ones(2, 3);
        var y = Tensor.Ones(2, 3);
        y[0, 2] = 0;

        var result = GradCheck.Check(t => (t[0] + t[1].Relu()).Sum(), x, y);

        Assert.Equal("input 1, element (0, 2)", result.Where);
        Assert.Equal(0, result.Analytic);
        Assert.Equal(0.5, result.Numeric, 6);
        Assert.False(result.Passed());
    }

    [Fact]
    public void GradCheck_leaves_the_callers_tensors_alone_and_refuses_bad_arguments()
    {
        var x = Tensor.Ones(2, 2, requiresGrad: true);

        GradCheck.Check(t => t[0].Tanh().Sum(), x);

        Assert.All(x.Grad, g => Assert.Equal(0, g));
        Assert.All(x.Data, v => Assert.Equal(1, v));
        Assert.Throws<ArgumentNullException>(() => GradCheck.Check(t => t[0], x, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(t => t[0], [x], -1));
        Assert.Contains("at least one input", Assert.Throws<ArgumentException>(() => GradCheck.Check(t => t[0], Array.Empty<Tensor>())).Message);
    }

    private static (Func<Tensor[], Tensor> Function, Tensor[] Inputs) Case(string op)
    {
        var rng = new Random(op.GetHashCode(StringComparison.Ordinal) & 0xffff);
        Tensor R(int rows, int cols) => Tensor.Randn(rows, cols, rng);
        Tensor Away(int rows, int cols)
        {
            // Values kept at least 0.2 from zero: away from relu's kink and log's pole.
            var t = R(rows, cols);
            for (int i = 0; i < t.Data.Length; i++)
            {
                t.Data[i] += Math.Sign(t.Data[i]) * 0.2;
            }

            return t;
        }

        return op switch
        {
            "MatMul" => (t => t[0].MatMul(t[1]), [R(3, 4), R(4, 5)]),
            "MatMulFrozenLeft" => (t => Tensor.Ones(2, 3).MatMul(t[0]), [R(3, 2)]),
            "MatMulFrozenRight" => (t => t[0].MatMul(Tensor.Ones(3, 2)), [R(4, 3)]),
            "MatMulOfItself" => (t => t[0].MatMul(t[0]), [R(3, 3)]),
            "Affine" => (t => new Autograd.Ops.Tensors.Affine(t[0], t[1], t[2]), [R(4, 3), R(3, 5), R(1, 5)]),
            "AffineFrozenInput" => (t => new Autograd.Ops.Tensors.Affine(Tensor.Ones(2, 3), t[0], t[1]), [R(3, 2), R(1, 2)]),
            "Add" => (t => t[0] + t[1], [R(2, 3), R(2, 3)]),
            "AddRow" => (t => t[0] + t[1], [R(4, 3), R(1, 3)]),
            "Sub" => (t => t[0] - t[1], [R(2, 3), R(2, 3)]),
            "SubRow" => (t => t[0] - t[1], [R(4, 3), R(1, 3)]),
            "Mul" => (t => t[0] * t[1], [R(2, 3), R(2, 3)]),
            "MulRow" => (t => t[0] * t[1], [R(4, 3), R(1, 3)]),
            "AddConstant" => (t => t[0] + 1.5, [R(2, 3)]),
            "SubtractConstant" => (t => t[0] - 1.5, [R(2, 3)]),
            "SubtractFromConstant" => (t => 1.5 - t[0], [R(2, 3)]),
            "MultiplyByConstant" => (t => -1.5 * t[0], [R(2, 3)]),
            "Relu" => (t => t[0].Relu(), [Away(3, 3)]),
            "Tanh" => (t => t[0].Tanh(), [R(3, 3)]),
            "Sigmoid" => (t => t[0].Sigmoid(), [R(3, 3)]),
            "Exp" => (t => t[0].Exp(), [R(3, 3)]),
            "Log" => (t => (t[0] * t[0]).Log(), [Away(3, 3)]),
            "Softmax" => (t => t[0].Softmax(), [R(3, 4)]),
            "Sum" => (t => t[0].Sum(), [R(3, 4)]),
            "Mean" => (t => t[0].Mean(), [R(3, 4)]),
            "Transpose" => (t => t[0].Transpose(), [R(2, 5)]),
            _ => (t => t[0].MatMul(t[0].Transpose()) * t[0].MatMul(t[1]), [R(3, 3), R(3, 3)]),
        };
    }
}
