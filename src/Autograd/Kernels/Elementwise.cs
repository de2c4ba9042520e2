using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Kernels;

/// <summary>
/// The arithmetic of the elementwise ops, their backward rules and the row-wise softmax, on whole arrays. The simple
/// ones are one <c>TensorPrimitives</c> call; those that need an intermediate work through a small stack buffer, chunk
/// by chunk, so a backward pass allocates nothing. Everything runs on the calling thread in a fixed order, so results
/// never depend on the number of threads.
/// </summary>
/// <remarks>
/// Only the elementwise <c>TensorPrimitives</c> operations are used here (add, subtract, multiply, divide, an unfused
/// multiply-add, max): each rounds every element once, by IEEE 754, so the vector width changes nothing. Sums and
/// maxima come from <see cref="Reductions"/> and exponentials from <see cref="Transcendental"/>, whose order and
/// algorithms are fixed; the functions that are not (TensorPrimitives' Sum, Dot, Exp and the like) are banned from the
/// library in <c>BannedSymbols.txt</c>.
/// <para>
/// The loops here and in the other kernels are compiled fully optimised from their first call
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>). Otherwise the runtime starts each method as unoptimised
/// code, in which every vector operation is a call, and optimises it only after a delay that it stretches tenfold on
/// a one-processor machine: 1000 steps of the spiral network then took 600 ms instead of 80 for the first 4-5 seconds
/// of a one-core process, and 330 ms with the kernels marked.
/// </para>
/// </remarks>
internal static class Elementwise
{
    /// <summary>
    /// Elements per chunk of the stack buffer: small enough for the stack, large enough for the vectors. Loops step by
    /// the length of the chunk just done, so the step after the last chunk of the longest array stays within an int.
    /// </summary>
    private const int Chunk = 256;

    /// <summary>
    /// dx += g where y = relu(x) is positive (the gradient is 0 at x = 0, as in PyTorch); with
    /// <paramref name="accumulate"/> false, dx = that share + 0, for a gradient known to be zero (see
    /// <c>Tensor.GradToOverwrite</c>).
    /// </summary>
    /// <remarks>
    /// Four elements at a time, with a mask instead of a branch: the signs of activations are close to random, and a
    /// mispredicted branch per element made this the slowest step of a small network's backward pass.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ReluBackward(ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> dx, bool accumulate = true)
    {
        ref double y0 = ref MemoryMarshal.GetReference(y);
        ref double g0 = ref MemoryMarshal.GetReference(g);
        ref double dx0 = ref MemoryMarshal.GetReference(dx);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= dx.Length; i += 4)
            {
                var positive = Vector256.GreaterThan(Vector256.LoadUnsafe(ref y0, (nuint)i), Vector256<double>.Zero);
                var share = Vector256.BitwiseAnd(Vector256.LoadUnsafe(ref g0, (nuint)i), positive);
                var before = accumulate ? Vector256.LoadUnsafe(ref dx0, (nuint)i) : Vector256<double>.Zero;
                (before + share).StoreUnsafe(ref dx0, (nuint)i);
            }
        }

        // The rest one at a time, adding the same masked share (0 where y is not positive) as the vector loop, so
        // that even the sign of a zero gradient does not depend on which loop an element falls in.
        for (; i < dx.Length; i++)
        {
            dx[i] = (accumulate ? dx[i] : 0.0) + (y[i] > 0 ? g[i] : 0);
        }
    }

    /// <summary>dx += (1 - y²)·g, where y = tanh x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void TanhBackward(ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> dx)
    {
        Span<double> t = stackalloc double[Chunk];
        for (int start = 0, length; start < dx.Length; start += length)
        {
            length = Math.Min(Chunk, dx.Length - start);
            var yc = y.Slice(start, length);
            var tc = t[..length];
            TP.Multiply(yc, yc, tc);
            TP.Subtract(1.0, tc, tc);
            var dc = dx.Slice(start, length);
            TP.MultiplyAdd(tc, g.Slice(start, length), dc, dc);
        }
    }

    /// <summary>dx += y·(1 - y)·g, where y = sigmoid x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SigmoidBackward(ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> dx)
    {
        Span<double> t = stackalloc double[Chunk];
        for (int start = 0, length; start < dx.Length; start += length)
        {
            length = Math.Min(Chunk, dx.Length - start);
            var yc = y.Slice(start, length);
            var tc = t[..length];
            TP.Subtract(1.0, yc, tc);
            TP.Multiply(tc, yc, tc);
            var dc = dx.Slice(start, length);
            TP.MultiplyAdd(tc, g.Slice(start, length), dc, dc);
        }
    }

    /// <summary>dx += g / x, the derivative of log x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void LogBackward(ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> dx)
    {
        Span<double> t = stackalloc double[Chunk];
        for (int start = 0, length; start < dx.Length; start += length)
        {
            length = Math.Min(Chunk, dx.Length - start);
            var tc = t[..length];
            TP.Divide(g.Slice(start, length), x.Slice(start, length), tc);
            var dc = dx.Slice(start, length);
            TP.Add(dc, tc, dc);
        }
    }

    /// <summary>sum += each row of <paramref name="g"/> (rows × sum.Length), rows in order: the gradient of a broadcast row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddRows(ReadOnlySpan<double> g, Span<double> sum)
    {
        for (int start = 0; start < g.Length; start += sum.Length)
        {
            TP.Add(sum, g.Slice(start, sum.Length), sum);
        }
    }

    /// <summary>sum -= each row of <paramref name="g"/>, rows in order: the gradient of a subtracted broadcast row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SubtractRows(ReadOnlySpan<double> g, Span<double> sum)
    {
        for (int start = 0; start < g.Length; start += sum.Length)
        {
            TP.Subtract(sum, g.Slice(start, sum.Length), sum);
        }
    }

    /// <summary>sum += each row of g ⊙ x, rows in order: the gradient of a broadcast row in a product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddRowProducts(ReadOnlySpan<double> g, ReadOnlySpan<double> x, Span<double> sum)
    {
        for (int start = 0; start < g.Length; start += sum.Length)
        {
            TP.MultiplyAdd(g.Slice(start, sum.Length), x.Slice(start, sum.Length), sum, sum);
        }
    }

    /// <summary>
    /// y = softmax of each row of x (rows × cols). The row's maximum is subtracted before exponentiating, which
    /// changes nothing mathematically but keeps e^x finite for large logits such as 1000.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SoftmaxRows(ReadOnlySpan<double> x, Span<double> y, int cols)
    {
        for (int start = 0; start < x.Length; start += cols)
        {
            var row = x.Slice(start, cols);
            var outRow = y.Slice(start, cols);
            TP.Subtract(row, Reductions.Max(row), outRow);
            Transcendental.Exp(outRow, outRow);
            TP.Divide(outRow, Reductions.Sum(outRow), outRow);
        }
    }

    /// <summary>dx += y ⊙ (g - (g·y)) row by row, the softmax's Jacobian applied to g without building it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SoftmaxRowsBackward(ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> dx, int cols)
    {
        Span<double> t = cols <= Chunk ? stackalloc double[cols] : new double[cols];
        for (int start = 0; start < y.Length; start += cols)
        {
            var yRow = y.Slice(start, cols);
            var gRow = g.Slice(start, cols);
            var dRow = dx.Slice(start, cols);
            TP.Subtract(gRow, Reductions.Dot(gRow, yRow), t);
            TP.MultiplyAdd(yRow, t, dRow, dRow);
        }
    }

    /// <summary>out = xᵀ, where x is rows × cols, in square tiles so both sides are read a cache line at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Transpose(ReadOnlySpan<double> x, Span<double> result, int rows, int cols, bool accumulate)
    {
        const int Tile = 32;
        for (int r0 = 0; r0 < rows; r0 += Tile)
        {
            int r1 = Math.Min(rows, r0 + Tile);
            for (int c0 = 0; c0 < cols; c0 += Tile)
            {
                int c1 = Math.Min(cols, c0 + Tile);
                for (int r = r0; r < r1; r++)
                {
                    for (int c = c0; c < c1; c++)
                    {
                        if (accumulate)
                        {
                            result[(c * rows) + r] += x[(r * cols) + c];
                        }
                        else
                        {
                            result[(c * rows) + r] = x[(r * cols) + c];
                        }
                    }
                }
            }
        }
    }
}
