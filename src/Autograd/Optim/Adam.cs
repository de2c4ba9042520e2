using Autograd.Kernels;

namespace Autograd.Optim;

/// <summary>
/// Adam (Kingma and Ba, 2015), with PyTorch's update rule (<c>torch.optim.Adam</c>, without amsgrad). For each
/// parameter p with gradient ∇, at its step t = 1, 2, ...:
/// <code>
/// g = ∇ + weightDecay·p
/// m = β1·m + (1 - β1)·g          the running mean of the gradient
/// v = β2·v + (1 - β2)·g²         the running mean of its square
/// m̂ = m / (1 - β1ᵗ),  v̂ = v / (1 - β2ᵗ)      corrections for m and v starting at 0
/// p = p - lr·m̂ / (√v̂ + eps)
/// </code>
/// Each parameter moves by about lr per step whatever the scale of its gradient, which is why one learning rate
/// (1e-3 by default) suits most problems.
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly double[][] m;
    private readonly double[][] v;
    // 64-bit: a small model reaches 2^31 steps within hours, and a step count that wrapped to negative would turn
    // the bias corrections into infinities and the parameters into NaN.
    private readonly long[] steps;

    /// <summary>Makes the optimizer; the moment estimates start at zero.</summary>
    /// <param name="parameters">The tensors to update, such as <c>model.Parameters()</c>.</param>
    /// <param name="lr">The learning rate, at least 0.</param>
    /// <param name="beta1">The decay of the gradient's running mean, in [0, 1).</param>
    /// <param name="beta2">The decay of the squared gradient's running mean, in [0, 1).</param>
    /// <param name="eps">Added to √v̂ so that the division stays finite, at least 0.</param>
    /// <param name="weightDecay">The L2 penalty added to the gradient as weightDecay·p, at least 0.</param>
    /// <exception cref="ArgumentException">There are no parameters, or one is not a leaf.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of its range.</exception>
    public Adam(
        IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : base(parameters, lr)
    {
        CheckBeta(beta1, nameof(beta1));
        CheckBeta(beta2, nameof(beta2));
        CheckNonNegative(eps, nameof(eps));
        CheckNonNegative(weightDecay, nameof(weightDecay));
        (Beta1, Beta2, Eps, WeightDecay) = (beta1, beta2, eps, weightDecay);
        m = Parameters.Select(p => new double[p.Data.Length]).ToArray();
        v = Parameters.Select(p => new double[p.Data.Length]).ToArray();
        steps = new long[Parameters.Count];
    }

    /// <summary>The decay of the gradient's running mean.</summary>
    public double Beta1 { get; }

    /// <summary>The decay of the squared gradient's running mean.</summary>
    public double Beta2 { get; }

    /// <summary>The term added to the denominator.</summary>
    public double Eps { get; }

    /// <summary>The weight decay (L2 penalty) factor.</summary>
    public double WeightDecay { get; }

    private protected override void Update(int index, Span<double> p, ReadOnlySpan<double> grad)
    {
        long t = ++steps[index];
        var mean = m[index];
        var square = v[index];

        // Arranged as PyTorch arranges it: p -= (lr / (1 - β1ᵗ))·m / (√v / √(1 - β2ᵗ) + eps).
        double stepSize = LearningRate / (1 - Transcendental.Pow(Beta1, t));
        double correction2Sqrt = Math.Sqrt(1 - Transcendental.Pow(Beta2, t));
        for (int i = 0; i < p.Length; i++)
        {
            double g = grad[i] + (WeightDecay * p[i]);
            mean[i] = (Beta1 * mean[i]) + ((1 - Beta1) * g);
            square[i] = (Beta2 * square[i]) + ((1 - Beta2) * (g * g));
            double denominator = (Math.Sqrt(square[i]) / correction2Sqrt) + Eps;
            p[i] -= stepSize * (mean[i] / denominator);
        }
    }

    private void CheckBeta(double beta, string name)
    {
        if (!(beta >= 0 && beta < 1))
        {
            throw new ArgumentOutOfRangeException(name, beta, $"Adam: {name} must be in [0, 1), got {beta}.");
        }
    }
}
