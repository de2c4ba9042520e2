using Autograd.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Ops.Tensors;

/// <summary>
/// The mean cross-entropy of a softmax classifier, in one node: for logits X (one row per example) and a target
/// class tᵣ per row, loss = (1/n) Σᵣ [log Σⱼ e^X[r, j] - X[r, tᵣ]], which is -log softmax(X)[r, tᵣ] averaged.
/// <c>new CrossEntropyLoss().Forward(logits, targets)</c> builds one.
/// </summary>
/// <remarks>
/// Fusing the log, the softmax and the pick into one node is what makes it stable: log Σ e^x is computed as
/// m + log Σ e^(x - m) with m the row's maximum, so logits of 1000 neither overflow nor lose the answer, and the
/// gradient is simply (softmax(X) - onehot(t)) / n, with no division by a probability that may be 0.
/// </remarks>
public sealed class CrossEntropy : Tensor
{
    private readonly int[] targets;
    // The softmax, kept for the backward rule; null when no graph is recorded (inside NoGrad.Scope()).
    private readonly double[]? probabilities;

    /// <summary>Builds the node and computes the loss.</summary>
    /// <param name="logits">The scores, n×classes.</param>
    /// <param name="targets">The class of each row, 0 to classes - 1; copied.</param>
    /// <param name="label">An optional label.</param>
    /// <exception cref="ArgumentException">There is not exactly one target per row.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is not a class index.</exception>
    public CrossEntropy(Tensor logits, int[] targets, string? label = null)
        : base(Checked(logits, targets), logits)
    {
        Label = label;
        this.targets = (int[])targets.Clone();
        var scores = DataOf(logits);
        var probabilities = new double[scores.Length];

        // p = e^(x - max) for each row's max, then log Σ e^x = max + log Σ p, and p / Σ p is the softmax kept for
        // the backward rule. The exponentials and the logarithms are one call each over all the rows: rows are often
        // only a few classes wide, too short for a vectorised call per row to pay.
        int rows = logits.Rows;
        int cols = logits.Cols;
        double[] maxima = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = scores.Slice(cols * r, cols);
            maxima[r] = Reductions.Max(row);
            TP.Subtract(row, maxima[r], probabilities.AsSpan(cols * r, cols));
        }

        Transcendental.Exp(probabilities, probabilities);
        double[] logSums = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            var p = probabilities.AsSpan(cols * r, cols);
            logSums[r] = Reductions.Sum(p);
            TP.Divide(p, logSums[r], p);
        }

        Transcendental.Log(logSums, logSums);
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            total += maxima[r] + logSums[r] - scores[(cols * r) + targets[r]];
        }

        DataOf(this)[0] = total / logits.Rows;
        if (!IsLeaf)
        {
            this.probabilities = probabilities;
        }
    }

    /// <summary>The target class of each row.</summary>
    public IReadOnlyList<int> Targets => targets;

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(loss)/dX[r, j] = (softmax(X)[r, j] - [j = tᵣ]) / n.
        var logits = Inputs[0];
        if (logits.RequiresGrad)
        {
            int cols = logits.Cols;
            double scale = GradOf(this)[0] / logits.Rows;
            var gradient = GradOf(logits);
            for (int r = 0; r < logits.Rows; r++)
            {
                var dx = gradient.Slice(cols * r, cols);
                TP.MultiplyAdd(probabilities!.AsSpan(cols * r, cols), scale, dx, dx);
                dx[targets[r]] -= scale;
            }
        }
    }

    private static (int Rows, int Cols) Checked(Tensor logits, int[] targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Length != logits.Rows)
        {
            throw new ArgumentException(
                $"CrossEntropyLoss: {targets.Length} targets for {logits.Rows} rows of logits ({logits.Shape}); " +
                "give one class index per row.",
                nameof(targets));
        }

        for (int r = 0; r < targets.Length; r++)
        {
            if ((uint)targets[r] >= (uint)logits.Cols)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(targets),
                    $"CrossEntropyLoss: target {targets[r]} in row {r} is not a class: the logits have {logits.Cols} " +
                    $"classes, 0 to {logits.Cols - 1}.");
            }
        }

        return (1, 1);
    }
}
