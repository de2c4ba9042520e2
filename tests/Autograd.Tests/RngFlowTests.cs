namespace Autograd.Tests;

/// <summary>
/// <see cref="Rng"/>'s default generator follows the code that seeded it across awaits, is handed from one notebook
/// cell to the next, and is never corrupted by tasks that share it.
/// </summary>
public class RngFlowTests
{
    [Fact]
    public void A_seeded_generator_carries_on_after_an_await_on_another_thread()
    {
        var drawn = OwnThread.Run(() =>
        {
            var numbers = new List<double>();
            OwnThread.RunCell(async () =>
            {
                Rng.Seed(5);
                numbers.Add(Rng.Default.NextDouble());
                await OwnThread.ToThreadPool();
                numbers.Add(Rng.Default.NextDouble());
                numbers.Add(Tensor.Randn(1, 1).Item());
            });
            return numbers;
        });

        var expected = new Random(5);
        Assert.Equal([expected.NextDouble(), expected.NextDouble(), Tensor.Randn(1, 1, expected).Item()], drawn);
    }

    [Fact]
    public void A_notebook_seeds_in_its_first_cell_and_the_cells_below_draw_on_in_order()
    {
        var drawn = OwnThread.Run(() =>
        {
            var numbers = new List<double>();
            OwnThread.RunCell(async () =>
            {
                Rng.Seed(3);
                await Task.CompletedTask;
            });
            OwnThread.RunCell(async () =>
            {
                numbers.Add(Rng.Default.NextDouble());
                await Task.CompletedTask;
            });
            OwnThread.RunCell(async () =>
            {
                numbers.Add(Rng.Default.NextDouble());
                await OwnThread.ToThreadPool();
                numbers.Add(Rng.Default.NextDouble());
            });
            OwnThread.RunCell(async () =>
            {
                numbers.Add(Rng.Default.NextDouble());
                await Task.CompletedTask;
            });
            return numbers;
        });

        var expected = new Random(3);
        Assert.Equal(Enumerable.Range(0, 4).Select(_ => expected.NextDouble()), drawn);
    }

    [Fact]
    public void A_task_drawing_alongside_the_code_that_started_it_shares_its_numbers_without_corrupting_them()
    {
        // Both draw 20,000 numbers at once from one generator: between them they must get exactly the first 40,000
        // numbers of the seed, each once, whatever the interleaving. An unguarded Random hands out repeats and
        // numbers off its sequence in about half of such rounds here (the other half, one thread runs alone).
        const int Rounds = 20;
        const int Draws = 20_000;
        for (int round = 0; round < Rounds; round++)
        {
            int seed = 11 + round;
            var (mine, theirs) = OwnThread.Run(() =>
            {
                Rng.Seed(seed);
                int ready = 0;
                var task = Task.Run(() => Draw(ref ready, Draws));
                return (Draw(ref ready, Draws), task.GetAwaiter().GetResult());
            });

            var expected = new Random(seed);
            var first = Enumerable.Range(0, 2 * Draws).Select(_ => expected.NextDouble()).Order();
            Assert.Equal(first, mine.Concat(theirs).Order());
        }
    }

    [Fact]
    public void Seeding_inside_a_task_gives_it_a_generator_of_its_own()
    {
        var (mine, theirs) = OwnThread.Run(() =>
        {
            Rng.Seed(1);
            double before = Rng.Default.NextDouble();
            var task = Task.Run(() =>
            {
                Rng.Seed(2);
                return Rng.Default.NextDouble();
            });
            double inTask = task.GetAwaiter().GetResult();
            return ((before, Rng.Default.NextDouble()), inTask);
        });

        var one = new Random(1);
        Assert.Equal((one.NextDouble(), one.NextDouble()), mine);
        Assert.Equal(new Random(2).NextDouble(), theirs);
    }

    [Fact]
    public void Code_that_starts_on_the_thread_pool_with_no_generator_starts_from_the_default_seed()
    {
        // Queued without this test's ambient values (and never run inline by a waiting thread, as a task can be).
        double[] DrawFresh()
        {
            double[] numbers = [];
            using var done = new ManualResetEventSlim();
            ThreadPool.UnsafeQueueUserWorkItem(
                _ =>
                {
                    numbers = [Rng.Default.NextDouble(), Rng.Default.NextDouble()];
                    done.Set();
                },
                null);
            done.Wait(TestContext.Current.CancellationToken);
            return numbers;
        }

        var expected = new Random(Rng.DefaultSeed);
        double[] first = [expected.NextDouble(), expected.NextDouble()];
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(first, DrawFresh());
        }
    }

    [Fact]
    public void The_default_generator_gives_the_numbers_of_a_seeded_Random_through_every_method()
    {
        var (actual, expected) = OwnThread.Run(() =>
        {
            Rng.Seed(17);
            return (Sample(Rng.Default), Sample(new Random(17)));
        });

        Assert.Equal(expected, actual);
    }

    /// <summary>Draws <paramref name="count"/> numbers from the default generator once a second thread is ready too.</summary>
    private static double[] Draw(ref int ready, int count)
    {
        var random = Rng.Default;
        Interlocked.Increment(ref ready);
        while (Volatile.Read(ref ready) < 2)
        {
        }

        var numbers = new double[count];
        for (int i = 0; i < count; i++)
        {
            numbers[i] = random.NextDouble();
        }

        return numbers;
    }

    /// <summary>Numbers from every public method of <see cref="Random"/>, in one list.</summary>
    private static List<double> Sample(Random random)
    {
        var numbers = new List<double>
        {
            random.Next(),
            random.Next(100),
            random.Next(-50, 50),
            random.Next(int.MinValue, int.MaxValue),
            random.NextInt64(),
            random.NextInt64(1000),
            random.NextInt64(-10, 1L << 40),
            random.NextSingle(),
            random.NextDouble(),
        };

        var bytes = new byte[7];
        random.NextBytes(bytes);
        Span<byte> span = stackalloc byte[5];
        random.NextBytes(span);
        int[] deck = [.. Enumerable.Range(0, 10)];
        random.Shuffle(deck);
        var items = random.GetItems([1, 2, 3, 4], 6);
        var hex = random.GetHexString(8);
        var text = random.GetString("abcdefg", 5);

        numbers.AddRange(bytes.Select(b => (double)b));
        numbers.AddRange(span.ToArray().Select(b => (double)b));
        numbers.AddRange(deck.Select(d => (double)d));
        numbers.AddRange(items.Select(d => (double)d));
        numbers.AddRange(hex.Concat(text).Select(c => (double)c));
        return numbers;
    }
}
