namespace Autograd;

/// <summary>
/// Recycles the large arrays of operation results and their gradients, so that a training loop, which builds the same
/// graph shape every step, stops allocating new ones.
/// </summary>
/// <remarks>
/// <para>
/// Why: an array over 85,000 bytes (10,625 doubles, e.g. a 300×100 activation) goes to .NET's large-object heap, which
/// only full collections reclaim. A loop that makes a few of them per step spent most of its time in those collections
/// and in the operating system mapping fresh memory for them (measured: 1000 spiral steps took 1.4 s, about 1.1 s of it
/// there).
/// </para>
/// <para>
/// When: an array is handed to a new tensor only when the tensor that had it can no longer be reached (the pool holds
/// it through a weak reference, so the garbage collector says when) and the array itself was never given out: the
/// public <see cref="Tensor.Data"/> and <see cref="Tensor.Grad"/> getters mark it <see cref="Lease.Kept"/>, because the
/// caller may hold on to the array after dropping the tensor. The library's own code reads arrays through
/// <see cref="Tensor.Values"/> and <see cref="Tensor.GradValues"/>, which do not. So no array a user can see ever
/// changes under them.
/// </para>
/// <para>
/// The garbage collector only notices unreachable tensors when it runs, and with the large arrays held here it has
/// little reason to. So when no array is free and <see cref="CollectEveryBytes"/> have been rented since the last
/// time, the pool asks for a collection of the young generations, which costs well under a millisecond and frees the
/// tensors of the steps before. The pool then settles at about that much memory plus one step's arrays.
/// </para>
/// <para>
/// Each thread has its own pool, holding at most <see cref="CapacityBytes"/>; beyond that, arrays are plain
/// allocations again. Per thread, because an array can only be handed out between two operations of the thread that
/// rents it, never while one of that thread's kernels is still reading it.
/// </para>
/// </remarks>
internal static class BufferPool
{
    /// <summary>Arrays shorter than this are cheap young-generation allocations and are not pooled.</summary>
    internal const int MinLength = 85_000 / sizeof(double);

    /// <summary>The most memory the pool's arrays may add up to.</summary>
    internal const long CapacityBytes = 256L << 20;

    /// <summary>How many bytes of arrays are rented between two collections the pool asks for.</summary>
    internal const long CollectEveryBytes = 4L << 20;

    [ThreadStatic]
    private static Dictionary<int, List<Lease>>? byLength;

    [ThreadStatic]
    private static long pooledBytes;

    [ThreadStatic]
    private static long rentedSinceCollection;

    /// <summary>
    /// An array for <paramref name="owner"/> of exactly <paramref name="length"/> elements, with whatever values it
    /// last held: the caller writes every element, or clears it. <paramref name="lease"/> is the array's lease when it
    /// came from the pool, or <see langword="null"/> when the array is too small to pool or the pool is full and the
    /// array is a plain new one.
    /// </summary>
    internal static double[] Rent(int length, Tensor owner, out Lease? lease)
    {
        lease = length < MinLength ? null : RentLease(length, owner);
        return lease?.Array ?? GC.AllocateUninitializedArray<double>(length);
    }

    private static Lease? RentLease(int length, Tensor owner)
    {
        long bytes = (long)sizeof(double) * length;
        byLength ??= [];
        if (!byLength.TryGetValue(length, out var leases))
        {
            byLength[length] = leases = [];
        }

        rentedSinceCollection += bytes;
        var free = FindFree(leases, bytes);
        if (free is null && rentedSinceCollection >= CollectEveryBytes)
        {
            // Generations 0 and 1 hold the tensors of the last few steps; the older ones are parameters.
            GC.Collect(1, GCCollectionMode.Forced, blocking: true);
            rentedSinceCollection = 0;
            free = FindFree(leases, bytes);
        }

        if (free is not null)
        {
            free.Owner.SetTarget(owner);
            return free;
        }

        if (pooledBytes + bytes > CapacityBytes)
        {
            return null;
        }

        var fresh = new Lease(GC.AllocateUninitializedArray<double>(length), owner);
        leases.Add(fresh);
        pooledBytes += bytes;
        return fresh;
    }

    /// <summary>
    /// A lease (of arrays of <paramref name="bytes"/> each) whose tensor is gone; on the way, forgets the leases whose
    /// arrays were given out.
    /// </summary>
    private static Lease? FindFree(List<Lease> leases, long bytes)
    {
        for (int i = leases.Count - 1; i >= 0; i--)
        {
            var lease = leases[i];
            if (lease.Kept)
            {
                // Given out to a caller: it is theirs now, and the pool forgets it.
                leases.RemoveAt(i);
                pooledBytes -= bytes;
            }
            else if (!lease.Owner.TryGetTarget(out _))
            {
                return lease;
            }
        }

        return null;
    }

    /// <summary>One pooled array and the tensor currently using it.</summary>
    internal sealed class Lease(double[] array, Tensor owner)
    {
        private volatile bool kept;

        /// <summary>The array.</summary>
        public double[] Array { get; } = array;

        /// <summary>The tensor using the array; once it is collected, the array is free.</summary>
        public WeakReference<Tensor> Owner { get; } = new(owner);

        /// <summary>Whether the array was given out through a public getter, so that it must never be reused.</summary>
        public bool Kept => kept;

        /// <summary>Marks the array as given out: the pool will not hand it to another tensor.</summary>
        public void Keep() => kept = true;
    }
}
