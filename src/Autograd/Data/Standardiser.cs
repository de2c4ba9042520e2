namespace Autograd.Data;

/// <summary>
/// Puts every feature (column) on the same scale: subtracts the column's mean and divides by its standard deviation,
/// both measured once, on the data given to <see cref="Fit"/> (the training data), and then applied unchanged to any
/// other data (validation, test), which must not influence them.
/// </summary>
public sealed class Standardiser
{
    private Standardiser(Tensor mean, Tensor scale)
    {
        Mean = mean;
        Scale = scale;
    }

    /// <summary>Each column's mean, as a 1×cols row.</summary>
    public Tensor Mean { get; }

    /// <summary>1 / each column's standard deviation (n − 1 in the denominator), as a 1×cols row; 1 for a constant column.</summary>
    public Tensor Scale { get; }

    /// <summary>Measures each column's mean and spread on <paramref name="x"/>, one example per row.</summary>
    /// <exception cref="ArgumentException">x has fewer than two rows, so no spread can be measured.</exception>
    public static Standardiser Fit(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows < 2)
        {
            throw new ArgumentException($"Standardiser.Fit: {x.Rows} row given; measuring a spread needs at least 2.", nameof(x));
        }

        var data = x.Data;
        var mean = Tensor.Zeros(1, x.Cols);
        var scale = Tensor.Zeros(1, x.Cols);
        for (int c = 0; c < x.Cols; c++)
        {
            double sum = 0;
            for (int r = 0; r < x.Rows; r++)
            {
                sum += data[(x.Cols * r) + c];
            }

            double m = sum / x.Rows;
            double squares = 0;
            for (int r = 0; r < x.Rows; r++)
            {
                double d = data[(x.Cols * r) + c] - m;
                squares += d * d;
            }

            double std = Math.Sqrt(squares / (x.Rows - 1));
            mean[0, c] = m;
            scale[0, c] = std > 0 ? 1 / std : 1;
        }

        return new Standardiser(mean, scale);
    }

    /// <summary>(x − mean) · scale, row by row: two graph operations, so gradients flow through it.</summary>
    /// <exception cref="ArgumentException">x has a different number of columns from the data this was fitted to.</exception>
    public Tensor Apply(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Cols != Mean.Cols)
        {
            throw new ArgumentException(
                $"Standardiser.Apply: the data has {x.Cols} columns; the standardiser was fitted to {Mean.Cols}.", nameof(x));
        }

        return (x - Mean) * Scale;
    }
}
