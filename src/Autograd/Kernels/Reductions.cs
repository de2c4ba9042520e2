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
    /// The fixed-order reduction at a chosen width: the 16 partials live in a small buffer, T.Count of them per
    /// group, so every width performs exactly the same steps on each partial.
    /// </summary>
    internal static double Reduce<TStep, T>(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        where TStep : IReductionStep
        where T : struct, ILanes<T>
    {
        if (x.Length < Partials)
        {
            // No whole group: the partials would all stay at the identity, so start the left-to-right pass from it.
            return Tail<TStep>(Lanes1.Create(TStep.Identity), x, y, 0);
        }

        Span<double> partial = stackalloc double[Partials];
        partial.Fill(TStep.Identity);
        ref double p0 = ref MemoryMarshal.GetReference(partial);
        ref double x0 = ref MemoryMarshal.GetReference(x);
        ref double y0 = ref MemoryMarshal.GetReference(y);
        int body = x.Length - (x.Length % Partials);
        for (int i = 0; i < body; i += Partials)
        {
            for (int j = 0; j < Partials; j += T.Count)
            {
                ref double at = ref Unsafe.Add(ref p0, j);
                var step = TStep.Step(T.Load(in at), T.Load(in Unsafe.Add(ref x0, i + j)), T.Load(in Unsafe.Add(ref y0, i + j)));
                T.Store(step, ref at);
            }
        }

        for (int width = Partials / 2; width >= 1; width /= 2)
        {
            for (int j = 0; j < width; j++)
            {
                partial[j] = TStep.Combine(partial[j], partial[j + width]);
            }
        }

        return Tail<TStep>(Lanes1.Create(partial[0]), x, y, body);
    }

    /// <summary>Takes in the elements from <paramref name="start"/> on, one at a time, in order.</summary>
    private static double Tail<TStep>(Lanes1 result, ReadOnlySpan<double> x, ReadOnlySpan<double> y, int start)
        where TStep : IReductionStep
    {
        for (int i = start; i < x.Length; i++)
        {
            result = TStep.Step(result, Lanes1.Create(x[i]), Lanes1.Create(y[i]));
        }

        return result.Value;
    }

    /// <summary>One step of a reduction, the same in every lane.</summary>
    internal interface IReductionStep
    {
        /// <summary>Gets the value every partial starts from.</summary>
        static abstract double Identity { get; }

        /// <summary>The partial after taking in x (and y, for two-span reductions).</summary>
        static abstract T Step<T>(T partial, T x, T y)
            where T : struct, ILanes<T>;

        /// <summary>Two partials combined.</summary>
        static abstract double Combine(double first, double second);
    }

    /// <summary>partial + x. Partials start at -0, which added to any x (-0 included) gives x.</summary>
    internal readonly struct SumStep : IReductionStep
    {
        public static double Identity => -0.0;

        public static T Step<T>(T partial, T x, T y)
            where T : struct, ILanes<T> => partial + x;

        public static double Combine(double first, double second) => first + second;
    }

    /// <summary>partial + x·y, rounded once.</summary>
    internal readonly struct DotStep : IReductionStep
    {
        public static double Identity => -0.0;

        public static T Step<T>(T partial, T x, T y)
            where T : struct, ILanes<T> => T.FusedMultiplyAdd(x, y, partial);

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

        public static double Combine(double first, double second) =>
            Step(Lanes1.Create(first), Lanes1.Create(second), default).Value;
    }
}
