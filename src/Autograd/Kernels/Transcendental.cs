using System.Runtime.CompilerServices;

namespace Autograd.Kernels;

/// <summary>
/// The library's own exp, log, tanh and sigmoid, so that results are the same bits on every machine.
/// <c>Math.Exp</c> and its relatives call the platform's C library, and <c>TensorPrimitives.Exp</c> and its relatives
/// give different bits at different vector widths; neither can be used where a run must be reproducible anywhere.
/// </summary>
/// <remarks>
/// <para>
/// Exp, Log, Tanh and Sigmoid are written once, generic over <see cref="ILanes{TSelf}"/>: one double or a vector of
/// them, each lane going through the same exactly rounded operations in the same order. The scalar overloads are the
/// generic ones at <see cref="Lanes1"/> and the span overloads run them with <see cref="LaneLoops"/>, so a scalar op and
/// a tensor op give the same bits by construction. Special values (NaN, ±∞, ±0, subnormals, overflow) are handled with
/// masks, never with a branch on a lane's value.
/// </para>
/// <para>
/// Every function ends with one rounding of a value carried with more than double precision (a double-double, or a
/// double plus a small correction), which keeps the error near half an ulp: measured worst cases against values
/// computed to 200 bits are about 0.55 ulp for exp, and 0.6 for log, tanh and sigmoid.
/// Results that land in the subnormal range are rounded twice, and can be up to 0.75 ulp away.
/// </para>
/// <para>
/// The polynomial coefficients are minimax fits computed offline (Remez exchange at 50 digits), rounded to double;
/// each constant is written in decimal with enough digits to name the double in its comment exactly.
/// </para>
/// </remarks>
internal static class Transcendental
{
    /// <summary>1.5·2^52 (0x1.8p52): adding it rounds a double of magnitude below 2^51 to an integer held in its low bits.</summary>
    private const double Shifter = 6755399441055744.0;

    /// <summary>1/ln 2 (0x1.71547652b82fep0).</summary>
    private const double Log2E = 1.4426950408889634;

    /// <summary>ln 2 to 42 bits (0x1.62e42fefa3800p-1), so that k·Ln2Hi is exact for every |k| below 2^11.</summary>
    private const double Ln2Hi = 0.6931471805598903;

    /// <summary>ln 2 - <see cref="Ln2Hi"/> (0x1.ef35793c76730p-45).</summary>
    private const double Ln2Lo = 5.497923018708371E-14;

    /// <summary>Above this exp overflows (the threshold is 709.782712893384); clamping keeps k within 1024.</summary>
    private const double ExpUpper = 709.79;

    /// <summary>Below this exp rounds to +0 (the threshold is about -745.1332); clamping keeps k above -1076.</summary>
    private const double ExpLower = -745.2;

    /// <summary>2^-600.</summary>
    private const double TwoToMinus600 = 2.409919865102884E-181;

    /// <summary>2^600.</summary>
    private const double TwoTo600 = 4.149515568880993E+180;

    // (e^r - 1 - r - r²/2) / r³ ≈ Q0 + Q1·r + ... + Q9·r^9 for |r| ≤ ln 2 / 2, relative error of e^r below 2^-63.
    private const double Q0 = 0.1666666666666668; // 0x1.555555555555ap-3
    private const double Q1 = 0.04166666666666641; // 0x1.5555555555530p-5
    private const double Q2 = 0.008333333333318534; // 0x1.111111110efbep-7
    private const double Q3 = 0.00138888888890332; // 0x1.6c16c16c2700fp-10
    private const double Q4 = 0.00019841269893329706; // 0x1.a01a01b26b246p-13
    private const double Q5 = 2.480158702571364E-05; // 0x1.a01a01527336dp-16
    private const double Q6 = 2.7557237464888317E-06; // 0x1.71ddf26ae95c5p-19
    private const double Q7 = 2.7557526019796144E-07; // 0x1.27e58cfc8f6dap-22
    private const double Q8 = 2.511124312900962E-08; // 0x1.af686a4cb626dp-26
    private const double Q9 = 2.083852928428411E-09; // 0x1.1e670e8b3f02cp-29

    /// <summary>The bits of √2/2 (0x3FE6A09E667F3BCD), where log's reduced mantissa range starts.</summary>
    private const long SqrtHalfBits = 0x3FE6A09E667F3BCD;

    /// <summary>2^-1022, the smallest normal double.</summary>
    private const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>2^54.</summary>
    private const double TwoTo54 = 18014398509481984.0;

    /// <summary>2^52 (0x1p52): OR-ing a small integer into its low bits and subtracting it converts the integer to double.</summary>
    private const double TwoTo52 = 4503599627370496.0;

    // (2 atanh(s) - 2s) / s³ ≈ L0 + L1·z + ... + L6·z^6 with z = s², |s| ≤ (√2 - 1)/(√2 + 1); error below 2^-59 of log.
    private const double L0 = 0.6666666666666734; // 0x1.5555555555592p-1
    private const double L1 = 0.3999999999941455; // 0x1.999999997fda0p-2
    private const double L2 = 0.2857142874243235; // 0x1.24924941f31c8p-2
    private const double L3 = 0.2222219856734602; // 0x1.c71c52075b878p-3
    private const double L4 = 0.18183564684834827; // 0x1.74663f63af6f3p-3
    private const double L5 = 0.15314040122383055; // 0x1.39a1acb79f11cp-3
    private const double L6 = 0.14796065432711514; // 0x1.2f05fedb70114p-3

    /// <summary>2^-27: below this tanh x rounds to x.</summary>
    private const double TwoToMinus27 = 7.450580596923828E-09;

    /// <summary>Above this tanh(x) rounds to 1 (from about 19.06).</summary>
    private const double TanhSaturation = 20.0;

    /// <summary>e^x.</summary>
    internal static double Exp(double x) => Exp(Lanes1.Create(x)).Value;

    /// <summary>The natural logarithm of x.</summary>
    internal static double Log(double x) => Log(Lanes1.Create(x)).Value;

    /// <summary>The hyperbolic tangent of x.</summary>
    internal static double Tanh(double x) => Tanh(Lanes1.Create(x)).Value;

    /// <summary>The logistic function 1/(1 + e^-x).</summary>
    internal static double Sigmoid(double x) => Sigmoid(Lanes1.Create(x)).Value;

    /// <summary>y[i] = e^x[i]; <paramref name="x"/> and <paramref name="y"/> may be the same span.</summary>
    internal static void Exp(ReadOnlySpan<double> x, Span<double> y) => LaneLoops.Map<ExpFunction>(x, y);

    /// <summary>y[i] = log x[i]; <paramref name="x"/> and <paramref name="y"/> may be the same span.</summary>
    internal static void Log(ReadOnlySpan<double> x, Span<double> y) => LaneLoops.Map<LogFunction>(x, y);

    /// <summary>y[i] = tanh x[i]; <paramref name="x"/> and <paramref name="y"/> may be the same span.</summary>
    internal static void Tanh(ReadOnlySpan<double> x, Span<double> y) => LaneLoops.Map<TanhFunction>(x, y);

    /// <summary>y[i] = 1/(1 + e^-x[i]); <paramref name="x"/> and <paramref name="y"/> may be the same span.</summary>
    internal static void Sigmoid(ReadOnlySpan<double> x, Span<double> y) => LaneLoops.Map<SigmoidFunction>(x, y);

    /// <summary>e^x in every lane.</summary>
    /// <remarks>
    /// x = k·ln 2 + r with |r| ≤ ln 2 / 2, and e^x = 2^k·e^r. The polynomial gives e^r - 1 - r, and 1 + r is summed
    /// exactly (Fast2Sum), so only the last addition rounds a value near e^r. 2^k is applied as two powers of two,
    /// 2^⌊k/2⌋ and 2^⌈k/2⌉, built from the bits of k: each is a normal double for every k from -1076 to 1024, so the
    /// first product is exact and the second rounds once into the subnormal range, or overflows to +∞.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Exp<T>(T x)
        where T : struct, ILanes<T>
    {
        // Past these bounds the result is +∞ or +0 anyway; clamping keeps k small, and Min/Max let NaN through.
        x = T.Min(T.Max(x, T.Create(ExpLower)), T.Create(ExpUpper));
        T t = Reduce(x, out T r, out T rLo);
        return Scale(t, ExpOf(r, rLo));
    }

    /// <summary>The natural logarithm in every lane.</summary>
    /// <remarks>
    /// x = 2^k·m with √2/2 ≤ m &lt; √2, taken from the bits (subnormals are first scaled by 2^54). With f = m - 1 and
    /// s = f/(2 + f), log m = 2 atanh s = f - f²/2 + s·(f²/2 + R(s²)) (the arrangement of fdlibm's log), where f - f²/2 is
    /// kept exactly as a double-double, and k·ln 2 is added with one more exact sum before the final rounding.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Log<T>(T x)
        where T : struct, ILanes<T>
    {
        T subnormal = T.LessThan(x, T.Create(SmallestNormal));
        T scaled = x * T.Select(subnormal, T.Create(TwoTo54), T.Create(1.0));

        // Subtracting the bits of √2/2 makes the exponent field the k for which m lands in [√2/2, √2); adding 1023 to it
        // keeps it positive for every positive double.
        T shifted = T.AddBits(scaled, T.FromBits(0x3FF0000000000000 - SqrtHalfBits));
        T biasedK = T.Or(T.ShiftRightBits(shifted, 52), T.FromBits(0x4330000000000000)); // 2^52 + k + 1023
        T k = biasedK - T.Select(subnormal, T.Create(TwoTo52 + 1023 + 54), T.Create(TwoTo52 + 1023));
        T m = T.AddBits(T.And(shifted, T.FromBits(0x000FFFFFFFFFFFFF)), T.FromBits(SqrtHalfBits));

        T f = m - T.Create(1.0); // exact
        T s = f / (T.Create(2.0) + f);
        T z = s * s;
        T w = z * z;
        T even = T.FusedMultiplyAdd(T.FusedMultiplyAdd(T.FusedMultiplyAdd(T.Create(L6), w, T.Create(L4)), w, T.Create(L2)), w, T.Create(L0));
        T odd = T.FusedMultiplyAdd(T.FusedMultiplyAdd(T.Create(L5), w, T.Create(L3)), w, T.Create(L1));
        T series = z * T.FusedMultiplyAdd(odd, z, even); // (2 atanh(s) - 2s) / s

        // f - h with h = f²/2 as hi + lo exactly: h's rounding error comes from an FMA, f - h from Fast2Sum (|f| ≥ h).
        T h = f * T.Create(0.5) * f;
        T hErrorNegated = T.FusedMultiplyAdd(f * T.Create(-0.5), f, h);
        T hi = f - h;
        T lo = ((f - hi) - h) + hErrorNegated;
        T log1pLo = T.FusedMultiplyAdd(s, h + series, lo);

        // k·ln 2 + hi is summed exactly too (|k·ln 2| ≥ 0.69 > |hi| unless k = 0).
        T kLn2 = k * T.Create(Ln2Hi);
        T sum = kLn2 + hi;
        T sumError = (kLn2 - sum) + hi;
        T result = sum + (sumError + T.FusedMultiplyAdd(k, T.Create(Ln2Lo), log1pLo));

        // Positive finite x is the only case the arithmetic above gets right (x - x is NaN for ±∞ and NaN). For the rest:
        // log ±0 = -∞, and x·∞ + ∞ is NaN for negative x (and -∞), +∞ for +∞, NaN for NaN.
        T ordinary = T.GreaterThan(x, x - x);
        T special = T.Select(
            T.EqualTo(x, T.Create(0.0)),
            T.Create(double.NegativeInfinity),
            T.FusedMultiplyAdd(x, T.Create(double.PositiveInfinity), T.Create(double.PositiveInfinity)));
        return T.Select(ordinary, result, special);
    }

    /// <summary>The hyperbolic tangent in every lane.</summary>
    /// <remarks>
    /// tanh|x| = (1 - E)/(1 + E) with E = e^-2|x| = 2^k·(1 + r + τ). The denominator D = 1 + E is formed as a
    /// double-double, the numerator is 2 - D, and the quotient is a double-double too (one division, then the remainder
    /// from an FMA), so near 0, where 1 - E cancels, the precision carried in D's low part survives. Below 2^-27, where
    /// tanh x rounds to x, x itself is returned (its sign included).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Tanh<T>(T x)
        where T : struct, ILanes<T>
    {
        T minusAbs = T.Or(x, T.FromBits(long.MinValue));
        T signFlip = T.Xor(x, minusAbs); // the sign bit where x ≥ 0: turns -tanh|x| into tanh x
        T tiny = T.GreaterThan(minusAbs, T.Create(-TwoToMinus27));
        minusAbs = T.Max(minusAbs, T.Create(-TanhSaturation));

        T t = Reduce(minusAbs + minusAbs, out T r, out T rLo);
        T tau = ExpTail(r, rLo);
        T scale = T.ShiftLeftBits(T.AddBits(t, T.FromBits(1023)), 52); // 2^k, k ≥ -58
        T d = OnePlusScaled(scale, r, tau, out T dLo);
        T n = T.Create(2.0) - d; // exact; the numerator's low part is -dLo

        // N/D = q + (N - q·D)/D, with q's sign turned around so every FMA adds.
        T reciprocalNegated = T.Create(-1.0) / d;
        T qNegated = n * reciprocalNegated;
        T remainder = T.FusedMultiplyAdd(qNegated, d, n) - dLo;
        remainder = T.FusedMultiplyAdd(qNegated, dLo, remainder);
        T tanhNegated = T.FusedMultiplyAdd(remainder, reciprocalNegated, qNegated);
        return T.Select(tiny, x, T.Xor(tanhNegated, signFlip));
    }

    /// <summary>The logistic function 1/(1 + e^-x) in every lane.</summary>
    /// <remarks>
    /// With E = e^-|x| = 2^k·(1 + r + τ) and Q = 1/(1 + E) as a double-double: σ(x) = Q for x ≥ 0, and
    /// σ(x) = E·Q = 2^k·(1 + r + τ)·Q for x &lt; 0, so σ never divides infinities and stays accurate as it goes to 0.
    /// The factor 2^k is applied last, in two steps as in <see cref="Exp{T}"/>, so that only a subnormal result is
    /// rounded a second time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Sigmoid<T>(T x)
        where T : struct, ILanes<T>
    {
        T negative = T.LessThan(x, T.Create(0.0));
        T minusAbs = T.Max(T.Or(x, T.FromBits(long.MinValue)), T.Create(ExpLower));
        T t = Reduce(minusAbs, out T r, out T rLo);
        T tau = ExpTail(r, rLo);

        // 2^(k + 600) is normal for every k down to -1076; times 2^-600 it is 2^k, or, below 2^-1022, a value that only
        // meets 1 in 1 + E, where it is too small to matter.
        T scaleUp = T.ShiftLeftBits(T.AddBits(t, T.FromBits(1023 + 600)), 52);
        T d = OnePlusScaled(scaleUp * T.Create(TwoToMinus600), r, tau, out T dLo);

        // Q = 1/D: the remainder 1 - q·D is exact with an FMA. Signs are turned around so every FMA adds.
        T one = T.Create(1.0);
        T qNegated = T.Create(-1.0) / d;
        T remainder = T.FusedMultiplyAdd(qNegated, dLo, T.FusedMultiplyAdd(qNegated, d, one));
        T qLoNegated = remainder * qNegated;

        // The numerator: 1, or (1 + r + τ) as s + sLo with s = 1 + r rounded and sLo what that rounding lost, plus τ.
        T s = one + r;
        T sLo = ((one - s) + r) + tau;
        T numerator = T.Select(negative, s, one);
        T numeratorLo = T.And(negative, sLo);
        T sigmaNegated = T.FusedMultiplyAdd(numerator, qNegated, T.FusedMultiplyAdd(numerator, qLoNegated, numeratorLo * qNegated));
        return sigmaNegated * T.Select(negative, scaleUp, T.Create(TwoTo600)) * T.Create(-TwoToMinus600);
    }

    /// <summary>x = k·ln 2 + (r + rLo) with |r| ≤ ln 2 / 2; returns t, a double whose low bits hold the integer k.</summary>
    /// <remarks>Needs |x| &lt; 2^11·ln 2 (k·<see cref="Ln2Hi"/> must be exact), which the callers' clamps ensure.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Reduce<T>(T x, out T r, out T rLo)
        where T : struct, ILanes<T>
    {
        T t = T.FusedMultiplyAdd(x, T.Create(Log2E), T.Create(Shifter));
        T k = t - T.Create(Shifter);
        T rHi = T.FusedMultiplyAdd(k, T.Create(-Ln2Hi), x); // exact: x and k·ln 2 are close
        r = T.FusedMultiplyAdd(k, T.Create(-Ln2Lo), rHi);
        rLo = T.FusedMultiplyAdd(k, T.Create(-Ln2Lo), rHi - r); // what rounding r lost
        return t;
    }

    /// <summary>τ = e^(r + rLo) - 1 - r, to about 2^-58 of e^r.</summary>
    /// <remarks>
    /// τ = r²/2 + r³·Q(r) + rLo·(1 + r): r²/2 enters through the last FMA, which rounds once, so the largest term
    /// carries no error of its own. Q is evaluated in Estrin's order, which shortens the chain of dependent operations.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ExpTail<T>(T r, T rLo)
        where T : struct, ILanes<T>
    {
        T r2 = r * r;
        T r4 = r2 * r2;
        T q01 = T.FusedMultiplyAdd(T.Create(Q1), r, T.Create(Q0));
        T q23 = T.FusedMultiplyAdd(T.Create(Q3), r, T.Create(Q2));
        T q45 = T.FusedMultiplyAdd(T.Create(Q5), r, T.Create(Q4));
        T q67 = T.FusedMultiplyAdd(T.Create(Q7), r, T.Create(Q6));
        T q89 = T.FusedMultiplyAdd(T.Create(Q9), r, T.Create(Q8));
        T q0123 = T.FusedMultiplyAdd(q23, r2, q01);
        T q4567 = T.FusedMultiplyAdd(q67, r2, q45);
        T q = T.FusedMultiplyAdd(T.FusedMultiplyAdd(q89, r4, q4567), r4, q0123);
        T cubic = T.FusedMultiplyAdd(r2, r * q, T.FusedMultiplyAdd(r, rLo, rLo));
        return T.FusedMultiplyAdd(r * T.Create(0.5), r, cubic);
    }

    /// <summary>e^(r + rLo) for |r| ≤ ln 2 / 2, rounded once: (1 + r) exactly as s + e (Fast2Sum), then s + (e + τ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ExpOf<T>(T r, T rLo)
        where T : struct, ILanes<T>
    {
        T one = T.Create(1.0);
        T s = one + r;
        T e = (one - s) + r;
        return s + (e + ExpTail(r, rLo));
    }

    /// <summary>m·2^k, for k (in the low bits of t, as <see cref="Reduce{T}"/> leaves it) from -1076 to 1024.</summary>
    /// <remarks>
    /// 2^k = 2^⌊k/2⌋·2^⌈k/2⌉. Shifting t's bits right by one halves k (1.5·2^52 is even), and the low bit of k moved
    /// to the exponent field turns 2^⌊k/2⌋ into 2^⌈k/2⌉. Only the second product can round, and only below 2^-1022.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Scale<T>(T t, T m)
        where T : struct, ILanes<T>
    {
        T half = T.ShiftLeftBits(T.AddBits(T.ShiftRightBits(t, 1), T.FromBits(1023)), 52);
        T oddBit = T.ShiftRightBits(T.ShiftLeftBits(t, 63), 11);
        return m * half * T.AddBits(half, oddBit);
    }

    /// <summary>D = 1 + scale·(1 + r + τ) as a double-double d + dLo (|d| ≥ 1, |dLo| ≤ ulp(d)/2).</summary>
    /// <remarks>
    /// scale is a power of two at most 1, so 1 + scale and scale·r are exact up to one Fast2Sum each; τ only adds a small
    /// correction, which the last Fast2Sum folds in.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T OnePlusScaled<T>(T scale, T r, T tau, out T dLo)
        where T : struct, ILanes<T>
    {
        T one = T.Create(1.0);
        T a = one + scale;
        T aLo = (one - a) + scale;
        T b = scale * r;
        T d1 = a + b;
        T small = ((a - d1) + b) + T.FusedMultiplyAdd(scale, tau, aLo);
        T d = d1 + small;
        dLo = (d1 - d) + small;
        return d;
    }

    private readonly struct ExpFunction : ILaneFunction
    {
        public static T Apply<T>(T x)
            where T : struct, ILanes<T> => Exp(x);
    }

    private readonly struct LogFunction : ILaneFunction
    {
        public static T Apply<T>(T x)
            where T : struct, ILanes<T> => Log(x);
    }

    private readonly struct TanhFunction : ILaneFunction
    {
        public static T Apply<T>(T x)
            where T : struct, ILanes<T> => Tanh(x);
    }

    private readonly struct SigmoidFunction : ILaneFunction
    {
        public static T Apply<T>(T x)
            where T : struct, ILanes<T> => Sigmoid(x);
    }
}
