namespace Autograd;

/// <summary>
/// The free arrays of ended <see cref="TensorScope"/>s, by length, waiting for the next result of that size. Only
/// arrays of at least <see cref="MinLength"/> elements are kept: smaller ones are cheap young-generation allocations.
/// </summary>
/// <remarks>
/// A free array is held through a weak reference, so the recycler never keeps memory for good: when nothing takes
/// an array before the next full garbage collection, the collector reclaims it. Arrays arrive here only from
/// <see cref="Tensor"/> once nothing can read them (see <see cref="TensorScope"/>); the recycler itself just stores
/// them. Any thread may return or take an array.
/// </remarks>
internal static class RecycledArrays
{
    /// <summary>Arrays shorter than this (85,000 bytes, the large-object threshold) are not kept.</summary>
    internal const int MinLength = 85_000 / sizeof(double);

    // Each length has a list of weak references, each empty or holding one free array; emptied references are
    // filled again rather than allocated anew, so recycling allocates nothing once the lists have grown.
    private static readonly Dictionary<int, List<WeakReference<double[]?>>> FreeByLength = [];

    /// <summary>
    /// An array of exactly <paramref name="length"/> elements holding whatever it held before (the caller writes every
    /// element or clears it): a recycled one when there is one, else a new one.
    /// </summary>
    internal static double[] Take(int length)
    {
        if (length >= MinLength)
        {
            lock (FreeByLength)
            {
                if (FreeByLength.TryGetValue(length, out var slots))
                {
                    foreach (var slot in slots)
                    {
                        if (slot.TryGetTarget(out var array) && array is not null)
                        {
                            slot.SetTarget(null);
                            return array;
                        }
                    }
                }
            }
        }

        return GC.AllocateUninitializedArray<double>(length);
    }

    /// <summary>Keeps <paramref name="array"/> for a later <see cref="Take"/>; nothing may read or write it any more.</summary>
    internal static void Return(double[] array)
    {
        if (array.Length < MinLength)
        {
            return;
        }

        lock (FreeByLength)
        {
            if (!FreeByLength.TryGetValue(array.Length, out var slots))
            {
                FreeByLength[array.Length] = slots = [];
            }

            foreach (var slot in slots)
            {
                if (!slot.TryGetTarget(out var held) || held is null)
                {
                    slot.SetTarget(array);
                    return;
                }
            }

            slots.Add(new WeakReference<double[]?>(array));
        }
    }

    /// <summary>How many free arrays of <paramref name="length"/> are still alive (for tests).</summary>
    internal static int FreeCount(int length)
    {
        lock (FreeByLength)
        {
            return FreeByLength.TryGetValue(length, out var slots) ? slots.Count(w => w.TryGetTarget(out var a) && a is not null) : 0;
        }
    }
}
