namespace Autograd.Data;

/// <summary>
/// Mini-batches: a data set cut into groups of rows, for training on a few examples at a time, as PyTorch's
/// <c>DataLoader</c> does. Each batch is a new (X, Y) whose X does not require grad.
/// </summary>
public static class Batches
{
    /// <summary>
    /// One epoch of mini-batches in a random order: the rows are shuffled with <paramref name="rng"/> when this is
    /// called, then cut into batches of <paramref name="batchSize"/> rows (the last one smaller if the rows do not
    /// divide evenly). Call it once per epoch for a new order; the same generator state gives the same batches.
    /// </summary>
    /// <example>
    /// <code>
    /// var rng = new Random(0);
    /// for (int epoch = 0; epoch &lt; 10; epoch++)
    /// {
    ///     foreach (var (xb, yb) in Batches.Shuffled(x, y, 64, rng)) { ... }
    /// }
    /// </code>
    /// </example>
    /// <param name="x">The examples, one per row.</param>
    /// <param name="y">The class of each row.</param>
    /// <param name="batchSize">The rows per batch, at least 1.</param>
    /// <param name="rng">The generator of the order.</param>
    /// <returns>The batches; enumerating them again gives the same ones.</returns>
    /// <exception cref="ArgumentException">y does not have one entry per row of x.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is below 1.</exception>
    public static IEnumerable<(Tensor X, int[] Y)> Shuffled(Tensor x, int[] y, int batchSize, Random rng)
    {
        CheckPairs(x, y, nameof(Shuffled));
        CheckBatchSize(batchSize, nameof(Shuffled));
        ArgumentNullException.ThrowIfNull(rng);
        var order = Enumerable.Range(0, x.Rows).ToArray();
        rng.Shuffle(order);
        return Cut(x, y, order, batchSize);
    }

    /// <summary>The rows in their order, cut into batches of <paramref name="batchSize"/> (the last one smaller if need be), for evaluating.</summary>
    /// <param name="x">The examples, one per row.</param>
    /// <param name="y">The class of each row.</param>
    /// <param name="batchSize">The rows per batch, at least 1.</param>
    /// <returns>The batches.</returns>
    /// <exception cref="ArgumentException">y does not have one entry per row of x.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is below 1.</exception>
    public static IEnumerable<(Tensor X, int[] Y)> InOrder(Tensor x, int[] y, int batchSize)
    {
        CheckPairs(x, y, nameof(InOrder));
        CheckBatchSize(batchSize, nameof(InOrder));
        return Cut(x, y, Enumerable.Range(0, x.Rows).ToArray(), batchSize);
    }

    /// <summary>The given rows of x and y, in the given order, as a new data set.</summary>
    internal static (Tensor X, int[] Y) Take(Tensor x, int[] y, ReadOnlySpan<int> rows)
    {
        var batchX = new Tensor(rows.Length, x.Cols, requiresGrad: false);
        var batchY = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            x.Data.AsSpan(x.Cols * rows[i], x.Cols).CopyTo(batchX.Data.AsSpan(x.Cols * i));
            batchY[i] = y[rows[i]];
        }

        return (batchX, batchY);
    }

    internal static void CheckPairs(Tensor x, int[] y, string method)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (y.Length != x.Rows)
        {
            throw new ArgumentException($"{method}: x has {x.Rows} rows but y has {y.Length} classes; give one class per row.", nameof(y));
        }
    }

    private static void CheckBatchSize(int batchSize, string method)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"{method}: the batch size must be at least 1, got {batchSize}.");
        }
    }

    private static IEnumerable<(Tensor X, int[] Y)> Cut(Tensor x, int[] y, int[] order, int batchSize)
    {
        // Stepping by the batch just taken, never past the end: start + batchSize could pass int.MaxValue.
        for (int start = 0, length; start < order.Length; start += length)
        {
            length = Math.Min(batchSize, order.Length - start);
            yield return Take(x, y, order.AsSpan(start, length));
        }
    }
}
