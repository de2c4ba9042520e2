using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Autograd.Kernels;

/// <summary>
/// A group of doubles worked on together: one double (<see cref="Lanes1"/>) or a 128-, 256- or 512-bit vector
/// (<see cref="Lanes2"/>, <see cref="Lanes4"/>, <see cref="Lanes8"/>). A kernel whose bits must not depend on the
/// machine is written once, generic over this interface, and run with the widest group the machine accelerates.
/// </summary>
/// <remarks>
/// Every operation here is exact or rounded once per element (IEEE 754 addition, multiplication, division, square
/// root, fused multiply-add), never an estimate, so each element goes through the same operations in the same order
/// whatever the width: the width decides how many elements are done at once, never what a result is. A lane type that
/// the machine does not accelerate still computes the same bits, only slowly, which is what the tests use to compare
/// the widths on one machine.
/// </remarks>
/// <typeparam name="TSelf">The implementing type.</typeparam>
internal interface ILanes<TSelf>
    where TSelf : struct, ILanes<TSelf>
{
    /// <summary>Gets how many doubles one group holds.</summary>
    static abstract int Count { get; }

    /// <summary>Gets a value indicating whether the machine runs this width in hardware.</summary>
    static abstract bool IsAccelerated { get; }

    static abstract TSelf operator +(TSelf x, TSelf y);

    static abstract TSelf operator -(TSelf x, TSelf y);

    static abstract TSelf operator *(TSelf x, TSelf y);

    static abstract TSelf operator /(TSelf x, TSelf y);

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TSelf Create(double value);

    /// <summary>Every lane holding the double whose bit pattern is <paramref name="bits"/>.</summary>
    static abstract TSelf FromBits(long bits);

    /// <summary>Reads <see cref="Count"/> doubles starting at <paramref name="source"/>.</summary>
    static abstract TSelf Load(ref readonly double source);

    /// <summary>Writes <see cref="Count"/> doubles starting at <paramref name="destination"/>.</summary>
    static abstract void Store(TSelf value, ref double destination);

    /// <summary>x·y + addend with a single rounding.</summary>
    static abstract TSelf FusedMultiplyAdd(TSelf x, TSelf y, TSelf addend);

    /// <summary>The correctly rounded square root.</summary>
    static abstract TSelf Sqrt(TSelf x);

    /// <summary>All bits set in each lane where x &lt; y, none elsewhere (so none where either is NaN).</summary>
    static abstract TSelf LessThan(TSelf x, TSelf y);

    /// <summary>All bits set in each lane where x &gt; y, none elsewhere (so none where either is NaN).</summary>
    static abstract TSelf GreaterThan(TSelf x, TSelf y);

    /// <summary>All bits set in each lane where x = y, none elsewhere (so none where either is NaN).</summary>
    static abstract TSelf EqualTo(TSelf x, TSelf y);

    /// <summary>Each lane from <paramref name="whereSet"/> where the mask is set, else from <paramref name="whereClear"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf whereSet, TSelf whereClear);

    /// <summary>y where x &lt; y, else x: a NaN x passes through, a NaN y is ignored, and of two equal zeros x is kept.</summary>
    /// <remarks>
    /// Not <see cref="Math.Max(double, double)"/>, which also propagates a NaN y and orders -0 below +0; this is the
    /// comparison and selection written out, so it is the same on every platform and compiles to two instructions.
    /// </remarks>
    static abstract TSelf Max(TSelf x, TSelf y);

    /// <summary>y where x &gt; y, else x: a NaN x passes through, a NaN y is ignored, and of two equal zeros x is kept.</summary>
    static abstract TSelf Min(TSelf x, TSelf y);

    /// <summary>The bitwise and of the 64-bit patterns.</summary>
    static abstract TSelf And(TSelf x, TSelf y);

    /// <summary>The bitwise or of the 64-bit patterns.</summary>
    static abstract TSelf Or(TSelf x, TSelf y);

    /// <summary>The bitwise exclusive or of the 64-bit patterns.</summary>
    static abstract TSelf Xor(TSelf x, TSelf y);

    /// <summary>The 64-bit patterns added as integers (wrapping).</summary>
    static abstract TSelf AddBits(TSelf x, TSelf y);

    /// <summary>The 64-bit patterns shifted left by <paramref name="count"/>.</summary>
    static abstract TSelf ShiftLeftBits(TSelf x, int count);

    /// <summary>The 64-bit patterns shifted right by <paramref name="count"/>, filling with zeros.</summary>
    static abstract TSelf ShiftRightBits(TSelf x, int count);
}

/// <summary>One double: the remainder of a span, and the whole of it on a machine without vectors.</summary>
internal readonly struct Lanes1 : ILanes<Lanes1>
{
    private readonly double value;

    private Lanes1(double value) => this.value = value;

    public static int Count => 1;

    public static bool IsAccelerated => true;

    /// <summary>Gets the double.</summary>
    public double Value => value;

    public static Lanes1 operator +(Lanes1 x, Lanes1 y) => new(x.value + y.value);

    public static Lanes1 operator -(Lanes1 x, Lanes1 y) => new(x.value - y.value);

    public static Lanes1 operator *(Lanes1 x, Lanes1 y) => new(x.value * y.value);

    public static Lanes1 operator /(Lanes1 x, Lanes1 y) => new(x.value / y.value);

    public static Lanes1 Create(double value) => new(value);

    public static Lanes1 FromBits(long bits) => new(BitConverter.Int64BitsToDouble(bits));

    public static Lanes1 Load(ref readonly double source) => new(source);

    public static void Store(Lanes1 value, ref double destination) => destination = value.value;

    public static Lanes1 FusedMultiplyAdd(Lanes1 x, Lanes1 y, Lanes1 addend) => new(Math.FusedMultiplyAdd(x.value, y.value, addend.value));

    public static Lanes1 Sqrt(Lanes1 x) => new(Math.Sqrt(x.value));

    public static Lanes1 LessThan(Lanes1 x, Lanes1 y) => Mask(x.value < y.value);

    public static Lanes1 GreaterThan(Lanes1 x, Lanes1 y) => Mask(x.value > y.value);

    public static Lanes1 EqualTo(Lanes1 x, Lanes1 y) => Mask(x.value == y.value);

    public static Lanes1 Select(Lanes1 mask, Lanes1 whereSet, Lanes1 whereClear) => Bits(mask) != 0 ? whereSet : whereClear;

    public static Lanes1 Max(Lanes1 x, Lanes1 y) => x.value < y.value ? y : x;

    public static Lanes1 Min(Lanes1 x, Lanes1 y) => x.value > y.value ? y : x;

    public static Lanes1 And(Lanes1 x, Lanes1 y) => FromBits(Bits(x) & Bits(y));

    public static Lanes1 Or(Lanes1 x, Lanes1 y) => FromBits(Bits(x) | Bits(y));

    public static Lanes1 Xor(Lanes1 x, Lanes1 y) => FromBits(Bits(x) ^ Bits(y));

    public static Lanes1 AddBits(Lanes1 x, Lanes1 y) => FromBits(unchecked(Bits(x) + Bits(y)));

    public static Lanes1 ShiftLeftBits(Lanes1 x, int count) => FromBits(Bits(x) << count);

    public static Lanes1 ShiftRightBits(Lanes1 x, int count) => FromBits((long)((ulong)Bits(x) >> count));

    private static long Bits(Lanes1 x) => BitConverter.DoubleToInt64Bits(x.value);

    private static Lanes1 Mask(bool condition) => FromBits(condition ? -1L : 0L);
}

/// <summary>Two doubles in a 128-bit vector (SSE2 on x64, Neon on ARM64).</summary>
internal readonly struct Lanes2 : ILanes<Lanes2>
{
    private readonly Vector128<double> v;

    private Lanes2(Vector128<double> v) => this.v = v;

    public static int Count => 2;

    public static bool IsAccelerated => Vector128.IsHardwareAccelerated;

    public static Lanes2 operator +(Lanes2 x, Lanes2 y) => new(x.v + y.v);

    public static Lanes2 operator -(Lanes2 x, Lanes2 y) => new(x.v - y.v);

    public static Lanes2 operator *(Lanes2 x, Lanes2 y) => new(x.v * y.v);

    public static Lanes2 operator /(Lanes2 x, Lanes2 y) => new(x.v / y.v);

    public static Lanes2 Create(double value) => new(Vector128.Create(value));

    public static Lanes2 FromBits(long bits) => new(Vector128.Create(bits).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes2 Load(ref readonly double source) => new(Vector128.LoadUnsafe(in source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes2 value, ref double destination) => value.v.StoreUnsafe(ref destination);

    public static Lanes2 FusedMultiplyAdd(Lanes2 x, Lanes2 y, Lanes2 addend) => new(Vector128.FusedMultiplyAdd(x.v, y.v, addend.v));

    public static Lanes2 Sqrt(Lanes2 x) => new(Vector128.Sqrt(x.v));

    public static Lanes2 LessThan(Lanes2 x, Lanes2 y) => new(Vector128.LessThan(x.v, y.v));

    public static Lanes2 GreaterThan(Lanes2 x, Lanes2 y) => new(Vector128.GreaterThan(x.v, y.v));

    public static Lanes2 EqualTo(Lanes2 x, Lanes2 y) => new(Vector128.Equals(x.v, y.v));

    public static Lanes2 Select(Lanes2 mask, Lanes2 whereSet, Lanes2 whereClear) => new(Vector128.ConditionalSelect(mask.v, whereSet.v, whereClear.v));

    public static Lanes2 Max(Lanes2 x, Lanes2 y) => new(Vector128.ConditionalSelect(Vector128.LessThan(x.v, y.v), y.v, x.v));

    public static Lanes2 Min(Lanes2 x, Lanes2 y) => new(Vector128.ConditionalSelect(Vector128.GreaterThan(x.v, y.v), y.v, x.v));

    public static Lanes2 And(Lanes2 x, Lanes2 y) => new(x.v & y.v);

    public static Lanes2 Or(Lanes2 x, Lanes2 y) => new(x.v | y.v);

    public static Lanes2 Xor(Lanes2 x, Lanes2 y) => new(x.v ^ y.v);

    public static Lanes2 AddBits(Lanes2 x, Lanes2 y) => new((x.v.AsInt64() + y.v.AsInt64()).AsDouble());

    public static Lanes2 ShiftLeftBits(Lanes2 x, int count) => new(Vector128.ShiftLeft(x.v.AsInt64(), count).AsDouble());

    public static Lanes2 ShiftRightBits(Lanes2 x, int count) => new(Vector128.ShiftRightLogical(x.v.AsInt64(), count).AsDouble());
}

/// <summary>Four doubles in a 256-bit vector (AVX2).</summary>
internal readonly struct Lanes4 : ILanes<Lanes4>
{
    private readonly Vector256<double> v;

    private Lanes4(Vector256<double> v) => this.v = v;

    public static int Count => 4;

    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    public static Lanes4 operator +(Lanes4 x, Lanes4 y) => new(x.v + y.v);

    public static Lanes4 operator -(Lanes4 x, Lanes4 y) => new(x.v - y.v);

    public static Lanes4 operator *(Lanes4 x, Lanes4 y) => new(x.v * y.v);

    public static Lanes4 operator /(Lanes4 x, Lanes4 y) => new(x.v / y.v);

    public static Lanes4 Create(double value) => new(Vector256.Create(value));

    public static Lanes4 FromBits(long bits) => new(Vector256.Create(bits).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4 Load(ref readonly double source) => new(Vector256.LoadUnsafe(in source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes4 value, ref double destination) => value.v.StoreUnsafe(ref destination);

    public static Lanes4 FusedMultiplyAdd(Lanes4 x, Lanes4 y, Lanes4 addend) => new(Vector256.FusedMultiplyAdd(x.v, y.v, addend.v));

    public static Lanes4 Sqrt(Lanes4 x) => new(Vector256.Sqrt(x.v));

    public static Lanes4 LessThan(Lanes4 x, Lanes4 y) => new(Vector256.LessThan(x.v, y.v));

    public static Lanes4 GreaterThan(Lanes4 x, Lanes4 y) => new(Vector256.GreaterThan(x.v, y.v));

    public static Lanes4 EqualTo(Lanes4 x, Lanes4 y) => new(Vector256.Equals(x.v, y.v));

    public static Lanes4 Select(Lanes4 mask, Lanes4 whereSet, Lanes4 whereClear) => new(Vector256.ConditionalSelect(mask.v, whereSet.v, whereClear.v));

    public static Lanes4 Max(Lanes4 x, Lanes4 y) => new(Vector256.ConditionalSelect(Vector256.LessThan(x.v, y.v), y.v, x.v));

    public static Lanes4 Min(Lanes4 x, Lanes4 y) => new(Vector256.ConditionalSelect(Vector256.GreaterThan(x.v, y.v), y.v, x.v));

    public static Lanes4 And(Lanes4 x, Lanes4 y) => new(x.v & y.v);

    public static Lanes4 Or(Lanes4 x, Lanes4 y) => new(x.v | y.v);

    public static Lanes4 Xor(Lanes4 x, Lanes4 y) => new(x.v ^ y.v);

    public static Lanes4 AddBits(Lanes4 x, Lanes4 y) => new((x.v.AsInt64() + y.v.AsInt64()).AsDouble());

    public static Lanes4 ShiftLeftBits(Lanes4 x, int count) => new(Vector256.ShiftLeft(x.v.AsInt64(), count).AsDouble());

    public static Lanes4 ShiftRightBits(Lanes4 x, int count) => new(Vector256.ShiftRightLogical(x.v.AsInt64(), count).AsDouble());
}

/// <summary>Eight doubles in a 512-bit vector (AVX-512).</summary>
internal readonly struct Lanes8 : ILanes<Lanes8>
{
    private readonly Vector512<double> v;

    private Lanes8(Vector512<double> v) => this.v = v;

    public static int Count => 8;

    public static bool IsAccelerated => Vector512.IsHardwareAccelerated;

    public static Lanes8 operator +(Lanes8 x, Lanes8 y) => new(x.v + y.v);

    public static Lanes8 operator -(Lanes8 x, Lanes8 y) => new(x.v - y.v);

    public static Lanes8 operator *(Lanes8 x, Lanes8 y) => new(x.v * y.v);

    public static Lanes8 operator /(Lanes8 x, Lanes8 y) => new(x.v / y.v);

    public static Lanes8 Create(double value) => new(Vector512.Create(value));

    public static Lanes8 FromBits(long bits) => new(Vector512.Create(bits).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8 Load(ref readonly double source) => new(Vector512.LoadUnsafe(in source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes8 value, ref double destination) => value.v.StoreUnsafe(ref destination);

    public static Lanes8 FusedMultiplyAdd(Lanes8 x, Lanes8 y, Lanes8 addend) => new(Vector512.FusedMultiplyAdd(x.v, y.v, addend.v));

    public static Lanes8 Sqrt(Lanes8 x) => new(Vector512.Sqrt(x.v));

    public static Lanes8 LessThan(Lanes8 x, Lanes8 y) => new(Vector512.LessThan(x.v, y.v));

    public static Lanes8 GreaterThan(Lanes8 x, Lanes8 y) => new(Vector512.GreaterThan(x.v, y.v));

    public static Lanes8 EqualTo(Lanes8 x, Lanes8 y) => new(Vector512.Equals(x.v, y.v));

    public static Lanes8 Select(Lanes8 mask, Lanes8 whereSet, Lanes8 whereClear) => new(Vector512.ConditionalSelect(mask.v, whereSet.v, whereClear.v));

    public static Lanes8 Max(Lanes8 x, Lanes8 y) => new(Vector512.ConditionalSelect(Vector512.LessThan(x.v, y.v), y.v, x.v));

    public static Lanes8 Min(Lanes8 x, Lanes8 y) => new(Vector512.ConditionalSelect(Vector512.GreaterThan(x.v, y.v), y.v, x.v));

    public static Lanes8 And(Lanes8 x, Lanes8 y) => new(x.v & y.v);

    public static Lanes8 Or(Lanes8 x, Lanes8 y) => new(x.v | y.v);

    public static Lanes8 Xor(Lanes8 x, Lanes8 y) => new(x.v ^ y.v);

    public static Lanes8 AddBits(Lanes8 x, Lanes8 y) => new((x.v.AsInt64() + y.v.AsInt64()).AsDouble());

    public static Lanes8 ShiftLeftBits(Lanes8 x, int count) => new(Vector512.ShiftLeft(x.v.AsInt64(), count).AsDouble());

    public static Lanes8 ShiftRightBits(Lanes8 x, int count) => new(Vector512.ShiftRightLogical(x.v.AsInt64(), count).AsDouble());
}
