using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Autograd.Kernels;

/// <summary>
/// The matrix products behind <c>MatMul</c>: the forward C = A·B and the two backward products dA += dC·Bᵀ and
/// dB += Aᵀ·dC. All three are one routine, C (+)= A·B, that reads A and B through row and column strides, so a
/// transposed operand is just other strides (only the row-update path copies an operand, to make its rows contiguous).
/// </summary>
/// <remarks>
/// <para>
/// The result is the same, bit for bit, on every machine and every path. Each element of C is one chain of fused
/// multiply-adds over the summed dimension in increasing order, c = fma(A[i, p], B[p, j], c), starting from C's old
/// value when accumulating and from +0 otherwise: <see cref="ProductReference"/> is that triple loop, written plainly.
/// The packed microkernel, the row updates for thin shapes, the split between threads and the vector width the
/// machine offers (512, 256 or 128 bits, or none) all change how many elements are worked on at once and in which
/// order the elements are visited, never the order of the terms within an element, and every step is a fused
/// multiply-add, rounded once. So no sum is ever split into partial sums that are added afterwards.
/// </para>
/// <para>
/// The fast path is the classic BLIS structure. B is packed once into panels of <see cref="NR"/> columns, for each
/// <see cref="KC"/>-long slice of the summed dimension. Blocks of <see cref="MC"/> rows of A are packed, one slice at a
/// time, into panels of <see cref="MR"/> rows. A register-tiled microkernel then computes an MR × NR tile of C from
/// one A panel and one B panel, keeping the 12 sums in vector registers: 12 independent fused multiply-adds per step,
/// enough to keep both FMA units busy. Where 512-bit vectors run at full width (Zen 5), the same tile is made of
/// 512-bit vectors (<see cref="WideNR"/> columns) and the product runs about 1.8 times as fast; the panels of B are
/// packed that wide instead.
/// </para>
/// <para>
/// Where the data sits matters as much as the arithmetic. A B panel (KC × NR doubles, 24 KB; 48 KB when wide) stays
/// in L1 while the A panels of a block stream past it from L2. Columns are taken <see cref="NC"/> at a time, so the
/// B panels in use (KC × NC doubles, 384 KB) also stay in the core's own L2 while every row block passes over them:
/// the 32 MB L3 is shared with other machines' work, and a kernel that leans on it runs at whatever speed they leave.
/// </para>
/// <para>
/// Threads split the rows of C, never the summed dimension, and each element is summed in the same order whichever
/// thread computes it, so the result is bit-identical on any number of threads.
/// </para>
/// <para>
/// Products too thin to pack, and every product on a machine without 256-bit vectors and FMA, are row updates
/// (<see cref="RowUpdateProduct"/>): C's row i gains A[i, p] times B's row p, for each p in order, with the widest
/// vectors the machine accelerates (see <see cref="ILanes{TSelf}"/>).
/// </para>
/// </remarks>
internal static class Gemm
{
    /// <summary>Rows of a microkernel tile.</summary>
    internal const int MR = 4;

    /// <summary>Columns of a microkernel tile: three vectors of four doubles.</summary>
    internal const int NR = 12;

    /// <summary>Columns of the 512-bit microkernel's tile: three vectors of eight doubles.</summary>
    internal const int WideNR = 24;

    /// <summary>How much of the summed dimension a packed panel covers.</summary>
    internal const int KC = 256;

    /// <summary>Rows of A packed at a time (MC × KC doubles, 128 KB, in L2).</summary>
    internal const int MC = 64;

    /// <summary>
    /// Columns of C per pass over the row blocks: 16 panels of NR (or 8 of WideNR), whose packed slice of B
    /// (KC × NC doubles, 384 KB) stays in L2 while the row blocks pass over it.
    /// </summary>
    internal const int NC = 16 * NR;

    /// <summary>
    /// Columns of C per pass of the row updates over the rows: B's slice for them (KC × 128 doubles, 256 KB) stays in
    /// L2 while every row passes over it.
    /// </summary>
    private const int RowUpdateColumns = 128;

    /// <summary>Below this many multiply-adds (m·n·k) row updates beat packing.</summary>
    private const long PackThreshold = 4096;

    /// <summary>A product summing fewer terms than this, or with fewer columns, skips packing (see <see cref="Product"/>).</summary>
    private const int MinPackedSize = 8;

    /// <summary>
    /// Below this many multiply-adds (about 144³) a second thread costs more than it saves: measured, n = 128 ran
    /// no faster on two threads than on one.
    /// </summary>
    private const long ParallelThreshold = 3_000_000;

    [ThreadStatic]
    private static int? maxThreads;

    [ThreadStatic]
    private static bool? useSimd;

    [ThreadStatic]
    private static bool? useVector512;

    /// <summary>
    /// The most threads a product started on this thread may use (all cores unless set). Tests and benchmarks set it
    /// to show that results do not depend on it; it is per thread so that a test changing it affects no other.
    /// </summary>
    internal static int MaxThreads
    {
        get => maxThreads ?? Environment.ProcessorCount;
        set => maxThreads = value;
    }

    /// <summary>
    /// Whether products started on this thread use the packed vector microkernel: by default, wherever 256-bit vectors,
    /// their shuffles and fused multiply-add are hardware accelerated (it can only be on there). Tests turn it off to
    /// check that the other paths give the same bits.
    /// </summary>
    internal static bool UseSimd
    {
        get => useSimd ?? SimdSupported;
        set => useSimd = value && SimdSupported;
    }

    /// <summary>
    /// Whether the packed path, when on, uses the 512-bit microkernel: by default wherever 512-bit vectors are hardware
    /// accelerated. Tests turn it off to compare the two kernels on one machine.
    /// </summary>
    internal static bool UseVector512
    {
        get => useVector512 ?? Vector512Supported;
        set => useVector512 = value && Vector512Supported;
    }

    private static bool SimdSupported => Vector256.IsHardwareAccelerated && Avx.IsSupported && Fma.IsSupported;

    private static bool Vector512Supported => SimdSupported && Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>C (m×n) = A (m×k) · B (k×n), all row-major. C's earlier contents are never read.</summary>
    internal static void MatMul(double[] a, double[] b, double[] c, int m, int k, int n) =>
        Product(new(a, k, 1), new(b, n, 1), c, m, n, k, accumulate: false);

    /// <summary>dA (m×k) += dC (m×n) · Bᵀ, where B is k×n: Bᵀ is B read with its strides swapped.</summary>
    internal static void AddTimesTransposed(double[] dc, double[] b, double[] da, int m, int k, int n) =>
        Product(new(dc, n, 1), new(b, 1, n), da, m, k, n, accumulate: true);

    /// <summary>dB (k×n) += Aᵀ · dC (m×n), where A is m×k: Aᵀ is A read with its strides swapped.</summary>
    internal static void AddTransposedTimes(double[] a, double[] dc, double[] db, int m, int k, int n) =>
        Product(new(a, 1, k), new(dc, n, 1), db, k, n, m, accumulate: true);

    /// <summary>
    /// C (rows×cols, row-major) = A (rows×inner) · B (inner×cols), or C += A·B when <paramref name="accumulate"/> is
    /// set; A and B are read through strides. Every path gives the bits of <see cref="ProductReference"/>.
    /// </summary>
    internal static void Product(Operand a, Operand b, double[] c, int rows, int cols, int inner, bool accumulate)
    {
        // The products of a small network (2 features in, 3 classes out, a few hundred rows) are thin in one
        // dimension: packing them would cost more than their arithmetic, and the tiles would be mostly padding.
        if (UseSimd && rows >= MR && cols >= MinPackedSize && inner >= MinPackedSize && (long)rows * cols * inner >= PackThreshold
            && PackedBLength(cols, inner) <= Array.MaxLength)
        {
            Packed(a, b, c, rows, cols, inner, accumulate);
        }
        else if (Lanes8.IsAccelerated)
        {
            RowUpdateProduct<Lanes8>(a, b, c, rows, cols, inner, accumulate);
        }
        else if (Lanes4.IsAccelerated)
        {
            RowUpdateProduct<Lanes4>(a, b, c, rows, cols, inner, accumulate);
        }
        else if (Lanes2.IsAccelerated)
        {
            RowUpdateProduct<Lanes2>(a, b, c, rows, cols, inner, accumulate);
        }
        else
        {
            RowUpdateProduct<Lanes1>(a, b, c, rows, cols, inner, accumulate);
        }
    }

    /// <summary>
    /// The algorithmic reference for <see cref="Product"/>, and the oracle its tests compare with: each element of C
    /// is one chain of fused multiply-adds over p in increasing order, starting from C's old value when
    /// <paramref name="accumulate"/> is set and from +0 otherwise. The fast paths arrange the loops differently, but
    /// every one of them forms each element by exactly this chain, so they all give these bits.
    /// </summary>
    internal static void ProductReference(Operand a, Operand b, double[] c, int rows, int cols, int inner, bool accumulate)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double sum = accumulate ? c[(i * cols) + j] : 0.0;
                for (int p = 0; p < inner; p++)
                {
                    double aip = a.Data[(i * a.RowStride) + (p * a.ColStride)];
                    double bpj = b.Data[(p * b.RowStride) + (j * b.ColStride)];
                    sum = Math.FusedMultiplyAdd(aip, bpj, sum);
                }

                c[(i * cols) + j] = sum;
            }
        }
    }

    /// <summary>
    /// The path for products that are not packed (thin ones, and every product on a machine without 256-bit vectors
    /// and FMA): row updates, <typeparamref name="T"/>.Count elements of a row at a time. Tests run it at each width.
    /// </summary>
    /// <remarks>
    /// With a few columns and many rows, the vectors would have little to span across a row of C, so the transposed
    /// product Cᵀ = Bᵀ·Aᵀ is computed instead, with row updates across C's columns, in a temporary that starts from
    /// C (transposed) when accumulating. Each element is still the same chain of terms in the same order.
    /// </remarks>
    internal static void RowUpdateProduct<T>(Operand a, Operand b, double[] c, int rows, int cols, int inner, bool accumulate)
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
    private static void RowUpdates<T>(Operand a, Operand b, double[] c, int rows, int cols, int inner, bool accumulate)
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
                        copy[(p * cols) + j] = b.Data[(p * b.RowStride) + (j * b.ColStride)];
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
    private static void RowUpdates<T>(Operand a, double[] b, int ldb, double[] c, int rows, int cols, int inner, bool accumulate)
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
        ref double a00 = ref MemoryMarshal.GetArrayDataReference(a.Data);
        ref double b00 = ref MemoryMarshal.GetArrayDataReference(b);
        ref double c00 = ref MemoryMarshal.GetArrayDataReference(c);
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
    private static unsafe void Transpose(double[] source, int sourceStride, int rows, int cols, double[] destination, int destinationStride)
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

    /// <summary>
    /// Whether a product of this shape, started on this thread, is split between threads: only when vectors are on,
    /// it is large enough to pay, and C has more than one block of rows. The split never changes the result.
    /// </summary>
    internal static bool UsesThreads(int rows, int cols, int inner) =>
        UseSimd && MaxThreads > 1 && rows > MC && (long)rows * cols * inner >= ParallelThreshold;

    /// <summary>
    /// The length of the array <see cref="Packed"/> packs B into: B's columns rounded up to whole panels, times the
    /// summed length, and 8 doubles to align it. It can exceed B's own length by the padding, so it is computed in
    /// 64 bits; a product whose packed B would not fit in one array runs as row updates instead, with the same bits.
    /// </summary>
    internal static long PackedBLength(int cols, int inner)
    {
        int panelWidth = UseVector512 ? WideNR : NR;
        long panels = ((long)cols + panelWidth - 1) / panelWidth;
        return (panels * panelWidth * inner) + 8;
    }

    /// <summary>C (+)= A·B through packed panels and the microkernel, as the class remarks describe.</summary>
    /// <remarks>
    /// Every offset here is computed in 64 bits or stays within an int: A (rows×inner), B (inner×cols) and C
    /// (rows×cols) each hold at most <see cref="Array.MaxLength"/> elements, and rows ≥ <see cref="MR"/>, cols and inner
    /// ≥ <see cref="MinPackedSize"/>, so each of rows, cols and inner is at most a quarter of that.
    /// </remarks>
    private static unsafe void Packed(Operand a, Operand b, double[] c, int rows, int cols, int inner, bool accumulate)
    {
        int panelWidth = UseVector512 ? WideNR : NR;
        int panels = (cols + panelWidth - 1) / panelWidth;

        // The packed B: for each KC-slice of the summed dimension, its panels one after another.
        double[] packedB = ArrayPool<double>.Shared.Rent((int)PackedBLength(cols, inner));
        try
        {
            fixed (double* bStart = packedB)
            fixed (double* cStart = c)
            {
                var job = new Job(a, b, Align(bStart), cStart, cols, inner, panelWidth, panels, accumulate);
                if (UsesThreads(rows, cols, inner))
                {
                    // Each thread takes one contiguous range of rows, so it reuses the B panels in its own L2.
                    int ranges = Math.Min(MaxThreads, (rows + MC - 1) / MC);
                    var options = new ParallelOptions { MaxDegreeOfParallelism = MaxThreads };
                    Parallel.For(0, panels, options, job.PackBPanel);
                    Parallel.For(0, ranges, options, range => job.Rows(RangeStart(range, ranges, rows), RangeStart(range + 1, ranges, rows)));
                }
                else
                {
                    for (int jp = 0; jp < panels; jp++)
                    {
                        job.PackBPanel(jp);
                    }

                    job.Rows(0, rows);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(packedB);
        }
    }

    /// <summary>Where range <paramref name="range"/> of <paramref name="ranges"/> starts: a multiple of MR, or the end.</summary>
    private static int RangeStart(int range, int ranges, int rows) =>
        range == ranges ? rows : (int)((long)rows * range / ranges) / MR * MR;

    /// <summary>One packed product: the operands, the packed B and C, shared by the threads that compute it.</summary>
    private readonly unsafe struct Job(
        Operand a, Operand b, double* packedB, double* c, int cols, int inner, int panelWidth, int panels, bool accumulate)
    {
        /// <summary>
        /// Packs columns [jp·w, jp·w + w) of B, where w is the panel width (the microkernel's tile width), zero-padded,
        /// row by row, into panel <paramref name="jp"/> of every KC-slice: the slice starting at row p0 begins at
        /// p0·w·panels, and its panels are kc·w doubles each.
        /// </summary>
        public void PackBPanel(int jp)
        {
            int w = panelWidth;
            int j0 = jp * w;
            int width = Math.Min(w, cols - j0);
            fixed (double* data = b.Data)
            {
                for (int p0 = 0; p0 < inner; p0 += KC)
                {
                    int kc = Math.Min(KC, inner - p0);
                    double* panel = packedB + ((long)p0 * w * panels) + ((long)jp * kc * w);
                    double* src = data + ((long)p0 * b.RowStride) + ((long)j0 * b.ColStride);
                    if (width == w && b.ColStride == 1)
                    {
                        // Row-major B: each row of the panel is w contiguous doubles.
                        for (int p = 0; p < kc; p++)
                        {
                            double* row = src + ((long)p * b.RowStride);
                            for (int j = 0; j < w; j += 4)
                            {
                                Vector256.Store(Vector256.Load(row + j), panel + j);
                            }

                            panel += w;
                        }
                    }
                    else if (width == w && b.RowStride == 1)
                    {
                        // B read transposed: its columns are contiguous, so 4×4 blocks are transposed into rows.
                        int p = 0;
                        for (; p + 4 <= kc; p += 4)
                        {
                            for (int j = 0; j < w; j += 4)
                            {
                                Transpose4x4(src + p + ((long)j * b.ColStride), b.ColStride, panel + (p * w) + j, w);
                            }
                        }

                        PackAcross(src + p, b.ColStride, b.RowStride, w, kc - p, panel + (p * w), w);
                    }
                    else
                    {
                        PackAcross(src, b.ColStride, b.RowStride, width, kc, panel, w);
                    }
                }
            }
        }

        /// <summary>Computes rows [rowStart, rowEnd) of C, every column, over the whole summed dimension.</summary>
        public void Rows(int rowStart, int rowEnd)
        {
            double[] packedA = ArrayPool<double>.Shared.Rent((MC * KC) + 8);
            try
            {
                fixed (double* aStart = packedA)
                {
                    double* pa = Align(aStart);
                    int w = panelWidth;
                    for (int jc = 0; jc < panels; jc += NC / w)
                    {
                        int jcEnd = Math.Min(panels, jc + (NC / w));
                        for (int p0 = 0; p0 < inner; p0 += KC)
                        {
                            int kc = Math.Min(KC, inner - p0);

                            // The first slice writes C; later slices (and backward products) add to it.
                            bool add = accumulate || p0 > 0;
                            double* bSlice = packedB + ((long)p0 * w * panels);
                            for (int i0 = rowStart; i0 < rowEnd; i0 += MC)
                            {
                                int mc = Math.Min(MC, rowEnd - i0);
                                PackA(pa, i0, mc, p0, kc);
                                for (int jp = jc; jp < jcEnd; jp++)
                                {
                                    int j0 = jp * w;
                                    double* bPanel = bSlice + ((long)jp * kc * w);
                                    for (int r0 = 0; r0 < mc; r0 += MR)
                                    {
                                        double* cTile = c + ((long)(i0 + r0) * cols) + j0;
                                        int mr = Math.Min(MR, mc - r0);
                                        int nr = Math.Min(w, cols - j0);
                                        if (w == WideNR)
                                        {
                                            WideMicrokernel(kc, pa + (r0 * kc), bPanel, cTile, cols, mr, nr, add);
                                        }
                                        else
                                        {
                                            Microkernel(kc, pa + (r0 * kc), bPanel, cTile, cols, mr, nr, add);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(packedA);
            }
        }

        /// <summary>Packs A's rows [i0, i0 + mc) × columns [p0, p0 + kc) as panels of MR rows, column by column, zero-padded.</summary>
        private void PackA(double* dst, int i0, int mc, int p0, int kc)
        {
            fixed (double* data = a.Data)
            {
                for (int r0 = 0; r0 < mc; r0 += MR)
                {
                    double* src = data + ((long)(i0 + r0) * a.RowStride) + ((long)p0 * a.ColStride);
                    int mr = Math.Min(MR, mc - r0);
                    if (mr == MR && a.ColStride == 1)
                    {
                        // Row-major A: 4×4 blocks, each transposed so that one column of the four rows is one store.
                        int p = 0;
                        for (; p + 4 <= kc; p += 4)
                        {
                            Transpose4x4(src + p, a.RowStride, dst + (p * MR), MR);
                        }

                        PackAcross(src + p, a.RowStride, a.ColStride, MR, kc - p, dst + (p * MR), MR);
                    }
                    else if (mr == MR && a.RowStride == 1)
                    {
                        // A read transposed: the four rows of a column are already next to each other.
                        for (int p = 0; p < kc; p++)
                        {
                            Vector256.Store(Vector256.Load(src + ((long)p * a.ColStride)), dst + (p * MR));
                        }
                    }
                    else
                    {
                        PackAcross(src, a.RowStride, a.ColStride, mr, kc, dst, MR);
                    }

                    dst += kc * MR;
                }
            }
        }
    }

    /// <summary>
    /// The general packing loop, for edges and odd strides: for each of <paramref name="count"/> steps along the summed
    /// dimension, copies the <paramref name="width"/> elements across (each <paramref name="acrossStride"/> apart),
    /// then zeros up to <paramref name="padded"/>.
    /// </summary>
    private static unsafe void PackAcross(double* src, int acrossStride, int alongStride, int width, int count, double* dst, int padded)
    {
        for (int p = 0; p < count; p++)
        {
            double* at = src + ((long)p * alongStride);
            for (int r = 0; r < padded; r++)
            {
                dst[r] = r < width ? at[(long)r * acrossStride] : 0;
            }

            dst += padded;
        }
    }

    /// <summary>
    /// Reads four rows of four doubles (row r at <paramref name="src"/> + r·<paramref name="stride"/>) and writes them
    /// transposed: element q of the four rows, side by side, at <paramref name="dst"/> + q·<paramref name="dstStride"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transpose4x4(double* src, int stride, double* dst, int dstStride)
    {
        var r0 = Vector256.Load(src);
        var r1 = Vector256.Load(src + stride);
        var r2 = Vector256.Load(src + (2L * stride));
        var r3 = Vector256.Load(src + (3L * stride));
        var low01 = Avx.UnpackLow(r0, r1);
        var high01 = Avx.UnpackHigh(r0, r1);
        var low23 = Avx.UnpackLow(r2, r3);
        var high23 = Avx.UnpackHigh(r2, r3);
        Vector256.Store(Avx.Permute2x128(low01, low23, 0x20), dst);
        Vector256.Store(Avx.Permute2x128(high01, high23, 0x20), dst + dstStride);
        Vector256.Store(Avx.Permute2x128(low01, low23, 0x31), dst + (2L * dstStride));
        Vector256.Store(Avx.Permute2x128(high01, high23, 0x31), dst + (3L * dstStride));
    }

    /// <summary>
    /// C[0..mr, 0..nr) (+)= (MR-row panel of A)·(NR-column panel of B) over kc steps. The 12 vectors of the tile live
    /// in registers: they start from C's tile when <paramref name="add"/> is set (a backward product, or a slice of
    /// the summed dimension after the first) and from zero otherwise, take one fused multiply-add per step, and are
    /// stored back. So each element continues the one chain of FMAs that <see cref="ProductReference"/> forms, across
    /// slices, and no partial sum is ever added to C separately. A full tile is read and written in place; an edge
    /// tile goes through a small buffer.
    /// </summary>
    /// <remarks>
    /// The loop body is written out four times: with one step per iteration, the loop's own counting and branching
    /// held the kernel to about 0.75 of the FMA peak; four steps per iteration measured 0.85-0.90.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Microkernel(int kc, double* a, double* b, double* c, nint ldc, int mr, int nr, bool add)
    {
        double* tile = c;
        nint ldt = ldc;
        if (mr < MR || nr < NR)
        {
            double* buffer = stackalloc double[MR * NR];
            if (add)
            {
                for (int r = 0; r < mr; r++)
                {
                    for (int j = 0; j < nr; j++)
                    {
                        buffer[(r * NR) + j] = c[(r * ldc) + j];
                    }
                }
            }

            tile = buffer;
            ldt = NR;
        }

        Vector256<double> c00 = default, c01 = default, c02 = default;
        Vector256<double> c10 = default, c11 = default, c12 = default;
        Vector256<double> c20 = default, c21 = default, c22 = default;
        Vector256<double> c30 = default, c31 = default, c32 = default;
        if (add)
        {
            (c00, c01, c02) = LoadRow(tile);
            (c10, c11, c12) = LoadRow(tile + ldt);
            (c20, c21, c22) = LoadRow(tile + (2 * ldt));
            (c30, c31, c32) = LoadRow(tile + (3 * ldt));
        }

        Vector256<double> b0, b1, b2, ai;
        int p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            b0 = Vector256.Load(b);
            b1 = Vector256.Load(b + 4);
            b2 = Vector256.Load(b + 8);
            ai = Vector256.Create(a[0]);
            c00 = MultiplyAdd(ai, b0, c00);
            c01 = MultiplyAdd(ai, b1, c01);
            c02 = MultiplyAdd(ai, b2, c02);
            ai = Vector256.Create(a[1]);
            c10 = MultiplyAdd(ai, b0, c10);
            c11 = MultiplyAdd(ai, b1, c11);
            c12 = MultiplyAdd(ai, b2, c12);
            ai = Vector256.Create(a[2]);
            c20 = MultiplyAdd(ai, b0, c20);
            c21 = MultiplyAdd(ai, b1, c21);
            c22 = MultiplyAdd(ai, b2, c22);
            ai = Vector256.Create(a[3]);
            c30 = MultiplyAdd(ai, b0, c30);
            c31 = MultiplyAdd(ai, b1, c31);
            c32 = MultiplyAdd(ai, b2, c32);

            b0 = Vector256.Load(b + 12);
            b1 = Vector256.Load(b + 16);
            b2 = Vector256.Load(b + 20);
            ai = Vector256.Create(a[4]);
            c00 = MultiplyAdd(ai, b0, c00);
            c01 = MultiplyAdd(ai, b1, c01);
            c02 = MultiplyAdd(ai, b2, c02);
            ai = Vector256.Create(a[5]);
            c10 = MultiplyAdd(ai, b0, c10);
            c11 = MultiplyAdd(ai, b1, c11);
            c12 = MultiplyAdd(ai, b2, c12);
            ai = Vector256.Create(a[6]);
            c20 = MultiplyAdd(ai, b0, c20);
            c21 = MultiplyAdd(ai, b1, c21);
            c22 = MultiplyAdd(ai, b2, c22);
            ai = Vector256.Create(a[7]);
            c30 = MultiplyAdd(ai, b0, c30);
            c31 = MultiplyAdd(ai, b1, c31);
            c32 = MultiplyAdd(ai, b2, c32);

            b0 = Vector256.Load(b + 24);
            b1 = Vector256.Load(b + 28);
            b2 = Vector256.Load(b + 32);
            ai = Vector256.Create(a[8]);
            c00 = MultiplyAdd(ai, b0, c00);
            c01 = MultiplyAdd(ai, b1, c01);
            c02 = MultiplyAdd(ai, b2, c02);
            ai = Vector256.Create(a[9]);
            c10 = MultiplyAdd(ai, b0, c10);
            c11 = MultiplyAdd(ai, b1, c11);
            c12 = MultiplyAdd(ai, b2, c12);
            ai = Vector256.Create(a[10]);
            c20 = MultiplyAdd(ai, b0, c20);
            c21 = MultiplyAdd(ai, b1, c21);
            c22 = MultiplyAdd(ai, b2, c22);
            ai = Vector256.Create(a[11]);
            c30 = MultiplyAdd(ai, b0, c30);
            c31 = MultiplyAdd(ai, b1, c31);
            c32 = MultiplyAdd(ai, b2, c32);

            b0 = Vector256.Load(b + 36);
            b1 = Vector256.Load(b + 40);
            b2 = Vector256.Load(b + 44);
            ai = Vector256.Create(a[12]);
            c00 = MultiplyAdd(ai, b0, c00);
            c01 = MultiplyAdd(ai, b1, c01);
            c02 = MultiplyAdd(ai, b2, c02);
            ai = Vector256.Create(a[13]);
            c10 = MultiplyAdd(ai, b0, c10);
            c11 = MultiplyAdd(ai, b1, c11);
            c12 = MultiplyAdd(ai, b2, c12);
            ai = Vector256.Create(a[14]);
            c20 = MultiplyAdd(ai, b0, c20);
            c21 = MultiplyAdd(ai, b1, c21);
            c22 = MultiplyAdd(ai, b2, c22);
            ai = Vector256.Create(a[15]);
            c30 = MultiplyAdd(ai, b0, c30);
            c31 = MultiplyAdd(ai, b1, c31);
            c32 = MultiplyAdd(ai, b2, c32);
            a += 4 * MR;
            b += 4 * NR;
        }

        for (; p < kc; p++)
        {
            b0 = Vector256.Load(b);
            b1 = Vector256.Load(b + 4);
            b2 = Vector256.Load(b + 8);
            ai = Vector256.Create(a[0]);
            c00 = MultiplyAdd(ai, b0, c00);
            c01 = MultiplyAdd(ai, b1, c01);
            c02 = MultiplyAdd(ai, b2, c02);
            ai = Vector256.Create(a[1]);
            c10 = MultiplyAdd(ai, b0, c10);
            c11 = MultiplyAdd(ai, b1, c11);
            c12 = MultiplyAdd(ai, b2, c12);
            ai = Vector256.Create(a[2]);
            c20 = MultiplyAdd(ai, b0, c20);
            c21 = MultiplyAdd(ai, b1, c21);
            c22 = MultiplyAdd(ai, b2, c22);
            ai = Vector256.Create(a[3]);
            c30 = MultiplyAdd(ai, b0, c30);
            c31 = MultiplyAdd(ai, b1, c31);
            c32 = MultiplyAdd(ai, b2, c32);
            a += MR;
            b += NR;
        }

        StoreRow(tile, c00, c01, c02);
        StoreRow(tile + ldt, c10, c11, c12);
        StoreRow(tile + (2 * ldt), c20, c21, c22);
        StoreRow(tile + (3 * ldt), c30, c31, c32);
        if (tile != c)
        {
            for (int r = 0; r < mr; r++)
            {
                for (int j = 0; j < nr; j++)
                {
                    c[(r * ldc) + j] = tile[(r * NR) + j];
                }
            }
        }
    }

    /// <summary>x·y + sum with a single rounding (the packed path runs only where FMA is in hardware).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> MultiplyAdd(Vector256<double> x, Vector256<double> y, Vector256<double> sum) =>
        Vector256.FusedMultiplyAdd(x, y, sum);

    /// <summary>Loads one row of a tile, three vectors, from <paramref name="c"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe (Vector256<double>, Vector256<double>, Vector256<double>) LoadRow(double* c) =>
        (Vector256.Load(c), Vector256.Load(c + 4), Vector256.Load(c + 8));

    /// <summary>Stores one row of a tile, three vectors, at <paramref name="c"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(double* c, Vector256<double> v0, Vector256<double> v1, Vector256<double> v2)
    {
        Vector256.Store(v0, c);
        Vector256.Store(v1, c + 4);
        Vector256.Store(v2, c + 8);
    }

    /// <summary>
    /// The same as <see cref="Microkernel"/> with 512-bit vectors: an MR × <see cref="WideNR"/> tile of twelve vectors of
    /// eight doubles, where the machine runs them at full width (it doubles the FMA rate on Zen 5). Each element goes
    /// through the same chain of FMAs as in the 256-bit kernel, so the two give the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void WideMicrokernel(int kc, double* a, double* b, double* c, nint ldc, int mr, int nr, bool add)
    {
        double* tile = c;
        nint ldt = ldc;
        if (mr < MR || nr < WideNR)
        {
            double* buffer = stackalloc double[MR * WideNR];
            if (add)
            {
                for (int r = 0; r < mr; r++)
                {
                    for (int j = 0; j < nr; j++)
                    {
                        buffer[(r * WideNR) + j] = c[(r * ldc) + j];
                    }
                }
            }

            tile = buffer;
            ldt = WideNR;
        }

        Vector512<double> c00 = default, c01 = default, c02 = default;
        Vector512<double> c10 = default, c11 = default, c12 = default;
        Vector512<double> c20 = default, c21 = default, c22 = default;
        Vector512<double> c30 = default, c31 = default, c32 = default;
        if (add)
        {
            (c00, c01, c02) = LoadWideRow(tile);
            (c10, c11, c12) = LoadWideRow(tile + ldt);
            (c20, c21, c22) = LoadWideRow(tile + (2 * ldt));
            (c30, c31, c32) = LoadWideRow(tile + (3 * ldt));
        }

        Vector512<double> b0, b1, b2, ai;
        int p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            b0 = Vector512.Load(b);
            b1 = Vector512.Load(b + 8);
            b2 = Vector512.Load(b + 16);
            ai = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(ai, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(ai, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(ai, b2, c02);
            ai = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(ai, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(ai, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(ai, b2, c12);
            ai = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(ai, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(ai, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(ai, b2, c22);
            ai = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(ai, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(ai, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(ai, b2, c32);

            b0 = Vector512.Load(b + 24);
            b1 = Vector512.Load(b + 32);
            b2 = Vector512.Load(b + 40);
            ai = Vector512.Create(a[4]);
            c00 = Vector512.FusedMultiplyAdd(ai, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(ai, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(ai, b2, c02);
            ai = Vector512.Create(a[5]);
            c10 = Vector512.FusedMultiplyAdd(ai, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(ai, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(ai, b2, c12);
            ai = Vector512.Create(a[6]);
            c20 = Vector512.FusedMultiplyAdd(ai, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(ai, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(ai, b2, c22);
            ai = Vector512.Create(a[7]);
            c30 = Vector512.FusedMultiplyAdd(ai, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(ai, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(ai, b2, c32);

            b0 = Vector512.Load(b + 48);
            b1 = Vector512.Load(b + 56);
            b2 = Vector512.Load(b + 64);
            ai = Vector512.Create(a[8]);
            c00 = Vector512.FusedMultiplyAdd(ai, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(ai, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(ai, b2, c02);
            ai = Vector512.Create(a[9]);
            c10 = Vector512.FusedMultiplyAdd(ai, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(ai, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(ai, b2, c12);
            ai = Vector512.Create(a[10]);
            c20 = Vector512.FusedMultiplyAdd(ai, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(ai, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(ai, b2, c22);
            ai = Vector512.Create(a[11]);
            c30 = Vector512.FusedMultiplyAdd(ai, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(ai, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(ai, b2, c32);

            b0 = Vector512.Load(b + 72);
            b1 = Vector512.Load(b + 80);
            b2 = Vector512.Load(b + 88);
            ai = Vector512.Create(a[12]);
            c00 = Vector512.FusedMultiplyAdd(ai, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(ai, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(ai, b2, c02);
            ai = Vector512.Create(a[13]);
            c10 = Vector512.FusedMultiplyAdd(ai, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(ai, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(ai, b2, c12);
            ai = Vector512.Create(a[14]);
            c20 = Vector512.FusedMultiplyAdd(ai, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(ai, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(ai, b2, c22);
            ai = Vector512.Create(a[15]);
            c30 = Vector512.FusedMultiplyAdd(ai, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(ai, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(ai, b2, c32);
            a += 4 * MR;
            b += 4 * WideNR;
        }

        for (; p < kc; p++)
        {
            b0 = Vector512.Load(b);
            b1 = Vector512.Load(b + 8);
            b2 = Vector512.Load(b + 16);
            ai = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(ai, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(ai, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(ai, b2, c02);
            ai = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(ai, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(ai, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(ai, b2, c12);
            ai = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(ai, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(ai, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(ai, b2, c22);
            ai = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(ai, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(ai, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(ai, b2, c32);
            a += MR;
            b += WideNR;
        }

        StoreWideRow(tile, c00, c01, c02);
        StoreWideRow(tile + ldt, c10, c11, c12);
        StoreWideRow(tile + (2 * ldt), c20, c21, c22);
        StoreWideRow(tile + (3 * ldt), c30, c31, c32);
        if (tile != c)
        {
            for (int r = 0; r < mr; r++)
            {
                for (int j = 0; j < nr; j++)
                {
                    c[(r * ldc) + j] = tile[(r * WideNR) + j];
                }
            }
        }
    }

    /// <summary>Loads one row of a wide tile, three vectors, from <paramref name="c"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe (Vector512<double>, Vector512<double>, Vector512<double>) LoadWideRow(double* c) =>
        (Vector512.Load(c), Vector512.Load(c + 8), Vector512.Load(c + 16));

    /// <summary>Stores one row of a wide tile, three vectors, at <paramref name="c"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreWideRow(double* c, Vector512<double> v0, Vector512<double> v1, Vector512<double> v2)
    {
        Vector512.Store(v0, c);
        Vector512.Store(v1, c + 8);
        Vector512.Store(v2, c + 16);
    }

    /// <summary>The first 64-byte boundary at or after <paramref name="p"/> (a rented buffer has 8 spare doubles).</summary>
    private static unsafe double* Align(double* p) => (double*)(((nint)p + 63) & ~(nint)63);

    /// <summary>A matrix operand read through strides: element (i, j) is at <c>Data[i·RowStride + j·ColStride]</c>.</summary>
    internal readonly record struct Operand(double[] Data, int RowStride, int ColStride)
    {
        /// <summary>Gets the transposed matrix: the same data with the strides swapped.</summary>
        public Operand Transposed => new(Data, ColStride, RowStride);
    }
}
