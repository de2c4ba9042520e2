namespace Autograd;

/// <summary>
/// How a result that a <see cref="TensorScope"/> owns is kept while in use and recycled after (the rules are in
/// <see cref="TensorScope"/>).
/// </summary>
public partial class Tensor
{
    // The bits of `life`, for a result that a TensorScope owns (see TensorScope): the low bits count the uses in
    // progress (an operation or a backward pass reading it, a result built from it), and the flags say whether its
    // scope has ended, whether its arrays were handed out through Data or Grad, and whether they were recycled.
    private const int Ended = 1 << 30;
    private const int DataHandedOut = 1 << 29;
    private const int GradHandedOut = 1 << 28;
    private const int Recycled = 1 << 27;
    private const int UseCount = Recycled - 1;

    // The work list of RecycleFrom, kept for the next call on the same thread (empty between calls).
    [ThreadStatic]
    private static Stack<Tensor>? spareRecycleStack;

    // Whether a TensorScope owns this result, and the state described above.
    private readonly bool scoped;
    private int life;

    /// <summary>
    /// A gradient of zeros: a new array for a leaf (a parameter keeps its gradient for good), and for an operation's
    /// result a recycled one when the pool has it. Without <paramref name="clear"/> it may hold anything, for a rule
    /// that writes every element.
    /// </summary>
    private double[] NewGrad(bool clear = true)
    {
        if (!scoped)
        {
            return clear ? new double[data.Length] : GC.AllocateUninitializedArray<double>(data.Length);
        }

        var array = RecycledArrays.Take(data.Length);
        if (clear)
        {
            Array.Clear(array);
        }

        return array;
    }

    /// <summary>
    /// A new result's array, and whether a <see cref="TensorScope"/> owns the result: in an open scope the array may be
    /// a recycled one and goes back when the scope ends; otherwise it is an ordinary array the garbage collector
    /// reclaims. Either way it holds old values: the operation writes every element.
    /// </summary>
    private (double[] Data, bool Scoped) NewResultArray(int length)
    {
        var scope = TensorScope.Current;
        if (scope is null)
        {
            return (GC.AllocateUninitializedArray<double>(length), false);
        }

        var array = RecycledArrays.Take(length);
        if (scope.TryOwn(this))
        {
            return (array, true);
        }

        return (array, false);
    }

    /// <summary>
    /// Marks the start of a use of this tensor's arrays: until the matching <see cref="EndUse"/> they are not recycled,
    /// even if its scope ends meanwhile. Does nothing for a tensor no scope owns.
    /// </summary>
    /// <exception cref="ObjectDisposedException">This is a result of a scope that has ended.</exception>
    internal override void BeginUse()
    {
        if (!scoped)
        {
            return;
        }

        int seen = Volatile.Read(ref life);
        while (true)
        {
            if ((seen & Ended) != 0)
            {
                throw new ObjectDisposedException(
                    nameof(Tensor),
                    $"This {Description} was made inside a Tensor.Scope() that has ended, so its memory may hold other numbers now. " +
                    "Keep what you need before the scope ends: Detach() copies a tensor, Item() reads a 1×1 one.");
            }

            int before = Interlocked.CompareExchange(ref life, seen + 1, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }

    /// <summary>Ends a use begun by <see cref="BeginUse"/>; the last use of a tensor whose scope has ended recycles it.</summary>
    internal override void EndUse()
    {
        if (scoped && ReleaseOne(this))
        {
            RecycleFrom(this);
        }
    }

    /// <summary>Called by the scope that owns this result when it ends.</summary>
    internal void EndOfScope()
    {
        int before = Interlocked.Or(ref life, Ended);
        if ((before & (Ended | UseCount)) == 0)
        {
            RecycleFrom(this);
        }
    }

    /// <summary>Ends one use of <paramref name="tensor"/>; true when that leaves it ended and unused.</summary>
    private static bool ReleaseOne(Tensor tensor)
    {
        int after = Interlocked.Decrement(ref tensor.life);
        return (after & Ended) != 0 && (after & UseCount) == 0;
    }

    /// <summary>
    /// Gives the arrays of <paramref name="first"/>, which nothing uses any more, to the recycler (all but those handed
    /// out through Data or Grad), then ends its use of its inputs, which may free them in turn. A loop rather than
    /// recursion, so a long chain of results cannot overflow the stack.
    /// </summary>
    private static void RecycleFrom(Tensor first)
    {
        var pending = spareRecycleStack ?? new Stack<Tensor>();
        spareRecycleStack = null;
        pending.Push(first);
        while (pending.TryPop(out var tensor))
        {
            int before = Interlocked.Or(ref tensor.life, Recycled);
            if ((before & Recycled) != 0)
            {
                continue;
            }

            if ((before & DataHandedOut) == 0)
            {
                RecycledArrays.Return(tensor.data);
            }

            if (tensor.grad is not null && (before & GradHandedOut) == 0)
            {
                RecycledArrays.Return(tensor.grad);
            }

            tensor.grad = null;
            for (int i = 0; i < tensor.InputCount; i++)
            {
                var input = (Tensor)tensor.GetInput(i);
                if (input.scoped && ReleaseOne(input))
                {
                    pending.Push(input);
                }
            }
        }

        spareRecycleStack = pending;
    }

    /// <summary>What this tensor is, for messages: <c>2×3 result of MatMul ('h')</c>.</summary>
    private string Description =>
        $"{Shape} {(Op is null ? "tensor" : $"result of {Op}")}{(Label is null ? "" : $" ('{Label}')")}";

    private void ThrowIfRecycled()
    {
        if (scoped && (Volatile.Read(ref life) & Recycled) != 0)
        {
            throw new ObjectDisposedException(nameof(Tensor), $"This {Description} was recycled when its Tensor.Scope() ended: an operation read it after that.");
        }
    }

    /// <summary>Marks an array as handed out through a public getter, so that it is never recycled.</summary>
    private void HandOut(int flag)
    {
        BeginUse();
        SetLifeFlag(flag);
        EndUse();
    }

    private void SetLifeFlag(int flag)
    {
        if (scoped)
        {
            Interlocked.Or(ref life, flag);
        }
    }
}
