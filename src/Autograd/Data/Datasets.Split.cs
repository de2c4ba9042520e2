namespace Autograd.Data;

/// <summary>Splitting a data set.</summary>
public static partial class Datasets
{
    /// <summary>
    /// Splits a data set in two at random, the same way for the same seed: a validation set of
    /// round(<paramref name="validationFraction"/>·n) rows, for choosing settings, and the rest for training. Both
    /// keep the rows in their original order; neither requires grad.
    /// </summary>
    /// <param name="x">The examples, one per row.</param>
    /// <param name="y">The class of each row.</param>
    /// <param name="validationFraction">The share of rows set aside, between 0 and 1 (0.2 is usual).</param>
    /// <param name="seed">The seed of the random choice.</param>
    /// <returns>The training and validation sets.</returns>
    /// <exception cref="ArgumentException">y does not have one entry per row of x.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The fraction leaves one side empty.</exception>
    public static ((Tensor X, int[] Y) Train, (Tensor X, int[] Y) Validation) Split(
        Tensor x, int[] y, double validationFraction, int seed)
    {
        Batches.CheckPairs(x, y, nameof(Split));

        // Compared as a double: a fraction such as 1e10 would not fit in an int, and NaN fails both comparisons.
        double wanted = Math.Round(validationFraction * x.Rows);
        if (!(wanted >= 1 && wanted <= x.Rows - 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(validationFraction),
                validationFraction,
                $"Split: a fraction of {validationFraction} of {x.Rows} rows leaves {(wanted >= 1 ? "no training" : "no validation")} rows; " +
                "both sets need at least one.");
        }

        int validation = (int)wanted;

        var order = Enumerable.Range(0, x.Rows).ToArray();
        new Random(seed).Shuffle(order);
        var validationRows = order[..validation];
        var trainRows = order[validation..];
        Array.Sort(validationRows);
        Array.Sort(trainRows);
        return (Batches.Take(x, y, trainRows), Batches.Take(x, y, validationRows));
    }
}
