using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autograd.Kernels;

/// <summary>
/// Sums, dot products and maxima of whole spans, in an order fixed by the length alone, so that the result is the
/// same bits on every machine, whatever vector width it runs.
/// </summary>
/// <remarks>
/// <para>
/// Floating-point addition is not associative: a vectorised sum that keeps one partial sum per vector lane adds the
/// elements in an order that depends on how many lanes the vector has, and a 512-bit machine then prints other last
/// digits than a 256-bit one. Here the layout of the partial sums is fixed instead: element i of the first
/// n - n mod 16 goes to partial sum i mod 16, in increasing i; the 16 partials are combined pairwise (partial j with
/// partial j + 8, then j + 4, j + 2, j + 1); the last n mod 16 elements are then added one by one, in order. A 512-bit
/// machine holds the 16 partials in two vectors, a 256-bit one in four, a machine without vectors in sixteen
/// doubles: the same additions in the same order everywhere.
/// </para>
/// <para>
/// The plain reference is <see cref="SumReference"/>: the same order written as ordinary loops. A span shorter than
/// 16, such as a row of class scores, is summed from left to right.
/// </para>
/// </remarks>
internal static class Reductions
{
    /// <summary>The number of partial results; a multiple of every lane count.</summary>
    internal const int Partials = 16;

    /// <summary>Σ x[i] in the fixed order described on the class.</summary>
    internal static double Sum(ReadOnlySpan<double> x) => Reduce<SumStep>(x, x);

    /// <summary>Σ x[i]·y[i], each step a fused multiply-add, in the fixed order described on the class.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    internal static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Dot: lengths {x.Length} and {y.Length} differ.", nameof(y));
        }

        return Reduce<DotStep>(x, y);
    }

    /// <summary>
    /// The largest element: NaN if any element is NaN, and between equal elements (+0 and -0) the one met first in
    /// the fixed order.
    /// </summary>
    /// <exception cref="ArgumentException">The span is empty.</exception>
    internal static double Max(ReadOnlySpan<double> x)
    {
        if (x.IsEmpty)
        {
            throw new ArgumentException("Max: the span is empty.", nameof(x));
        }

        return Reduce<MaxStep>(x, x);
    }

    /// <summary>The same sum as <see cref="Sum"/>, as plain loops: the reference the tests hold the fast one to.</summary>
    internal static double SumReference(ReadOnlySpan<double> x)
    {
        Span<double> partial = stackalloc double[Partials];
        partial.Fill(-0.0);
        int body = x.Length - (x.Length % Partials);
        for (int i = 0; i < body; i++)
        {
            partial[i % Partials] += x[i];
        }

        for (int width = Partials / 2; width >= 1; width /= 2)
        {
            for (int j = 0; j < width; j++)
            {
                partial[j] += partial[j + width];
            }
        }

        double sum = partial[0];
        for (int i = body; i < x.Length; i++)
        {
            sum += x[i];
        }

        return sum;
    }

    /// <summary>Runs <see cref="Reduce{TStep, T}"/> with the widest lanes the machine accelerates.</summary>
    private static double Reduce<TStep>(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        where TStep : IReductionStep
    {
        if (x.Length < Partials)
        {
            // A row of class scores, say: with no whole group the partials would all stay at the identity, so the
            // left-to-right pass can start from it.
            return Tail<TStep>(TStep.Identity, x, y, 0);
        }

        if (Lanes8.IsAccelerated)
        {
            return Reduce<TStep, Lanes8>(x, y);
        }

        if (Lanes4.IsAccelerated)
        {
            return Reduce<TStep, Lanes4>(x, y);
        }

        return Lanes2.IsAccelerated ? Reduce<TStep, Lanes2>(x, y) : Reduce<TStep, Lanes1>(x, y);
    }

    /// <summary>
    /// The fixed-order reduction at a chosen width: the 16 partials are 16 / T.Count groups of T.Count lanes, so every
    /// width performs exactly the same steps on each partial. With vectors the groups live in registers (two 512-bit,
    /// four 256-bit or eight 128-bit ones); one lane at a time, in a small buffer.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Reduce<TStep, T>(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        where TStep : IReductionStep
        where T : struct, ILanes<T>
    {
        int body = x.Length - (x.Length % Partials);
        Span<double> partial = stackalloc double[Partials];
        if (T.Count == 1)
        {
            partial.Fill(TStep.Identity);
            for (int i = 0; i < body; i++)
            {
                partial[i % Partials] = TStep.Step(partial[i % Partials], x[i], y[i]);
            }
        }
        else
        {
            GroupsInRegisters<TStep, T>(x, y, body, partial);
        }

        for (int width = Partials / 2; width >= 1; width /= 2)
        {
            for (int j = 0; j < width; j++)
            {
                partial[j] = TStep.Combine(partial[j], partial[j + width]);
            }
        }

        return Tail<TStep>(partial[0], x, y, body);
    }

    /// <summary>
    /// The body of <see cref="Reduce{TStep, T}"/> for 2, 4 or 8 lanes: group g (partials g·T.Count onwards) in
    /// register g. T.Count is a constant to the compiler, so the groups a width does not use cost nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GroupsInRegisters<TStep, T>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int body, Span<double> partial)
        where TStep : IReductionStep
        where T : struct, ILanes<T>
    {
        int c = T.Count;
        int groups = Partials / c;
        var identity = T.Create(TStep.Identity);
        T g0 = identity, g1 = identity, g2 = identity, g3 = identity, g4 = identity, g5 = identity, g6 = identity, g7 = identity;
        ref double x0 = ref MemoryMarshal.GetReference(x);
        ref double y0 = ref MemoryMarshal.GetReference(y);
        for (int i = 0; i < body; i += Partials)
        {
            g0 = TStep.Step(g0, T.Load(in Unsafe.Add(ref x0, i)), T.Load(in Unsafe.Add(ref y0, i)));
            g1 = TStep.Step(g1, T.Load(in Unsafe.Add(ref x0, i + c)), T.Load(in Unsafe.Add(ref y0, i + c)));
            if (groups > 2)
            {
                g2 = TStep.Step(g2, T.Load(in Unsafe.Add(ref x0, i + (2 * c))), T.Load(in Unsafe.Add(ref y0, i + (2 * c))));
                g3 = TStep.Step(g3, T.Load(in Unsafe.Add(ref x0, i + (3 * c))), T.Load(in Unsafe.Add(ref y0, i + (3 * c))));
            }

            if (groups > 4)
            {
                g4 = TStep.Step(g4, T.Load(in Unsafe.Add(ref x0, i + (4 * c))), T.Load(in Unsafe.Add(ref y0, i + (4 * c))));
                g5 = TStep.Step(g5, T.Load(in Unsafe.Add(ref x0, i + (5 * c))), T.Load(in Unsafe.Add(ref y0, i + (5 * c))));
                g6 = TStep.Step(g6, T.Load(in Unsafe.Add(ref x0, i + (6 * c))), T.Load(in Unsafe.Add(ref y0, i + (6 * c))));
                g7 = TStep.Step(g7, T.Load(in Unsafe.Add(ref x0, i + (7 * c))), T.Load(in Unsafe.Add(ref y0, i + (7 * c))));
            }
        }

        ref double p0 = ref MemoryMarshal.GetReference(partial);
        T.Store(g0, ref p0);
        T.Store(g1, ref Unsafe.Add(ref p0, c));
        if (groups > 2)
        {
            T.Store(g2, ref Unsafe.Add(ref p0, 2 * c));
            T.Store(g3, ref Unsafe.Add(ref p0, 3 * c));
        }

        if (groups > 4)
        {
            T.Store(g4, ref Unsafe.Add(ref p0, 4 * c));
            T.Store(g5, ref Unsafe.Add(ref p0, 5 * c));
            T.Store(g6, ref Unsafe.Add(ref p0, 6 * c));
            T.Store(g7, ref Unsafe.Add(ref p0, 7 * c));
        }
    }

    /// <summary>Takes in the elements from <paramref name="start"/> on, one at a time, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Tail<TStep>(double result, ReadOnlySpan<double> x, ReadOnlySpan<double> y, int start)
        where TStep : IReductionStep
    {
        for (int i = start; i < x.Length; i++)
        {
            result = TStep.Step(result, x[i], y[i]);
        }

        return result;
    }

    /// <summary>One step of a reduction, the same in every lane.</summary>
    internal interface IReductionStep
    {
        /// <summary>Gets the value every partial starts from.</summary>
        static abstract double Identity { get; }

        /// <summary>The partial after taking in x (and y, for two-span reductions), in every lane.</summary>
        static abstract T Step<T>(T partial, T x, T y)
            where T : struct, ILanes<T>;

        /// <summary>The same step on one double (the same operations as the lane version at <see cref="Lanes1"/>).</summary>
        static abstract double Step(double partial, double x, double y);

        /// <summary>Two partials combined.</summary>
        static abstract double Combine(double first, double second);
    }

    /// <summary>partial + x. Partials start at -0, which added to any x (-0 included) gives x.</summary>
    internal readonly struct SumStep : IReductionStep
    {
        public static double Identity => -0.0;

        public static T Step<T>(T partial, T x, T y)
            where T : struct, ILanes<T> => partial + x;

        public static double Step(double partial, double x, double y) => partial + x;

        public static double Combine(double first, double second) => first + second;
    }

    /// <summary>partial + x·y, rounded once.</summary>
    internal readonly struct DotStep : IReductionStep
    {
        public static double Identity => -0.0;

        public static T Step<T>(T partial, T x, T y)
            where T : struct, ILanes<T> => T.FusedMultiplyAdd(x, y, partial);

        public static double Step(double partial, double x, double y) => Math.FusedMultiplyAdd(x, y, partial);

        public static double Combine(double first, double second) => first + second;
    }

    /// <summary>x where x &gt; partial or x is NaN, else partial: a NaN, once met, stays.</summary>
    internal readonly struct MaxStep : IReductionStep
    {
        public static double Identity => double.NegativeInfinity;

        public static T Step<T>(T partial, T x, T y)
            where T : struct, ILanes<T>
        {
            var isNaN = T.Xor(T.EqualTo(x, x), T.FromBits(-1L));
            return T.Select(T.Or(T.GreaterThan(x, partial), isNaN), x, partial);
        }

        public static double Step(double partial, double x, double y) => x > partial || double.IsNaN(x) ? x : partial;

        public static double Combine(double first, double second) => Step(first, second, 0);
    }
}
