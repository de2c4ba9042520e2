using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Optim;

/// <summary>
/// Stochastic gradient descent, with PyTorch's update rule (<c>torch.optim.SGD</c>, no dampening, no Nesterov).
/// For each parameter p with gradient ∇:
/// <code>
/// g = ∇ + weightDecay·p
/// buf = g on the first step, then buf = momentum·buf + g     (only when momentum ≠ 0; otherwise buf = g)
/// p = p - lr·buf
/// </code>
/// </summary>
public sealed class SGD : Optimizer
{
    private readonly double[]?[] buffers;

    /// <summary>Makes the optimizer.</summary>
    /// <param name="parameters">The tensors to update, such as <c>model.Parameters()</c>.</param>
    /// <param name="lr">The learning rate, at least 0.</param>
    /// <param name="momentum">The momentum factor, at least 0 (0 is plain gradient descent; 0.9 is usual).</param>
    /// <param name="weightDecay">The L2 penalty added to the gradient as weightDecay·p, at least 0.</param>
    /// <exception cref="ArgumentException">There are no parameters, or one is not a leaf.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is negative or not a number.</exception>
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double weightDecay = 0)
        : base(parameters, lr)
    {
        CheckNonNegative(momentum, "momentum");
        CheckNonNegative(weightDecay, "weightDecay");
        Momentum = momentum;
        WeightDecay = weightDecay;
        buffers = new double[]?[Parameters.Count];
    }

    /// <summary>The momentum factor.</summary>
    public double Momentum { get; }

    /// <summary>The weight decay (L2 penalty) factor.</summary>
    public double WeightDecay { get; }

    private protected override void Update(int index, Span<double> p, ReadOnlySpan<double> grad)
    {
        double lr = LearningRate;
        if (Momentum == 0 && WeightDecay == 0)
        {
            // p -= lr·∇, the rule of the JavaScript post.
            TP.MultiplyAdd(grad, -lr, p, p);
            return;
        }

        var buf = buffers[index];
        bool first = buf is null;
        if (Momentum != 0)
        {
            // The velocity is allocated once, on the parameter's first step.
            buf ??= buffers[index] = new double[p.Length];
        }

        for (int i = 0; i < p.Length; i++)
        {
            double g = grad[i] + (WeightDecay * p[i]);
            if (buf is not null)
            {
                g = buf[i] = first ? g : (Momentum * buf[i]) + g;
            }

            p[i] -= lr * g;
        }
    }
}
