using Autograd.Kernels;

namespace Autograd.Data;

/// <summary>
/// Small data sets for classification, each as (X, Y): X has one example per row and does not require grad, and
/// Y holds each row's class. The synthetic ones are the same for the same seed, in every process.
/// </summary>
public static partial class Datasets
{
    /// <summary>
    /// The spiral of Stanford's cs231n course: <paramref name="classes"/> arms winding around the origin, which no
    /// straight line can separate. Arm j has radius r = linspace(0, 1) and angle t = linspace(4j, 4(j + 1)) + 0.2·noise
    /// (standard normal noise), and point (r·sin t, r·cos t). Rows are grouped by class: all of class 0 first.
    /// </summary>
    /// <param name="pointsPerClass">The number of points on each arm, at least 1.</param>
    /// <param name="classes">The number of arms (classes), at least 1.</param>
    /// <param name="seed">The seed of the noise.</param>
    /// <returns>X, (pointsPerClass·classes)×2, and the class of each row.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A count is below 1, or there would be more points than one tensor holds (1,073,741,795).
    /// </exception>
    public static (Tensor X, int[] Y) Spiral(int pointsPerClass, int classes, int seed)
    {
        CheckAtLeast(pointsPerClass, 1, nameof(pointsPerClass), nameof(Spiral));
        CheckAtLeast(classes, 1, nameof(classes), nameof(Spiral));
        long points = (long)pointsPerClass * classes;
        if (points > MaxPoints)
        {
            throw new ArgumentOutOfRangeException(
                classes > pointsPerClass ? nameof(classes) : nameof(pointsPerClass),
                $"Spiral: {pointsPerClass:N0} points per class × {classes:N0} classes makes {points:N0} points; " +
                $"at most {MaxPoints:N0} fit in one tensor.");
        }

        var rng = new Random(seed);
        int n = pointsPerClass;
        var x = new Tensor((int)points, 2, requiresGrad: false);
        var y = new int[x.Rows];
        for (int j = 0; j < classes; j++)
        {
            var noise = Tensor.Randn(1, n, rng, std: 0.2).Data;
            for (int i = 0; i < n; i++)
            {
                double r = Linspace(0, 1, n, i);

                // 4.0·j rather than 4·j: with over 536 million arms, 4·j would overflow an int.
                double t = Linspace(4.0 * j, 4.0 * (j + 1), n, i) + noise[i];
                int row = (n * j) + i;
                x[row, 0] = r * Transcendental.Sin(t);
                x[row, 1] = r * Transcendental.Cos(t);
                y[row] = j;
            }
        }

        return (x, y);
    }

    /// <summary>
    /// Two interleaving half circles, laid out as scikit-learn's <c>make_moons</c>: class 0 on the upper arc
    /// (cos s, sin s) and class 1 on the lower one (1 - cos s, 0.5 - sin s), s = linspace(0, π); ⌊count/2⌋ points
    /// on the first and the rest on the second, rows shuffled, then normal noise of standard deviation
    /// <paramref name="noise"/> added to every coordinate. (The numbers differ from scikit-learn's, whose generator
    /// is NumPy's.)
    /// </summary>
    /// <param name="count">The number of points, at least 1.</param>
    /// <param name="noise">The standard deviation of the noise, at least 0 (0.1 is a usual choice).</param>
    /// <param name="seed">The seed of the shuffle and the noise.</param>
    /// <returns>X, count×2, and the class of each row.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The count is below 1 or more than one tensor holds (1,073,741,795), or the noise is negative, infinite or NaN.
    /// </exception>
    public static (Tensor X, int[] Y) Moons(int count, double noise, int seed)
    {
        CheckAtLeast(count, 1, nameof(count), nameof(Moons));
        if (count > MaxPoints)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count), count, $"Moons: {count:N0} points; at most {MaxPoints:N0} fit in one tensor.");
        }

        if (!(noise >= 0) || double.IsInfinity(noise))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, $"Moons: the noise must be a finite number ≥ 0, got {noise}.");
        }

        var rng = new Random(seed);
        int outer = count / 2;
        int inner = count - outer;
        var points = new (double X, double Y, int Class)[count];
        for (int i = 0; i < outer; i++)
        {
            double s = Linspace(0, Math.PI, outer, i);
            points[i] = (Transcendental.Cos(s), Transcendental.Sin(s), 0);
        }

        for (int i = 0; i < inner; i++)
        {
            double s = Linspace(0, Math.PI, inner, i);
            points[outer + i] = (1 - Transcendental.Cos(s), 1 - Transcendental.Sin(s) - 0.5, 1);
        }

        rng.Shuffle(points);
        var x = Tensor.Randn(count, 2, rng, std: noise);
        var y = new int[count];
        for (int i = 0; i < count; i++)
        {
            x[i, 0] += points[i].X;
            x[i, 1] += points[i].Y;
            y[i] = points[i].Class;
        }

        return (x, y);
    }

    /// <summary>
    /// The most points <see cref="Spiral"/> and <see cref="Moons"/> make: their X has two numbers per point, in one
    /// array of at most <see cref="Array.MaxLength"/> elements.
    /// </summary>
    private static int MaxPoints => Array.MaxLength / 2;

    /// <summary>Element <paramref name="i"/> of NumPy's <c>linspace(start, stop, count)</c>: evenly spaced, both ends included.</summary>
    private static double Linspace(double start, double stop, int count, int i) =>
        count == 1 ? start : i == count - 1 ? stop : start + (i * ((stop - start) / (count - 1)));

    private static void CheckAtLeast(int value, int least, string name, string method)
    {
        if (value < least)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{method}: {name} must be at least {least}, got {value}.");
        }
    }
}
