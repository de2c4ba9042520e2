using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autograd.Kernels;

/// <summary>A function of one double, written once over any lane width (see <see cref="ILanes{TSelf}"/>).</summary>
internal interface ILaneFunction
{
    /// <summary>Applies the function to every lane of <paramref name="x"/>.</summary>
    static abstract T Apply<T>(T x)
        where T : struct, ILanes<T>;
}

/// <summary>Loops that run a lane-generic function over whole spans, with the widest lanes the machine accelerates.</summary>
internal static class LaneLoops
{
    /// <summary>
    /// y[i] = f(x[i]) for every i; <paramref name="x"/> and <paramref name="y"/> may be the same span. The result does
    /// not depend on the width chosen, because <typeparamref name="TFunction"/> does the same operations in every lane.
    /// </summary>
    internal static void Map<TFunction>(ReadOnlySpan<double> x, Span<double> y)
        where TFunction : ILaneFunction
    {
        if (Lanes8.IsAccelerated)
        {
            Map<TFunction, Lanes8>(x, y);
        }
        else if (Lanes4.IsAccelerated)
        {
            Map<TFunction, Lanes4>(x, y);
        }
        else if (Lanes2.IsAccelerated)
        {
            Map<TFunction, Lanes2>(x, y);
        }
        else
        {
            Map<TFunction, Lanes1>(x, y);
        }
    }

    /// <summary><see cref="Map{TFunction}"/> at a chosen width: whole groups of <typeparamref name="T"/>, then one at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Map<TFunction, T>(ReadOnlySpan<double> x, Span<double> y)
        where TFunction : ILaneFunction
        where T : struct, ILanes<T>
    {
        if (y.Length != x.Length)
        {
            throw new ArgumentException($"Map: the output has {y.Length} elements for an input of {x.Length}.", nameof(y));
        }

        ref double x0 = ref MemoryMarshal.GetReference(x);
        ref double y0 = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i + T.Count <= x.Length; i += T.Count)
        {
            T.Store(TFunction.Apply(T.Load(in Unsafe.Add(ref x0, i))), ref Unsafe.Add(ref y0, i));
        }

        for (; i < x.Length; i++)
        {
            Unsafe.Add(ref y0, i) = TFunction.Apply(Lanes1.Create(Unsafe.Add(ref x0, i))).Value;
        }
    }
}
