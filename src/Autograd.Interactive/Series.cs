namespace Autograd.Interactive;

/// <summary>One named line of a chart: its x values and, at the same positions, its y values.</summary>
public sealed class Series
{
    /// <summary>Makes a series from two sequences of the same length.</summary>
    /// <param name="name">The name shown in the legend.</param>
    /// <param name="x">The x values.</param>
    /// <param name="y">The y values, one for each x value.</param>
    /// <exception cref="ArgumentException">The two sequences differ in length.</exception>
    public Series(string name, IEnumerable<double> x, IEnumerable<double> y)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);

        // Rounded, as every printed number is, so a chart's data is the same on every machine.
        X = x.Select(NumberText.Round).ToArray();
        Y = y.Select(NumberText.Round).ToArray();
        if (X.Count != Y.Count)
        {
            throw new ArgumentException($"Series \"{name}\": {X.Count} x values but {Y.Count} y values; they must pair up.", nameof(y));
        }

        Name = name;
    }

    /// <summary>The name shown in the legend.</summary>
    public string Name { get; }

    /// <summary>The x values, rounded to 6 significant digits.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>The y values, rounded to 6 significant digits.</summary>
    public IReadOnlyList<double> Y { get; }
}
