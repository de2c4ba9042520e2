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
        Assert.Contains("line 2: field 5, 'x', is not an integer", Malformed(good, good.Replace("3,3,3,3,3,", "3,3,3,3,x,", StringComparison.Ordinal)));
        Assert.Contains("line 2: pixel 1 is 17", Malformed(good, "17" + good[1..]));
        Assert.Contains("line 2: the class is 10", Malformed(good, good[..^1] + "10"));
        Assert.Contains("holds no examples", Malformed("", ""));

        // Blank lines, such as a trailing one, are skipped.
        string path = Path.Combine(folder, "blank.tra");
        File.WriteAllText(path, good + "\n\n" + good + "\n");
        Assert.Equal(2, Datasets.LoadOptdigits(path).Y.Length);
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
