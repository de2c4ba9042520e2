using Autograd.Data;

namespace Autograd.Tests;

/// <summary>The data sets of <see cref="Autograd.Data"/>: layout, determinism, the optdigits files and their errors, batches.</summary>
public sealed class DataTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("autograd-data-").FullName;

    /// <summary>notebooks/data/optdigits in the repository, found from the test's output folder.</summary>
    internal static string OptdigitsFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "notebooks", "data", "optdigits");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException($"notebooks/data/optdigits not found above {AppContext.BaseDirectory}.");
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Spiral_follows_the_cs231n_layout_and_repeats_for_a_seed()
    {
        var (x, y) = Datasets.Spiral(100, 3, seed: 0);
        var (again, againY) = Datasets.Spiral(100, 3, seed: 0);
        var (other, _) = Datasets.Spiral(100, 3, seed: 1);

        Assert.Equal((300, 2), (x.Rows, x.Cols));
        Assert.False(x.RequiresGrad);
        Assert.Equal(x.Data, again.Data);
        Assert.Equal(y, againY);
        Assert.NotEqual(x.Data, other.Data);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i / 100), y);

        // Radius i/99 exactly: the noise only turns the angle. The first point of each arm is the origin.
        for (int i = 0; i < 300; i++)
        {
            Assert.Equal((i % 100) / 99.0, Math.Sqrt((x[i, 0] * x[i, 0]) + (x[i, 1] * x[i, 1])), 12);
        }

        // Without noise, point i of arm 1 would be at angle 4 + 4i/99; the noise has standard deviation 0.2.
        var turns = Enumerable.Range(1, 99).Select(i => Math.Atan2(x[100 + i, 0], x[100 + i, 1]) - (4 + (4.0 * i / 99))).Select(d => Math.IEEERemainder(d, 2 * Math.PI)).ToArray();
        double std = Math.Sqrt(turns.Average(d => d * d));
        Assert.InRange(std, 0.14, 0.26);
    }

    [Fact]
    public void Moons_follow_scikit_learns_layout_and_repeat_for_a_seed()
    {
        var (x, y) = Datasets.Moons(101, noise: 0, seed: 3);
        var (again, againY) = Datasets.Moons(101, noise: 0, seed: 3);
        var (noisy, noisyY) = Datasets.Moons(101, noise: 0.1, seed: 3);
        var (noisyAgain, _) = Datasets.Moons(101, noise: 0.1, seed: 3);

        Assert.Equal((101, 2), (x.Rows, x.Cols));
        Assert.False(x.RequiresGrad);
        Assert.Equal(x.Data, again.Data);
        Assert.Equal(y, againY);
        Assert.Equal(noisy.Data, noisyAgain.Data);
        Assert.Equal(y, noisyY);
        Assert.Equal(50, y.Count(c => c == 0));
        Assert.Equal(51, y.Count(c => c == 1));
        Assert.NotEqual(Enumerable.Range(0, 101).Select(i => i < 50 ? 0 : 1), y);
        for (int i = 0; i < 101; i++)
        {
            // Class 0 on the unit upper half circle; class 1 on the lower one centred at (1, 0.5).
            double cx = y[i] == 0 ? 0 : 1;
            double cy = y[i] == 0 ? 0 : 0.5;
            Assert.Equal(1, Math.Sqrt(Math.Pow(x[i, 0] - cx, 2) + Math.Pow(x[i, 1] - cy, 2)), 12);
            Assert.True(y[i] == 0 ? x[i, 1] >= -1e-12 : x[i, 1] <= 0.5 + 1e-12);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Moons(10, -0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Moons(0, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Spiral(0, 3, 0));
    }

    [Fact]
    public void Optdigits_loads_both_files_scaled_to_zero_one()
    {
        var (x, y) = Datasets.LoadOptdigits(Path.Combine(OptdigitsFolder, "optdigits.tra"));
        var (tx, ty) = Datasets.LoadOptdigits(Path.Combine(OptdigitsFolder, "optdigits.tes"));

        Assert.Equal((3823, 64), (x.Rows, x.Cols));
        Assert.Equal((1797, 64), (tx.Rows, tx.Cols));
        Assert.Equal(3823, y.Length);
        Assert.Equal(1797, ty.Length);
        Assert.False(x.RequiresGrad);
        Assert.All(x.Data, v => Assert.InRange(v, 0, 1));
        Assert.Equal(Enumerable.Range(0, 10), y.Distinct().Order());

        // The first line of optdigits.tra begins 0,1,6,15,12,1,0,0 and ends with the digit 0.
        Assert.Equal([0, 1 / 16.0, 6 / 16.0, 15 / 16.0, 12 / 16.0, 1 / 16.0, 0, 0], x.Data[..8]);
        Assert.Equal(0, y[0]);
    }

    [Fact]
    public void Optdigits_errors_name_the_file_the_line_and_the_problem()
    {
        string missing = Path.Combine(folder, "nothing.tra");
        var notFound = Assert.Throws<FileNotFoundException>(() => Datasets.LoadOptdigits(missing));
        Assert.Contains(missing, notFound.Message);
        Assert.Equal(missing, notFound.FileName);

        string good = string.Join(",", Enumerable.Repeat("3", 64)) + ",7";
        Assert.Contains("line 2: 64 fields", Malformed(good, string.Join(",", Enumerable.Repeat("3", 63)) + ",7"));
        Assert.Contains("line 2: field 5, 'x', has 'x' at column 9; a value is ASCII digits 0-9 only", Malformed(good, good.Replace("3,3,3,3,3,", "3,3,3,3,x,", StringComparison.Ordinal)));
        Assert.Contains("line 2: pixel 1 is 17, out of range: pixels run from 0 to 16.", Malformed(good, "17" + good[1..]));
        Assert.Contains("line 2: the class is 10, out of range: digits run from 0 to 9.", Malformed(good, good[..^1] + "10"));
        Assert.Contains("holds no examples", Malformed("", ""));

        // Blank lines, such as a trailing one, are skipped.
        string path = Path.Combine(folder, "blank.tra");
        File.WriteAllText(path, good + "\n\n" + good + "\n");
        Assert.Equal(2, Datasets.LoadOptdigits(path).Y.Length);
    }

    [Theory]
    [InlineData(2, "-1", "pixel 3 is -1, out of range: pixels run from 0 to 16.")]
    [InlineData(2, "-17", "pixel 3 is -17, out of range: pixels run from 0 to 16.")]
    [InlineData(2, "99999999999999999999", "pixel 3 is 99999999999999999999, out of range: pixels run from 0 to 16.")]
    [InlineData(64, "-3", "the class is -3, out of range: digits run from 0 to 9.")]
    [InlineData(2, "1\0", "field 3, '1\\u0000', has U+0000 at column 7; a value is ASCII digits 0-9 only, with no sign, spaces or other characters.")]
    [InlineData(64, "7\0\0", "field 65, '7\\u0000\\u0000', has U+0000 at column 131; a value is ASCII digits 0-9 only, with no sign, spaces or other characters.")]
    [InlineData(2, "\01", "field 3, '\\u00001', has U+0000 at column 6; a value is ASCII digits 0-9 only, with no sign, spaces or other characters.")]
    [InlineData(2, " 1", "field 3, ' 1', has ' ' at column 6; a value is ASCII digits 0-9 only, with no sign, spaces or other characters.")]
    [InlineData(2, "+1", "field 3, '+1', has '+' at column 6; a value is ASCII digits 0-9 only, with no sign, spaces or other characters.")]
    [InlineData(2, "-0", "field 3, '-0', has '-' at column 6; a value is ASCII digits 0-9 only, with no sign, spaces or other characters.")]
    [InlineData(2, "-", "field 3, '-', has '-' at column 6; a value is ASCII digits 0-9 only, with no sign, spaces or other characters.")]
    [InlineData(2, "1.0", "field 3, '1.0', has '.' at column 7; a value is ASCII digits 0-9 only, with no sign, spaces or other characters.")]
    [InlineData(2, "\u0661", "field 3, '\\u0661', has U+0661 at column 6; a value is ASCII digits 0-9 only, with no sign, spaces or other characters.")]
    [InlineData(2, "", "field 3 (column 6) is empty; a value is ASCII digits 0-9 only, with no sign, spaces or other characters.")]
    public void Optdigits_values_are_ascii_digits_in_range_and_errors_say_where(int field, string value, string problem)
    {
        // A two-digit first pixel, so that the columns are counted from the fields' lengths, not from their number.
        var fields = Enumerable.Repeat("3", 65).ToArray();
        fields[0] = "10";
        fields[1] = "0";
        string good = string.Join(",", fields);
        fields[field] = value;

        string message = Malformed(good, string.Join(",", fields));

        Assert.EndsWith($"', line 2: {problem}", message);
    }

    [Fact]
    public void Optdigits_accepts_leading_zeros_and_the_ends_of_the_range()
    {
        string path = Path.Combine(folder, "edges.tra");
        var fields = Enumerable.Repeat("0", 65).ToArray();
        fields[0] = "16";
        fields[1] = "007";
        fields[64] = "9";
        File.WriteAllText(path, string.Join(",", fields) + "\r\n");

        var (x, y) = Datasets.LoadOptdigits(path);

        Assert.Equal([1.0, 7 / 16.0, 0], x.Data[..3]);
        Assert.Equal([9], y);
    }

    [Theory]
    [InlineData(int.MaxValue, 2, "pointsPerClass", "2,147,483,647 points per class × 2 classes makes 4,294,967,294 points")]
    [InlineData(2, int.MaxValue, "classes", "2 points per class × 2,147,483,647 classes makes 4,294,967,294 points")]
    [InlineData(600_000_000, 2, "pointsPerClass", "600,000,000 points per class × 2 classes makes 1,200,000,000 points")]
    [InlineData(1, 1_073_741_796, "classes", "1 points per class × 1,073,741,796 classes makes 1,073,741,796 points")]
    public void Spiral_refuses_more_points_than_one_tensor_holds_before_allocating(int pointsPerClass, int classes, string parameter, string count)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Spiral(pointsPerClass, classes, seed: 0));

        Assert.Equal(parameter, error.ParamName);
        Assert.Equal($"Spiral: {count}; at most 1,073,741,795 fit in one tensor. (Parameter '{parameter}')", error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Theory]
    [InlineData(int.MaxValue, "2,147,483,647")]
    [InlineData(1_073_741_796, "1,073,741,796")]
    public void Moons_refuses_more_points_than_one_tensor_holds_before_allocating(int count, string shown)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Moons(count, 0.1, seed: 0));

        Assert.Equal("count", error.ParamName);
        Assert.StartsWith($"Moons: {shown} points; at most 1,073,741,795 fit in one tensor.", error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Theory]
    [InlineData(double.NaN, "NaN", "no validation")]
    [InlineData(double.NegativeInfinity, "-Infinity", "no validation")]
    [InlineData(-0.5, "-0.5", "no validation")]
    [InlineData(0.01, "0.01", "no validation")]
    [InlineData(double.PositiveInfinity, "Infinity", "no training")]
    [InlineData(1e10, "10000000000", "no training")]
    [InlineData(0.99, "0.99", "no training")]
    public void Split_refuses_a_fraction_that_leaves_a_side_empty_whatever_its_size(double fraction, string shown, string side)
    {
        var (x, y) = Datasets.Spiral(5, 2, seed: 0);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Split(x, y, fraction, seed: 1));

        Assert.Equal("validationFraction", error.ParamName);
        Assert.StartsWith($"Split: a fraction of {shown} of 10 rows leaves {side} rows; both sets need at least one.", error.Message);
    }

    [Fact]
    public void A_batch_size_larger_than_the_data_gives_one_batch_of_everything()
    {
        var (x, y) = Datasets.Spiral(5, 2, seed: 0);

        foreach (var batches in new[] { Batches.InOrder(x, y, int.MaxValue), Batches.Shuffled(x, y, int.MaxValue, new Random(1)) })
        {
            var (bx, by) = Assert.Single(batches);
            Assert.Equal(10, by.Length);
            Assert.Equal((10, 2), (bx.Rows, bx.Cols));
        }

        Assert.StartsWith(
            "InOrder: the batch size must be at least 1, got -2147483648.",
            Assert.Throws<ArgumentOutOfRangeException>(() => Batches.InOrder(x, y, int.MinValue)).Message);
    }

    [Fact]
    public void Shuffled_batches_cover_every_row_once_and_repeat_for_a_seed()
    {
        var x = new Tensor(10, 2, requiresGrad: false);
        x.SetFrom(Enumerable.Range(0, 20).Select(i => (double)i).ToArray());
        int[] y = Enumerable.Range(0, 10).ToArray();

        var batches = Batches.Shuffled(x, y, 4, new Random(5)).ToList();
        var again = Batches.Shuffled(x, y, 4, new Random(5)).ToList();

        Assert.Equal([4, 4, 2], batches.Select(b => b.Y.Length));
        Assert.Equal(y, batches.SelectMany(b => b.Y).Order());
        Assert.NotEqual(y, batches.SelectMany(b => b.Y));
        Assert.Equal(batches.SelectMany(b => b.Y), again.SelectMany(b => b.Y));
        foreach (var (bx, by) in batches)
        {
            Assert.False(bx.RequiresGrad);
            for (int i = 0; i < by.Length; i++)
            {
                // Row r of x is [2r, 2r + 1], and its class is r: rows and classes stay paired.
                Assert.Equal([2 * by[i], (2 * by[i]) + 1], bx.Data[(2 * i)..((2 * i) + 2)]);
            }
        }

        Assert.Equal(y, Batches.InOrder(x, y, 3).SelectMany(b => b.Y));
        Assert.Throws<ArgumentOutOfRangeException>(() => Batches.Shuffled(x, y, 0, new Random(1)));
        Assert.StartsWith("Shuffled: x has 10 rows but y has 9 classes", Assert.Throws<ArgumentException>(() => Batches.Shuffled(x, y[..9], 4, new Random(1))).Message);
    }

    [Fact]
    public void Split_sets_aside_a_deterministic_validation_set()
    {
        var (x, y) = Datasets.Spiral(50, 2, seed: 0);

        var (train, validation) = Datasets.Split(x, y, 0.2, seed: 4);
        var (train2, validation2) = Datasets.Split(x, y, 0.2, seed: 4);

        Assert.Equal(80, train.Y.Length);
        Assert.Equal(20, validation.Y.Length);
        Assert.Equal((20, 2), (validation.X.Rows, validation.X.Cols));
        Assert.Equal(validation.X.Data, validation2.X.Data);
        Assert.Equal(train.Y, train2.Y);

        // Together they hold every row once.
        var rows = train.X.Data.Chunk(2).Concat(validation.X.Data.Chunk(2)).Select(r => (r[0], r[1])).Order();
        Assert.Equal(x.Data.Chunk(2).Select(r => (r[0], r[1])).Order(), rows);
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Split(x, y, 0, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Split(x, y, 1, seed: 1));
    }

    private string Malformed(string first, string second)
    {
        string path = Path.Combine(folder, "bad.tra");
        File.WriteAllText(path, first + "\n" + second + "\n");
        var error = Assert.Throws<FormatException>(() => Datasets.LoadOptdigits(path));
        Assert.Contains(path, error.Message);
        return error.Message;
    }
}
