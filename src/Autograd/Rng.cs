namespace Autograd;

/// <summary>
/// The library's default random generator, used wherever a method takes a <see cref="Random"/> and is given
/// <see langword="null"/> (<see cref="Tensor.Randn"/>, layer initialisation). <see cref="Seed"/> restarts it, as
/// PyTorch's <c>torch.manual_seed</c> does; every generator starts from <see cref="DefaultSeed"/> otherwise, so a
/// program that draws from it repeats exactly.
/// </summary>
/// <remarks>
/// <para>
/// The generator belongs to the code that seeded it or first drew from it, as .NET's ambient values
/// (<see cref="AsyncLocal{T}"/>) do: after an <c>await</c> the code draws on from the same generator, whichever thread
/// it continues on, and a task it starts draws from it too. Code on a thread of its own (a program's main thread, the
/// thread that runs a notebook's cells one after another) hands its generator on to the code that runs next on that
/// thread, so a notebook's first cell can seed for the cells below it. Code that starts on the thread pool with no
/// generator gets a new one from <see cref="DefaultSeed"/>.
/// </para>
/// <para>
/// Tasks that share a generator and draw at the same time each get whole, valid numbers (every call takes a lock),
/// but which task gets which numbers depends on timing. For repeatable parallel work, call <see cref="Seed"/> at the
/// start of each task (that gives the task a generator of its own) or pass each one its own <see cref="Random"/>.
/// Code whose first draw comes after an <c>await</c> may have moved to the thread pool by then, and get a new
/// generator there: seed or draw before the first <c>await</c> to keep drawing from the one seeded before.
/// </para>
/// </remarks>
public static class Rng
{
    /// <summary>The seed every default generator starts from.</summary>
    public const int DefaultSeed = 42;

    // The generator of the code running now: it follows that code across awaits and into the tasks it starts.
    private static readonly AsyncLocal<Random?> current = new();

    // The generator a thread of its own hands on from one piece of code to the next (the pool's threads have none).
    [ThreadStatic]
    private static Random? threadGenerator;

    /// <summary>The default generator of the code running now.</summary>
    public static Random Default => current.Value ?? TakeUpGenerator();

    /// <summary>Restarts the default generator of the code running now from <paramref name="seed"/>.</summary>
    /// <param name="seed">Any integer; the same seed gives the same numbers.</param>
    public static void Seed(int seed)
    {
        var generator = new LockedRandom(seed);
        if (!Thread.CurrentThread.IsThreadPoolThread)
        {
            threadGenerator = generator;
        }

        current.Value = generator;
    }

    private static Random TakeUpGenerator()
    {
        var generator = Thread.CurrentThread.IsThreadPoolThread
            ? new LockedRandom(DefaultSeed)
            : threadGenerator ??= new LockedRandom(DefaultSeed);
        current.Value = generator;
        return generator;
    }

    /// <summary>
    /// The numbers of <c>new Random(seed)</c>, one call at a time: a task and the code that started it may share the
    /// generator, and two calls into <see cref="Random"/> at once would corrupt its state.
    /// </summary>
    private sealed class LockedRandom(int seed) : Random
    {
        private readonly Random inner = new(seed);
        private readonly Lock gate = new();

        public override int Next()
        {
            lock (gate)
            {
                return inner.Next();
            }
        }

        public override int Next(int maxValue)
        {
            lock (gate)
            {
                return inner.Next(maxValue);
            }
        }

        public override int Next(int minValue, int maxValue)
        {
            lock (gate)
            {
                return inner.Next(minValue, maxValue);
            }
        }

        public override long NextInt64()
        {
            lock (gate)
            {
                return inner.NextInt64();
            }
        }

        public override long NextInt64(long maxValue)
        {
            lock (gate)
            {
                return inner.NextInt64(maxValue);
            }
        }

        public override long NextInt64(long minValue, long maxValue)
        {
            lock (gate)
            {
                return inner.NextInt64(minValue, maxValue);
            }
        }

        public override float NextSingle()
        {
            lock (gate)
            {
                return inner.NextSingle();
            }
        }

        public override double NextDouble()
        {
            lock (gate)
            {
                return inner.NextDouble();
            }
        }

        public override void NextBytes(byte[] buffer)
        {
            lock (gate)
            {
                inner.NextBytes(buffer);
            }
        }

        public override void NextBytes(Span<byte> buffer)
        {
            lock (gate)
            {
                inner.NextBytes(buffer);
            }
        }

        // A seeded Random's Sample() is its NextDouble(); Random's own methods that are not overridden here call it.
        protected override double Sample() => NextDouble();
    }
}
