namespace Autograd;

/// <summary>
/// The library's default random generator, used wherever a method takes a <see cref="Random"/> and is given
/// <see langword="null"/> (<see cref="Tensor.Randn"/>, layer initialisation). Each thread has its own, and every
/// thread in every process starts from <see cref="DefaultSeed"/>, so a program that draws from it repeats exactly.
/// <see cref="Seed"/> restarts the current thread's generator, as PyTorch's <c>torch.manual_seed</c> does.
/// </summary>
public static class Rng
{
    /// <summary>The seed every thread's default generator starts from.</summary>
    public const int DefaultSeed = 42;

    [ThreadStatic]
    private static Random? current;

    /// <summary>The current thread's default generator.</summary>
    public static Random Default => current ??= new Random(DefaultSeed);

    /// <summary>Restarts the current thread's default generator from <paramref name="seed"/>.</summary>
    /// <param name="seed">Any integer; the same seed gives the same numbers.</param>
    public static void Seed(int seed) => current = new Random(seed);
}
