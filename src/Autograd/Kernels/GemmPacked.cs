using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Autograd.Kernels;

internal static partial class Gemm
{
    /// <summary>Rows of a microkernel tile.</summary>
    internal const int MR = 4;

    /// <summary>How much of the summed dimension a packed panel covers.</summary>
    internal const int KC = 256;

    /// <summary>Rows of A packed at a time (MC × KC doubles, 128 KB, in L2).</summary>
    internal const int MC = 64;

    /// <summary>
    /// Columns of C per pass over the row blocks: 16 panels of 12 (or 8 of 24, with 512-bit vectors), whose packed
    /// slice of B (KC × NC doubles, 384 KB) stays in L2 while the row blocks pass over it.
    /// </summary>
    internal const int NC = 192;

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
    /// Whether the packed path, when on, uses 512-bit vectors: by default wherever they are hardware accelerated.
    /// Tests turn it off to compare the two widths on one machine.
    /// </summary>
    internal static bool UseVector512
    {
        get => useVector512 ?? Vector512Supported;
        set => useVector512 = value && Vector512Supported;
    }

    private static bool SimdSupported => Vector256.IsHardwareAccelerated && Avx.IsSupported && Fma.IsSupported;

    private static bool Vector512Supported => SimdSupported && Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

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
        int panelWidth = UseVector512 ? TileColumns<Lanes8>() : TileColumns<Lanes4>();
        long panels = ((long)cols + panelWidth - 1) / panelWidth;
        return (panels * panelWidth * inner) + 8;
    }

    /// <summary>
    /// C (+)= A·B through packed panels and the <see cref="Microkernel"/>, in vectors of <typeparamref name="T"/>
    /// (256 or 512 bits, as <see cref="UseVector512"/> says; <see cref="PackedBLength"/> follows the same setting).
    /// </summary>
    /// <remarks>
    /// <para>
    /// The classic BLIS structure. B is packed once into panels of NR = <see cref="TileColumns"/> columns (12 doubles
    /// in 256-bit vectors, 24 in 512-bit ones), for each <see cref="KC"/>-long slice of the summed dimension. Blocks of
    /// <see cref="MC"/> rows of A are packed, one slice at a time, into panels of <see cref="MR"/> rows. The microkernel
    /// then computes an MR × NR tile of C from one A panel and one B panel, both read straight through, in order.
    /// </para>
    /// <para>
    /// Where the data sits matters as much as the arithmetic. A B panel (KC × NR doubles, 24 KB; 48 KB when wide) stays
    /// in L1 while the A panels of a block stream past it from L2. Columns are taken <see cref="NC"/> at a time, so the
    /// B panels in use (KC × NC doubles, 384 KB) also stay in the core's own L2 while every row block passes over them:
    /// the 32 MB L3 is shared with other machines' work, and a kernel that leans on it runs at whatever speed they leave.
    /// </para>
    /// <para>
    /// Threads split the rows of C, never the summed dimension, and each element is summed in the same order whichever
    /// thread computes it, so the result is bit-identical on any number of threads. The operands and C stay pinned
    /// until every thread is done, and the threads read them through pointers.
    /// </para>
    /// <para>
    /// Every offset here is computed in 64 bits or stays within an int: A (rows×inner), B (inner×cols) and C
    /// (rows×cols) each hold at most <see cref="Array.MaxLength"/> elements, and rows ≥ <see cref="MR"/>, cols and inner
    /// ≥ <see cref="MinPackedSize"/>, so each of rows, cols and inner is at most a quarter of that.
    /// </para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Packed<T>(Operand a, Operand b, Span<double> c, int rows, int cols, int inner, bool accumulate)
        where T : struct, ILanes<T>
    {
        int panels = (cols + TileColumns<T>() - 1) / TileColumns<T>();

        // The packed B: for each KC-slice of the summed dimension, its panels one after another.
        double[] packedB = ArrayPool<double>.Shared.Rent((int)PackedBLength(cols, inner));
        try
        {
            fixed (double* aStart = a.Data)
            fixed (double* bStart = b.Data)
            fixed (double* cStart = c)
            fixed (double* packedStart = packedB)
            {
                var job = new Job<T>(
                    new(aStart, a.RowStride, a.ColStride), new(bStart, b.RowStride, b.ColStride), Align(packedStart), cStart, cols, inner, panels, accumulate);
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

    /// <summary>
    /// How much of the summed dimension one packed slice covers: at most <see cref="KC"/>, in slices of equal length, so
    /// that 784 runs as four slices of 196 rather than three of 256 and a last one of 16 whose tiles would spend more
    /// time loading and storing C than multiplying. Where the slices end never changes a result: each element's chain
    /// of fused multiply-adds continues from one slice into the next.
    /// </summary>
    private static int SliceLength(int inner)
    {
        int slices = (inner + KC - 1) / KC;
        return (inner + slices - 1) / slices;
    }

    /// <summary>Where range <paramref name="range"/> of <paramref name="ranges"/> starts: a multiple of MR, or the end.</summary>
    private static int RangeStart(int range, int ranges, int rows) =>
        range == ranges ? rows : (int)((long)rows * range / ranges) / MR * MR;

    /// <summary>
    /// The general packing loop, for edges and odd strides: for each of <paramref name="count"/> steps along the summed
    /// dimension, copies the <paramref name="width"/> elements across (each <paramref name="acrossStride"/> apart),
    /// then zeros up to <paramref name="padded"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>The first 64-byte boundary at or after <paramref name="p"/> (a rented buffer has 8 spare doubles).</summary>
    private static unsafe double* Align(double* p) => (double*)(((nint)p + 63) & ~(nint)63);

    /// <summary>An <see cref="Operand"/> whose memory is pinned: what the threads of one product read.</summary>
    private readonly unsafe struct Pinned(double* data, int rowStride, int colStride)
    {
        public double* Data { get; } = data;

        public int RowStride { get; } = rowStride;

        public int ColStride { get; } = colStride;
    }

    /// <summary>One packed product: the operands, the packed B and C, shared by the threads that compute it.</summary>
    private readonly unsafe struct Job<T>(
        Pinned a, Pinned b, double* packedB, double* c, int cols, int inner, int panels, bool accumulate)
        where T : struct, ILanes<T>
    {
        /// <summary>
        /// Packs columns [jp·w, jp·w + w) of B, where w is the panel width (the microkernel's tile width), zero-padded,
        /// row by row, into panel <paramref name="jp"/> of every KC-slice: the slice starting at row p0 begins at
        /// p0·w·panels, and its panels are kc·w doubles each.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void PackBPanel(int jp)
        {
            int w = TileColumns<T>();
            int j0 = jp * w;
            int width = Math.Min(w, cols - j0);
            int slice = SliceLength(inner);
            for (int p0 = 0; p0 < inner; p0 += slice)
            {
                int kc = Math.Min(slice, inner - p0);
                double* panel = packedB + ((long)p0 * w * panels) + ((long)jp * kc * w);
                double* src = b.Data + ((long)p0 * b.RowStride) + ((long)j0 * b.ColStride);
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

        /// <summary>Computes rows [rowStart, rowEnd) of C, every column, over the whole summed dimension.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Rows(int rowStart, int rowEnd)
        {
            double[] packedA = ArrayPool<double>.Shared.Rent((MC * KC) + 8);
            try
            {
                fixed (double* aStart = packedA)
                {
                    double* pa = Align(aStart);
                    int w = TileColumns<T>();
                    int slice = SliceLength(inner);
                    for (int jc = 0; jc < panels; jc += NC / w)
                    {
                        int jcEnd = Math.Min(panels, jc + (NC / w));
                        for (int p0 = 0; p0 < inner; p0 += slice)
                        {
                            int kc = Math.Min(slice, inner - p0);

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
                                        Microkernel<T>(kc, pa + (r0 * kc), bPanel, cTile, cols, Math.Min(MR, mc - r0), Math.Min(w, cols - j0), add);
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
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void PackA(double* dst, int i0, int mc, int p0, int kc)
        {
            for (int r0 = 0; r0 < mc; r0 += MR)
            {
                double* src = a.Data + ((long)(i0 + r0) * a.RowStride) + ((long)p0 * a.ColStride);
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
