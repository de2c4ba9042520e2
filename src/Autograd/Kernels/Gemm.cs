using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd.Kernels;

/// <summary>
/// The matrix products behind <c>MatMul</c>: the forward C = A·B and the two backward products dA += dC·Bᵀ and
/// dB += Aᵀ·dC. All three are one routine, C += A·B, that reads A and B through row and column strides, so a
/// transposed operand is just other strides and no transposed copy is ever made.
/// </summary>
/// <remarks>
/// <para>
/// The fast path is the classic BLIS structure. B is packed once into panels of <see cref="NR"/> columns; each block
/// of <see cref="MC"/> rows of A is packed, <see cref="KC"/> columns at a time, into panels of <see cref="MR"/> rows.
/// A register-tiled microkernel then computes an MR × NR tile of C from one A panel and one B panel, keeping the
/// 12 sums in vector registers: 12 independent fused multiply-adds per step, enough to keep both FMA units busy.
/// A B panel (KC × NR doubles, 24 KB) stays in L1 while every A panel of the block streams past it from L2.
/// </para>
/// <para>
/// Threads split the rows of C (blocks of MC rows), never the summed dimension, and each element is summed in the
/// same order whichever thread computes it, so the result is bit-identical on any number of threads.
/// </para>
/// </remarks>
internal static class Gemm
{
    /// <summary>Rows of a microkernel tile.</summary>
    internal const int MR = 4;

    /// <summary>Columns of a microkernel tile: three vectors of four doubles.</summary>
    internal const int NR = 12;

    /// <summary>How much of the summed dimension a packed panel covers.</summary>
    internal const int KC = 256;

    /// <summary>Rows of C per block: the unit of work a thread takes.</summary>
    internal const int MC = 64;

    /// <summary>Below this many multiply-adds (m·n·k) a plain loop beats packing.</summary>
    private const long PackThreshold = 4096;

    /// <summary>
    /// Below this many multiply-adds (about 144³) a second thread costs more than it saves: measured, n = 128 ran
    /// no faster on two threads than on one.
    /// </summary>
    private const long ParallelThreshold = 3_000_000;

    [ThreadStatic]
    private static int? maxThreads;

    [ThreadStatic]
    private static bool? useSimd;

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
    /// Whether products started on this thread use the vector microkernel; by default, wherever 256-bit vectors are
    /// hardware accelerated. Tests turn it off to check the fallback.
    /// </summary>
    internal static bool UseSimd
    {
        get => useSimd ?? Vector256.IsHardwareAccelerated;
        set => useSimd = value;
    }

    /// <summary>C (m×n) = A (m×k) · B (k×n), all row-major.</summary>
    internal static void MatMul(double[] a, double[] b, double[] c, int m, int k, int n)
    {
        Array.Clear(c, 0, m * n);
        MultiplyAdd(new(a, k, 1), new(b, n, 1), c, m, n, k);
    }

    /// <summary>dA (m×k) += dC (m×n) · Bᵀ, where B is k×n: Bᵀ is B read with its strides swapped.</summary>
    internal static void AddTimesTransposed(double[] dc, double[] b, double[] da, int m, int k, int n) =>
        MultiplyAdd(new(dc, n, 1), new(b, 1, n), da, m, k, n);

    /// <summary>dB (k×n) += Aᵀ · dC (m×n), where A is m×k: Aᵀ is A read with its strides swapped.</summary>
    internal static void AddTransposedTimes(double[] a, double[] dc, double[] db, int m, int k, int n) =>
        MultiplyAdd(new(a, 1, k), new(dc, n, 1), db, k, n, m);

    /// <summary>C (rows×cols, row-major) += A (rows×inner) · B (inner×cols), A and B read through strides.</summary>
    internal static void MultiplyAdd(Operand a, Operand b, double[] c, int rows, int cols, int inner)
    {
        if (UseSimd && (long)rows * cols * inner >= PackThreshold)
        {
            Packed(a, b, c, rows, cols, inner);
        }
        else
        {
            Plain(a, b, c, rows, cols, inner);
        }
    }

    /// <summary>
    /// The path for small products and for machines without 256-bit vectors: row by row with TensorPrimitives, which
    /// still uses whatever vectors the machine has (128-bit ones on ARM).
    /// </summary>
    internal static void Plain(Operand a, Operand b, double[] c, int rows, int cols, int inner)
    {
        for (int i = 0; i < rows; i++)
        {
            var cRow = c.AsSpan(i * cols, cols);
            if (b.ColStride == 1)
            {
                // C's row i += A[i, p] · (B's row p), for each p in order.
                for (int p = 0; p < inner; p++)
                {
                    double aip = a.Data[(i * a.RowStride) + (p * a.ColStride)];
                    TP.MultiplyAdd(b.Data.AsSpan(p * b.RowStride, cols), aip, cRow, cRow);
                }
            }
            else if (a.ColStride == 1 && b.RowStride == 1)
            {
                // B is a transpose, so both A's row i and B's column j are contiguous: C[i, j] += their dot product.
                var aRow = a.Data.AsSpan(i * a.RowStride, inner);
                for (int j = 0; j < cols; j++)
                {
                    cRow[j] += TP.Dot(aRow, b.Data.AsSpan(j * b.ColStride, inner));
                }
            }
            else
            {
                for (int p = 0; p < inner; p++)
                {
                    double aip = a.Data[(i * a.RowStride) + (p * a.ColStride)];
                    for (int j = 0; j < cols; j++)
                    {
                        cRow[j] += aip * b.Data[(p * b.RowStride) + (j * b.ColStride)];
                    }
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

    private static unsafe void Packed(Operand a, Operand b, double[] c, int rows, int cols, int inner)
    {
        int panels = (cols + NR - 1) / NR;
        int blocks = (rows + MC - 1) / MC;

        // The packed B: for each KC-slice of the summed dimension, its panels one after another.
        double[] packedB = ArrayPool<double>.Shared.Rent((panels * NR * inner) + 4);
        try
        {
            fixed (double* bStart = packedB)
            fixed (double* cStart = c)
            {
                nint pb = (nint)Align(bStart);
                nint pc = (nint)cStart;
                if (UsesThreads(rows, cols, inner))
                {
                    var options = new ParallelOptions { MaxDegreeOfParallelism = MaxThreads };
                    Parallel.For(0, panels, options, jp => PackBPanel(b, (double*)pb, jp, cols, inner, panels));
                    Parallel.For(0, blocks, options, block => RowBlock(a, (double*)pb, (double*)pc, block, rows, cols, inner, panels));
                }
                else
                {
                    for (int jp = 0; jp < panels; jp++)
                    {
                        PackBPanel(b, (double*)pb, jp, cols, inner, panels);
                    }

                    for (int block = 0; block < blocks; block++)
                    {
                        RowBlock(a, (double*)pb, (double*)pc, block, rows, cols, inner, panels);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(packedB);
        }
    }

    /// <summary>Computes rows [block·MC, block·MC + MC) of C, every column, over the whole summed dimension.</summary>
    private static unsafe void RowBlock(Operand a, double* pb, double* c, int block, int rows, int cols, int inner, int panels)
    {
        int i0 = block * MC;
        int mc = Math.Min(MC, rows - i0);
        int rowPanels = (mc + MR - 1) / MR;
        double[] packedA = ArrayPool<double>.Shared.Rent((MC * KC) + 4);
        try
        {
            fixed (double* aStart = packedA)
            {
                double* pa = Align(aStart);
                for (int p0 = 0; p0 < inner; p0 += KC)
                {
                    int kc = Math.Min(KC, inner - p0);
                    PackA(a, pa, i0, mc, p0, kc);
                    double* bSlice = pb + ((long)p0 * NR * panels);
                    for (int jp = 0; jp < panels; jp++)
                    {
                        int j0 = jp * NR;
                        int nr = Math.Min(NR, cols - j0);
                        double* bPanel = bSlice + ((long)jp * kc * NR);
                        for (int ip = 0; ip < rowPanels; ip++)
                        {
                            int r0 = ip * MR;
                            double* cTile = c + ((long)(i0 + r0) * cols) + j0;
                            Microkernel(kc, pa + (ip * kc * MR), bPanel, cTile, cols, Math.Min(MR, mc - r0), nr);
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
    private static unsafe void PackA(Operand a, double* dst, int i0, int mc, int p0, int kc)
    {
        double[] data = a.Data;
        for (int r0 = 0; r0 < mc; r0 += MR)
        {
            int mr = Math.Min(MR, mc - r0);
            for (int p = 0; p < kc; p++)
            {
                int at = ((i0 + r0) * a.RowStride) + ((p0 + p) * a.ColStride);
                for (int r = 0; r < MR; r++)
                {
                    dst[r] = r < mr ? data[at + (r * a.RowStride)] : 0;
                }

                dst += MR;
            }
        }
    }

    /// <summary>
    /// Packs columns [jp·NR, jp·NR + NR) of B, zero-padded, row by row, into panel <paramref name="jp"/> of every
    /// KC-slice: the slice starting at row p0 begins at p0·NR·panels, and its panels are kc·NR doubles each.
    /// </summary>
    private static unsafe void PackBPanel(Operand b, double* dst, int jp, int cols, int inner, int panels)
    {
        double[] data = b.Data;
        int j0 = jp * NR;
        int nr = Math.Min(NR, cols - j0);
        for (int p0 = 0; p0 < inner; p0 += KC)
        {
            int kc = Math.Min(KC, inner - p0);
            double* panel = dst + ((long)p0 * NR * panels) + ((long)jp * kc * NR);
            for (int p = 0; p < kc; p++)
            {
                int at = ((p0 + p) * b.RowStride) + (j0 * b.ColStride);
                for (int j = 0; j < NR; j++)
                {
                    panel[j] = j < nr ? data[at + (j * b.ColStride)] : 0;
                }

                panel += NR;
            }
        }
    }

    /// <summary>
    /// C[0..mr, 0..nr) += (MR-row panel of A)·(NR-column panel of B) over kc steps. The 12 sums live in registers;
    /// only a full tile is written straight to C, an edge tile goes through a small buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Microkernel(int kc, double* a, double* b, double* c, int ldc, int mr, int nr)
    {
        Vector256<double> c00 = default, c01 = default, c02 = default;
        Vector256<double> c10 = default, c11 = default, c12 = default;
        Vector256<double> c20 = default, c21 = default, c22 = default;
        Vector256<double> c30 = default, c31 = default, c32 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 4);
            var b2 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c00 = MultiplyAdd(a0, b0, c00);
            c01 = MultiplyAdd(a0, b1, c01);
            c02 = MultiplyAdd(a0, b2, c02);
            var a1 = Vector256.Create(a[1]);
            c10 = MultiplyAdd(a1, b0, c10);
            c11 = MultiplyAdd(a1, b1, c11);
            c12 = MultiplyAdd(a1, b2, c12);
            var a2 = Vector256.Create(a[2]);
            c20 = MultiplyAdd(a2, b0, c20);
            c21 = MultiplyAdd(a2, b1, c21);
            c22 = MultiplyAdd(a2, b2, c22);
            var a3 = Vector256.Create(a[3]);
            c30 = MultiplyAdd(a3, b0, c30);
            c31 = MultiplyAdd(a3, b1, c31);
            c32 = MultiplyAdd(a3, b2, c32);
            a += MR;
            b += NR;
        }

        if (mr == MR && nr == NR)
        {
            AddRow(c, c00, c01, c02);
            AddRow(c + ldc, c10, c11, c12);
            AddRow(c + (2 * ldc), c20, c21, c22);
            AddRow(c + (3 * ldc), c30, c31, c32);
            return;
        }

        double* tile = stackalloc double[MR * NR];
        StoreRow(tile, c00, c01, c02);
        StoreRow(tile + NR, c10, c11, c12);
        StoreRow(tile + (2 * NR), c20, c21, c22);
        StoreRow(tile + (3 * NR), c30, c31, c32);
        for (int r = 0; r < mr; r++)
        {
            for (int j = 0; j < nr; j++)
            {
                c[(r * ldc) + j] += tile[(r * NR) + j];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> MultiplyAdd(Vector256<double> x, Vector256<double> y, Vector256<double> sum) =>
        Fma.IsSupported ? Fma.MultiplyAdd(x, y, sum) : Vector256.Add(Vector256.Multiply(x, y), sum);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void AddRow(double* c, Vector256<double> v0, Vector256<double> v1, Vector256<double> v2)
    {
        Vector256.Store(Vector256.Load(c) + v0, c);
        Vector256.Store(Vector256.Load(c + 4) + v1, c + 4);
        Vector256.Store(Vector256.Load(c + 8) + v2, c + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(double* t, Vector256<double> v0, Vector256<double> v1, Vector256<double> v2)
    {
        Vector256.Store(v0, t);
        Vector256.Store(v1, t + 4);
        Vector256.Store(v2, t + 8);
    }

    /// <summary>The first 32-byte boundary at or after <paramref name="p"/> (a rented buffer has 4 spare doubles).</summary>
    private static unsafe double* Align(double* p) => (double*)(((nint)p + 31) & ~(nint)31);

    /// <summary>A matrix operand read through strides: element (i, j) is at <c>Data[i·RowStride + j·ColStride]</c>.</summary>
    internal readonly record struct Operand(double[] Data, int RowStride, int ColStride);
}
