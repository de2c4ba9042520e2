using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Autograd.Kernels;

internal static partial class Gemm
{
    /// <summary>
    /// Columns of C per pass of the row updates over the rows: B's slice for them (KC × 128 doubles, 256 KB) stays in
    /// L2 while every row passes over it.
    /// </summary>
    private const int RowUpdateColumns = 128;

    /// <summary>
    /// The path for products that are not packed (thin ones, and every product on a machine without 256-bit vectors
    /// and FMA): row updates. C's row i gains A[i, p] times B's row p, for each p in order, <typeparamref name="T"/>.Count
    /// elements of the row at a time; <see cref="Product"/> runs it with the widest vectors the machine accelerates,
    /// and the tests at each width.
    /// </summary>
    /// <remarks>
    /// With a few columns and many rows, the vectors would have little to span across a row of C, so the transposed
    /// product Cᵀ = Bᵀ·Aᵀ is computed instead, with row updates across C's columns, in a temporary that starts from
    /// C (transposed) when accumulating. Each element is still the same chain of terms in the same order.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void RowUpdateProduct<T>(Operand a, Operand b, Span<double> c, int rows, int cols, int inner, bool accumulate)
        where T : struct, ILanes<T>
    {
        if (cols >= MinPackedSize || rows <= cols)
        {
            RowUpdates<T>(a, b, c, rows, cols, inner, accumulate);
            return;
        }

        double[] transposed = ArrayPool<double>.Shared.Rent(cols * rows);
        try
        {
            if (accumulate)
            {
                Transpose(c, cols, rows, cols, transposed, rows);
            }

            RowUpdates<T>(b.Transposed, a.Transposed, transposed, cols, rows, inner, accumulate);
            Transpose(transposed, rows, cols, rows, c, cols);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(transposed);
        }
    }

    /// <summary>C (+)= A·B by row updates, with B laid out row-major in a copy first unless its rows are contiguous.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowUpdates<T>(Operand a, Operand b, Span<double> c, int rows, int cols, int inner, bool accumulate)
        where T : struct, ILanes<T>
    {
        if (b.ColStride == 1)
        {
            RowUpdates<T>(a, b.Data, b.RowStride, c, rows, cols, inner, accumulate);
            return;
        }

        double[] copy = ArrayPool<double>.Shared.Rent(inner * cols);
        try
        {
            if (b.RowStride == 1)
            {
                // B read transposed: its columns are contiguous, so the copy is a transpose.
                Transpose(b.Data, b.ColStride, cols, inner, copy, cols);
            }
            else
            {
                for (int p = 0; p < inner; p++)
                {
                    for (int j = 0; j < cols; j++)
                    {
                        copy[(p * cols) + j] = b[p, j];
                    }
                }
            }

            RowUpdates<T>(a, copy, cols, c, rows, cols, inner, accumulate);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(copy);
        }
    }

    /// <summary>
    /// C (+)= A·B by row updates: for each row i of C and each p in increasing order, C's row i becomes
    /// fma(A[i, p], B's row p, C's row i), <typeparamref name="T"/>.Count columns at a time. B's rows are contiguous,
    /// <paramref name="ldb"/> apart.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The loops are arranged for registers and caches, not in the order the summary reads: two rows of C by four
    /// vectors of columns are held in eight accumulators while p runs over a KC-slice of the summed dimension, and
    /// only then stored; the next slice starts from them again. Eight independent chains keep both FMA units busy
    /// where one would wait out each FMA's latency, and columns are taken <see cref="RowUpdateColumns"/> at a time so
    /// that B's slice for them stays in cache. Each element still gets its terms in the order p = 0, 1, 2, ...
    /// </para>
    /// <para>
    /// When a block's columns are not a whole number of vectors, its last vector ends at the last column and overlaps
    /// the one before it. It is computed first, from C as it was, and stored last; the overlapped elements get the same
    /// bits both times. With an odd number of rows the last row is computed twice, as both rows of its pair: its
    /// chains run side by side, so this costs about what one row alone would, and it keeps one kernel.
    /// </para>
    /// <para>
    /// Never inlined, and compiled fully optimised at once: inlined into its callers, it once ran out of the JIT's
    /// inlining budget there, so that every FMA became a call and a 2×300·300×100 product ran 15 times slower.
    /// </para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RowUpdates<T>(Operand a, ReadOnlySpan<double> b, int ldb, Span<double> c, int rows, int cols, int inner, bool accumulate)
        where T : struct, ILanes<T>
    {
        if (cols < T.Count)
        {
            if (cols > 0)
            {
                RowUpdates<Lanes1>(a, b, ldb, c, rows, cols, inner, accumulate);
            }

            return;
        }

        int width = T.Count;
        int slices = Math.Max(1, (inner / KC) + (inner % KC == 0 ? 0 : 1));
        ref double a00 = ref MemoryMarshal.GetReference(a.Data);
        ref double b00 = ref MemoryMarshal.GetReference(b);
        ref double c00 = ref MemoryMarshal.GetReference(c);
        for (int j0 = 0, j1; j0 < cols; j0 = j1)
        {
            // The last block takes what remains, so no block is narrower than a vector.
            j1 = cols - j0 < 2 * RowUpdateColumns ? cols : j0 + RowUpdateColumns;
            bool overlap = (j1 - j0) % width != 0;
            for (int slice = 0; slice < slices; slice++)
            {
                int p0 = slice * KC;
                int kc = Math.Min(KC, inner - p0);

                // The first slice of a forward product starts from zero; every other one continues from C.
                bool fromC = accumulate || p0 > 0;
                ref double bSlice = ref Unsafe.Add(ref b00, (nint)p0 * ldb);
                for (int i0 = 0; i0 < rows; i0 += 2)
                {
                    int i1 = Math.Min(i0 + 1, rows - 1);
                    ref double a0 = ref Unsafe.Add(ref a00, ((nint)i0 * a.RowStride) + ((nint)p0 * a.ColStride));
                    ref double a1 = ref Unsafe.Add(ref a00, ((nint)i1 * a.RowStride) + ((nint)p0 * a.ColStride));
                    ref double c0 = ref Unsafe.Add(ref c00, (nint)i0 * cols);
                    ref double c1 = ref Unsafe.Add(ref c00, (nint)i1 * cols);
                    T last0 = default, last1 = default;
                    if (overlap)
                    {
                        (last0, last1) = Chains<T>(ref a0, ref a1, a.ColStride, ref bSlice, ldb, ref c0, ref c1, j1 - width, kc, fromC);
                    }

                    int jv = j0;
                    for (; jv + (4 * width) <= j1; jv += 4 * width)
                    {
                        FourChains<T>(ref a0, ref a1, a.ColStride, ref bSlice, ldb, ref c0, ref c1, jv, kc, fromC);
                    }

                    for (; jv + width <= j1; jv += width)
                    {
                        var (x0, x1) = Chains<T>(ref a0, ref a1, a.ColStride, ref bSlice, ldb, ref c0, ref c1, jv, kc, fromC);
                        T.Store(x0, ref Unsafe.Add(ref c0, jv));
                        T.Store(x1, ref Unsafe.Add(ref c1, jv));
                    }

                    if (overlap)
                    {
                        T.Store(last0, ref Unsafe.Add(ref c0, j1 - width));
                        T.Store(last1, ref Unsafe.Add(ref c1, j1 - width));
                    }
                }
            }
        }
    }

    /// <summary>
    /// Two rows of A (from <paramref name="a0"/> and <paramref name="a1"/>, <paramref name="aStep"/> apart along p)
    /// times the four vectors of B's columns that start at column <paramref name="j"/>: the two rows' four vectors of
    /// C there, each a chain of <paramref name="steps"/> FMAs starting from C when <paramref name="fromC"/> is set and
    /// from zero otherwise, stored when done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourChains<T>(ref double a0, ref double a1, int aStep, ref double b, int ldb, ref double c0, ref double c1, int j, int steps, bool fromC)
        where T : struct, ILanes<T>
    {
        int w = T.Count;
        b = ref Unsafe.Add(ref b, j);
        c0 = ref Unsafe.Add(ref c0, j);
        c1 = ref Unsafe.Add(ref c1, j);
        T zero = T.Create(0.0);
        T x00 = fromC ? T.Load(in c0) : zero;
        T x01 = fromC ? T.Load(in Unsafe.Add(ref c0, w)) : zero;
        T x02 = fromC ? T.Load(in Unsafe.Add(ref c0, 2 * w)) : zero;
        T x03 = fromC ? T.Load(in Unsafe.Add(ref c0, 3 * w)) : zero;
        T x10 = fromC ? T.Load(in c1) : zero;
        T x11 = fromC ? T.Load(in Unsafe.Add(ref c1, w)) : zero;
        T x12 = fromC ? T.Load(in Unsafe.Add(ref c1, 2 * w)) : zero;
        T x13 = fromC ? T.Load(in Unsafe.Add(ref c1, 3 * w)) : zero;
        for (int p = 0; p < steps; p++)
        {
            T ap0 = T.Create(a0);
            T ap1 = T.Create(a1);
            T bp0 = T.Load(in b);
            T bp1 = T.Load(in Unsafe.Add(ref b, w));
            T bp2 = T.Load(in Unsafe.Add(ref b, 2 * w));
            T bp3 = T.Load(in Unsafe.Add(ref b, 3 * w));
            x00 = T.FusedMultiplyAdd(ap0, bp0, x00);
            x01 = T.FusedMultiplyAdd(ap0, bp1, x01);
            x02 = T.FusedMultiplyAdd(ap0, bp2, x02);
            x03 = T.FusedMultiplyAdd(ap0, bp3, x03);
            x10 = T.FusedMultiplyAdd(ap1, bp0, x10);
            x11 = T.FusedMultiplyAdd(ap1, bp1, x11);
            x12 = T.FusedMultiplyAdd(ap1, bp2, x12);
            x13 = T.FusedMultiplyAdd(ap1, bp3, x13);
            a0 = ref Unsafe.Add(ref a0, aStep);
            a1 = ref Unsafe.Add(ref a1, aStep);
            b = ref Unsafe.Add(ref b, ldb);
        }

        T.Store(x00, ref c0);
        T.Store(x01, ref Unsafe.Add(ref c0, w));
        T.Store(x02, ref Unsafe.Add(ref c0, 2 * w));
        T.Store(x03, ref Unsafe.Add(ref c0, 3 * w));
        T.Store(x10, ref c1);
        T.Store(x11, ref Unsafe.Add(ref c1, w));
        T.Store(x12, ref Unsafe.Add(ref c1, 2 * w));
        T.Store(x13, ref Unsafe.Add(ref c1, 3 * w));
    }

    /// <summary>
    /// As <see cref="FourChains"/>, for one vector of columns, whose two results are returned rather than stored (the
    /// overlapping last vector of a block is stored only after the rest).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (T Row0, T Row1) Chains<T>(ref double a0, ref double a1, int aStep, ref double b, int ldb, ref double c0, ref double c1, int j, int steps, bool fromC)
        where T : struct, ILanes<T>
    {
        b = ref Unsafe.Add(ref b, j);
        T x0 = fromC ? T.Load(in Unsafe.Add(ref c0, j)) : T.Create(0.0);
        T x1 = fromC ? T.Load(in Unsafe.Add(ref c1, j)) : T.Create(0.0);
        for (int p = 0; p < steps; p++)
        {
            T bp = T.Load(in b);
            x0 = T.FusedMultiplyAdd(T.Create(a0), bp, x0);
            x1 = T.FusedMultiplyAdd(T.Create(a1), bp, x1);
            a0 = ref Unsafe.Add(ref a0, aStep);
            a1 = ref Unsafe.Add(ref a1, aStep);
            b = ref Unsafe.Add(ref b, ldb);
        }

        return (x0, x1);
    }

    /// <summary>
    /// Writes the transpose of the <paramref name="rows"/> × <paramref name="cols"/> matrix in <paramref name="source"/>
    /// (rows <paramref name="sourceStride"/> apart) into <paramref name="destination"/> (rows
    /// <paramref name="destinationStride"/> apart). Only moves doubles, so it never changes a bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Transpose(ReadOnlySpan<double> source, int sourceStride, int rows, int cols, Span<double> destination, int destinationStride)
    {
        fixed (double* src = source)
        fixed (double* dst = destination)
        {
            int i = 0;
            if (Avx.IsSupported)
            {
                for (; i + 4 <= rows; i += 4)
                {
                    int j = 0;
                    for (; j + 4 <= cols; j += 4)
                    {
                        Transpose4x4(src + ((long)i * sourceStride) + j, sourceStride, dst + ((long)j * destinationStride) + i, destinationStride);
                    }

                    for (; j < cols; j++)
                    {
                        for (int r = i; r < i + 4; r++)
                        {
                            dst[((long)j * destinationStride) + r] = src[((long)r * sourceStride) + j];
                        }
                    }
                }
            }

            for (; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    dst[((long)j * destinationStride) + i] = src[((long)i * sourceStride) + j];
                }
            }
        }
    }
}
