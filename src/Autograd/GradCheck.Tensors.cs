using System.Runtime.CompilerServices;
using Autograd.Kernels;

namespace Autograd;

/// <summary>The gradient check for functions of tensors.</summary>
public static partial class GradCheck
{
    /// <summary>The seed of the fixed weights that reduce a result that is not 1×1 to one number.</summary>
    private const int ProjectionSeed = 20261126;

    /// <summary>
    /// Compares the gradient of <paramref name="function"/> with respect to every element of every input with a
    /// central finite difference. The function builds its result from the tensors it is given, in order (copies of
    /// <paramref name="inputs"/>, all requiring grad; the originals are not touched). A result that is not 1×1 is
    /// reduced to Σ wᵢ·yᵢ with fixed random weights w, which checks every output element at once.
    /// </summary>
    /// <example><c>GradCheck.Check(t => t[0].MatMul(t[1]).Tanh().Sum(), a, b)</c></example>
    /// <returns>The worst errors; <see cref="GradCheckResult.Where"/> reads like "input 1, element (0, 2)".</returns>
    /// <remarks>A call with no inputs at all resolves to the overload for scalars, which reports that error.</remarks>
    [OverloadResolutionPriority(-1)]
    public static GradCheckResult Check(Func<Tensor[], Tensor> function, params Tensor[] inputs) =>
        Check(function, inputs, DefaultStep);

    /// <inheritdoc cref="Check(Func{Tensor[], Tensor}, Tensor[])"/>
    /// <param name="function">The function to check.</param>
    /// <param name="inputs">The point to check it at.</param>
    /// <param name="step">The finite-difference step h.</param>
    public static GradCheckResult Check(Func<Tensor[], Tensor> function, Tensor[] inputs, double step)
    {
        CheckArguments(function, inputs, step);
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is null)
            {
                throw new ArgumentNullException(nameof(inputs), $"GradCheck: input {i} is null.");
            }
        }

        var leaves = inputs.Select((t, i) => Copy(t, requiresGrad: true, $"x{i}")).ToArray();
        var output = function(leaves) ?? throw new InvalidOperationException("GradCheck: the function returned null.");
        double[]? weights = null;
        if (output.Data.Length == 1)
        {
            output.Backward();
        }
        else
        {
            var seed = new Tensor(output.Rows, output.Cols, requiresGrad: false);
            var rng = new Random(ProjectionSeed);
            for (int i = 0; i < seed.Data.Length; i++)
            {
                // Weights of either sign, kept away from 0 so that no output element is left unchecked.
                seed.Data[i] = (rng.Next(2) == 0 ? -1 : 1) * (0.5 + rng.NextDouble());
            }

            weights = seed.Data;
            output.Backward(seed);
        }

        var comparison = new Comparison();
        for (int i = 0; i < inputs.Length; i++)
        {
            for (int e = 0; e < inputs[i].Data.Length; e++)
            {
                double numeric = (Evaluate(function, inputs, weights, i, e, step) - Evaluate(function, inputs, weights, i, e, -step)) / (2 * step);
                int cols = inputs[i].Cols;
                comparison.Add(leaves[i].Grad[e], numeric, $"input {i}, element ({e / cols}, {e % cols})");
            }
        }

        return comparison.Result;
    }

    /// <summary>The function's (projected) value with element <paramref name="element"/> of input <paramref name="index"/> moved.</summary>
    private static double Evaluate(Func<Tensor[], Tensor> function, Tensor[] inputs, double[]? weights, int index, int element, double delta)
    {
        using var _ = NoGrad.Scope();
        var moved = inputs.Select(t => Copy(t, requiresGrad: false, null)).ToArray();
        moved[index].Data[element] += delta;
        var output = function(moved);
        return weights is null ? output.Item() : Reductions.Dot(output.Data, weights);
    }

    private static Tensor Copy(Tensor t, bool requiresGrad, string? label)
    {
        var copy = new Tensor(t.Rows, t.Cols, requiresGrad) { Label = label };
        t.Data.CopyTo(copy.Data, 0);
        return copy;
    }
}
