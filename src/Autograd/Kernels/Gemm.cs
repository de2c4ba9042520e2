using System.Runtime.CompilerServices;
namespace Autograd.Kernels;

/// <summary>
/// The matrix products behind <c>MatMul</c>: the forward C = A·B and the two backward products dA += dC·Bᵀ and
/// dB += Aᵀ·dC. <see cref="ProductReference"/> is what they compute, as a plain triple loop; the rest is speed.
/// </summary>
/// <remarks>
/// <para>
/// For A (m×k) and B (k×n), C[i, j] = Σₚ A[i, p]·B[p, j]. Each term A[i, p]·B[p, j] sends dC[i, j]·B[p, j] back to
/// A[i, p] and A[i, p]·dC[i, j] back to B[p, j], so dA[i, p] gains Σⱼ dC[i, j]·B[p, j], which is dC·Bᵀ, and dB[p, j]
/// gains Σᵢ A[i, p]·dC[i, j], which is Aᵀ·dC. All three are one routine, C (+)= A·B, that reads A and B through row and
/// column strides: a transposed operand is the same numbers read with its strides swapped, never a copy.
/// </para>
/// <para>
/// The result is the same, bit for bit, on every machine and every path. Each element of C is one chain of fused
/// multiply-adds over the summed dimension in increasing order, c = fma(A[i, p], B[p, j], c), starting from C's old
/// value when accumulating and from +0 otherwise, exactly as in <see cref="ProductReference"/>. The fast paths change
/// how many elements are worked on at once and in which order the elements are visited, never the order of the terms
/// within an element, and every step is a fused multiply-add, rounded once; no sum is ever split into partial sums
/// that are added afterwards. So the vector width the machine offers and the number of threads never show in C.
/// </para>
/// <para>
/// <see cref="Product"/> picks the path by the shape: products large in every dimension are packed into panels for a
/// register-tiled microkernel (GemmPacked.cs, GemmMicrokernel.cs); thin ones, and every product on a machine without
/// 256-bit vectors and FMA, are row updates (GemmRowUpdates.cs); the tiniest run as the reference itself.
/// </para>
/// </remarks>
internal static partial class Gemm
{
    /// <summary>C (m×n) = A (m×k) · B (k×n), all row-major. C's earlier contents are never read.</summary>
    internal static void MatMul(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n) =>
        Product(new(a, k, 1), new(b, n, 1), c, m, n, k, accumulate: false);

    /// <summary>
    /// dA (m×k) += dC (m×n) · Bᵀ, where B is k×n: Bᵀ is B read with its strides swapped. With
    /// <paramref name="accumulate"/> false, dA = dC·Bᵀ, for a gradient known to be zero: the same bits as adding to
    /// zeros, without reading them.
    /// </summary>
    internal static void AddTimesTransposed(ReadOnlySpan<double> dc, ReadOnlySpan<double> b, Span<double> da, int m, int k, int n, bool accumulate = true) =>
        Product(new(dc, n, 1), new(b, 1, n), da, m, k, n, accumulate);

    /// <summary>dB (k×n) += Aᵀ · dC (m×n), where A is m×k: Aᵀ is A read with its strides swapped (or =, as above).</summary>
    internal static void AddTransposedTimes(ReadOnlySpan<double> a, ReadOnlySpan<double> dc, Span<double> db, int m, int k, int n, bool accumulate = true) =>
        Product(new(a, 1, k), new(dc, n, 1), db, k, n, m, accumulate);

    /// <summary>
    /// What every product computes, written plainly: C (rows×cols, row-major) = A (rows×inner) · B (inner×cols), or
    /// C += A·B when <paramref name="accumulate"/> is set. Each element is one chain of fused multiply-adds over p in
    /// increasing order. The fast paths are held to these bits by the tests.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ProductReference(Operand a, Operand b, Span<double> c, int rows, int cols, int inner, bool accumulate)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double sum = accumulate ? c[(i * cols) + j] : 0.0;
                for (int p = 0; p < inner; p++)
                {
                    sum = Math.FusedMultiplyAdd(a[i, p], b[p, j], sum);
                }

                c[(i * cols) + j] = sum;
            }
        }
    }

    /// <summary>A product summing fewer terms than this, or with fewer columns, is not packed (see <see cref="Product"/>).</summary>
    private const int MinPackedSize = 8;

    /// <summary>Below this many multiply-adds (m·n·k) row updates beat packing.</summary>
    private const long PackThreshold = 4096;

    /// <summary>
    /// Products of at most this many multiply-adds run as the plain triple loop: measured, it took about half the time
    /// of the row updates up to here (their setup costs more than such a product), and as long at twice this.
    /// </summary>
    private const long ReferenceThreshold = 32;

    /// <summary>
    /// C (rows×cols, row-major) = A (rows×inner) · B (inner×cols), or C += A·B when <paramref name="accumulate"/> is
    /// set: the bits of <see cref="ProductReference"/>, by the fastest path for the shape.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short for its matrix.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Product(Operand a, Operand b, Span<double> c, int rows, int cols, int inner, bool accumulate)
    {
        if (!a.Holds(rows, inner) || !b.Holds(inner, cols) || c.Length < (long)rows * cols)
        {
            throw new ArgumentException($"Gemm: a span is too short for its matrix in a {rows}×{inner}·{inner}×{cols} product.");
        }

        long work = (long)rows * cols * inner;
        if (work <= ReferenceThreshold)
        {
            ProductReference(a, b, c, rows, cols, inner, accumulate);
            return;
        }

        // The products of a small network (2 features in, 3 classes out, a few hundred rows) are thin in one
        // dimension: packing them would cost more than their arithmetic, and the tiles would be mostly padding.
        if (UseSimd && rows >= MR && cols >= MinPackedSize && inner >= MinPackedSize && work >= PackThreshold
            && PackedBLength(cols, inner) <= Array.MaxLength)
        {
            if (UseVector512)
            {
                Packed<Lanes8>(a, b, c, rows, cols, inner, accumulate);
            }
            else
            {
                Packed<Lanes4>(a, b, c, rows, cols, inner, accumulate);
            }
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

    /// <summary>A matrix read through strides: element (i, j) is <c>Data[i·RowStride + j·ColStride]</c>.</summary>
    internal readonly ref struct Operand(ReadOnlySpan<double> data, int rowStride, int colStride)
    {
        public ReadOnlySpan<double> Data { get; } = data;

        public int RowStride { get; } = rowStride;

        public int ColStride { get; } = colStride;

        /// <summary>Gets the transposed matrix: the same data with the strides swapped.</summary>
        public Operand Transposed => new(Data, ColStride, RowStride);

        /// <summary>Gets element (<paramref name="i"/>, <paramref name="j"/>).</summary>
        public double this[int i, int j] => Data[(i * RowStride) + (j * ColStride)];

        /// <summary>Whether <see cref="Data"/> reaches every element of a <paramref name="rows"/>×<paramref name="cols"/> matrix.</summary>
        public bool Holds(int rows, int cols) =>
            rows == 0 || cols == 0 || ((long)(rows - 1) * RowStride) + ((long)(cols - 1) * ColStride) < Data.Length;
    }
}
