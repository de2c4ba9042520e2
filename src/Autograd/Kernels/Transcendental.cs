using System.Runtime.CompilerServices;

namespace Autograd.Kernels;

/// <summary>
/// The library's own exp, log, tanh, sigmoid, sin, cos and pow, so that results are the same bits on every machine.
/// <c>Math.Exp</c> and its relatives call the platform's C library, and <c>TensorPrimitives.Exp</c> and its relatives
/// give different bits at different vector widths; neither can be used where a run must be reproducible anywhere.
/// </summary>
/// <remarks>
/// <para>
/// Exp, Log, Tanh and Sigmoid are written once, generic over <see cref="ILanes{TSelf}"/>: one double or a vector of
/// them, each lane going through the same exactly rounded operations in the same order. The scalar overloads are the
/// generic ones at <see cref="Lanes1"/> and the span overloads run them with <see cref="LaneLoops"/>, so a scalar op and
/// a tensor op give the same bits by construction. Special values (NaN, ±∞, ±0, subnormals, overflow) are handled with
/// masks, never with a branch on a lane's value. Sin, Cos and Pow are scalar only.
/// </para>
/// <para>
/// Every function ends with one rounding of a value carried with more than double precision (a double-double, or a
/// double plus a small correction), which keeps the error near half an ulp: the worst cases measured against values
/// computed to 200 bits are 0.56 ulp for exp, sin, cos and pow, 0.61 for tanh and sigmoid, and 0.64 for log (just below
/// √2/2·2^k, where k·ln 2 and log m nearly cancel). Results in the subnormal range are rounded twice, and can be up to
/// 0.75 ulp away.
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

    /// <summary>ln 2 - <see cref="Ln2Hi"/> - <see cref="Ln2Lo"/> (about 1.9e-31), for the double-double log of Pow.</summary>
    private const double Ln2Lo2 = 1.94704509238075E-31;

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

    /// <summary>2^-27: below this tanh x and sin x round to x.</summary>
    private const double TwoToMinus27 = 7.450580596923828E-09;

    /// <summary>Above this tanh(x) rounds to 1 (from about 19.06).</summary>
    private const double TanhSaturation = 20.0;

    /// <summary>x = n·π/2 + r is reduced with Cody-Waite below this, and bit by bit (Payne-Hanek) above.</summary>
    private const double CodyWaiteLimit = 1073741824.0; // 2^30

    /// <summary>2^-126.</summary>
    private const double TwoToMinus126 = 1.1754943508222875E-38;

    /// <summary>2/π (0x1.45f306dc9c883p-1).</summary>
    private const double TwoOverPi = 0.6366197723675814;

    /// <summary>π/2 rounded to double (0x1.921fb54442d18p0); with <see cref="PiOver2B"/> and <see cref="PiOver2C"/>, π/2 to 159 bits.</summary>
    private const double PiOver2A = 1.5707963267948966;

    /// <summary>π/2 - <see cref="PiOver2A"/> rounded (0x1.1a62633145c07p-54).</summary>
    private const double PiOver2B = 6.123233995736766E-17;

    /// <summary>π/2 - <see cref="PiOver2A"/> - <see cref="PiOver2B"/> rounded (-0x1.f1976b7ed8fbcp-110).</summary>
    private const double PiOver2C = -1.4973849048591698E-33;

    /// <summary>-1/6 rounded (-0x1.5555555555555p-3), and the rest of it below.</summary>
    private const double MinusSixthHi = -0.16666666666666666;

    private const double MinusSixthLo = -9.25185853854297E-18;

    // (sin r - r + r³/6) / r^5 ≈ S0 + S1·z + ... + S5·z^5 with z = r², |r| ≤ π/4; relative error of sin below 2^-68.
    private const double S0 = 0.00833333333333333; // 0x1.111111111110fp-7
    private const double S1 = -0.00019841269841260967; // -0x1.a01a01a019350p-13
    private const double S2 = 2.75573192167514E-06; // 0x1.71de3a53cb690p-19
    private const double S3 = -2.505210548793548E-08; // -0x1.ae64533c2e14dp-26
    private const double S4 = 1.6058431520241517E-10; // 0x1.6120eec994eb7p-33
    private const double S5 = -7.581589446325937E-13; // -0x1.aace3809a43dcp-41

    // (cos r - 1 + r²/2) / r^4 ≈ C0 + C1·z + ... + C5·z^5 with z = r², |r| ≤ π/4; relative error of cos below 2^-63.
    private const double C0 = 0.041666666666666595; // 0x1.555555555554bp-5
    private const double C1 = -0.0013888888888873054; // -0x1.6c16c16c14f90p-10
    private const double C2 = 2.480158728885015E-05; // 0x1.a01a019c8432ap-16
    private const double C3 = -2.755731417883557E-07; // -0x1.27e4f7eaaf77dp-22
    private const double C4 = 2.087570077772098E-09; // 0x1.1ee9d7a613111p-29
    private const double C5 = -1.1358533116270552E-11; // -0x1.8fa4922e5ae92p-37

    /// <summary>
    /// The first 1216 bits of 2/π after the binary point, 64 to a word, most significant first: enough for the
    /// reduction of any double (the largest needs bits 970 to 1161).
    /// </summary>
    private static ReadOnlySpan<ulong> TwoOverPiBits =>
    [
        0xA2F9836E4E441529, 0xFC2757D1F534DDC0, 0xDB6295993C439041, 0xFE5163ABDEBBC561, 0xB7246E3A424DD2E0,
        0x06492EEA09D1921C, 0xFE1DEB1CB129A73E, 0xE88235F52EBB4484, 0xE99C7026B45F7E41, 0x3991D639835339F4,
        0x9C845F8BBDF9283B, 0x1FF897FFDE05980F, 0xEF2F118B5A0A6D1F, 0x6D367ECF27CB09B7, 0x4F463F669E5FEA2D,
        0x7527BAC7EBE5F17B, 0x3D0739F78A5292EA, 0x6BFB5FB11F8D5D08, 0x56033046FC7B6BAB,
    ];

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
    /// With E = e^-|x| = 2^k·(1 + r + τ), 1 + r + τ as a double-double s + sLo, and Q = 1/(1 + E) as a double-double:
    /// σ(x) = Q for x ≥ 0, and σ(x) = E·Q = 2^k·(s + sLo)·Q for x &lt; 0, so σ never divides infinities and stays
    /// accurate as it goes to 0.
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

        // e^r = 1 + r + τ as s + sLo, with s = 1 + r rounded and sLo what that rounding lost, plus τ.
        T one = T.Create(1.0);
        T s = one + r;
        T sLo = ((one - s) + r) + tau;

        // D = 1 + 2^k·(s + sLo) as d + dLo. 2^(k + 600) is normal for every k down to -1076; times 2^-600 it is 2^k, or,
        // below 2^-1022, a value that only meets 1 in 1 + E, where it is too small to matter.
        T scaleUp = T.ShiftLeftBits(T.AddBits(t, T.FromBits(1023 + 600)), 52);
        T scale = scaleUp * T.Create(TwoToMinus600);
        T scaled = scale * s; // exact, and at most 1
        T d1 = one + scaled;
        T small = T.FusedMultiplyAdd(scale, sLo, (one - d1) + scaled);
        T d = d1 + small;
        T dLo = (d1 - d) + small;

        // Q = 1/D: the remainder 1 - q·D is exact with an FMA. Signs are turned around so every FMA adds.
        T qNegated = T.Create(-1.0) / d;
        T remainder = T.FusedMultiplyAdd(qNegated, dLo, T.FusedMultiplyAdd(qNegated, d, one));
        T qLoNegated = remainder * qNegated;

        // σ = 1·Q, or (s + sLo)·Q to be scaled by 2^k.
        T numerator = T.Select(negative, s, one);
        T numeratorLo = T.And(negative, sLo);
        T sigmaNegated = T.FusedMultiplyAdd(numerator, qNegated, T.FusedMultiplyAdd(numerator, qLoNegated, numeratorLo * qNegated));
        return sigmaNegated * T.Select(negative, scaleUp, T.Create(TwoTo600)) * T.Create(-TwoToMinus600);
    }

    /// <summary>The sine of x (radians).</summary>
    /// <remarks>
    /// x = n·π/2 + r with |r| ≤ π/4, r carried as a double-double: Cody-Waite with π/2 in three doubles (159 bits)
    /// for |x| &lt; 2^30, and Payne-Hanek, multiplying by 2/π taken bit by bit from a table, above. The result is then
    /// ±sin r or ±cos r by quadrant, from polynomials that round once at the end; within 1 ulp for every finite x.
    /// </remarks>
    internal static double Sin(double x)
    {
        if (!double.IsFinite(x))
        {
            return double.NaN;
        }

        if (Math.Abs(x) < TwoToMinus27)
        {
            return x; // sin x rounds to x below 2^-27; this also keeps the sign of ±0
        }

        int quadrant = ReduceQuarterTurns(x, out double r, out double rLo);
        double result = (quadrant & 1) == 0 ? SinKernel(r, rLo) : CosKernel(r, rLo);
        return (quadrant & 2) == 0 ? result : -result;
    }

    /// <summary>The cosine of x (radians); see <see cref="Sin(double)"/> for the method.</summary>
    internal static double Cos(double x)
    {
        if (!double.IsFinite(x))
        {
            return double.NaN;
        }

        int quadrant = ReduceQuarterTurns(x, out double r, out double rLo);
        double result = (quadrant & 1) == 0 ? CosKernel(r, rLo) : SinKernel(r, rLo);
        return ((quadrant + 1) & 2) == 0 ? result : -result;
    }

    /// <summary>x raised to the power y, with the special cases of <c>Math.Pow</c> (C99 Annex F).</summary>
    /// <remarks>
    /// |x|^y = e^(y·log|x|), with log|x| as a double-double good to about 2^-100, y·log|x| as a double-double, and e^ of
    /// that through the same steps as <see cref="Exp{T}"/> with the low part added to the reduced argument. A negative x
    /// needs an integer y, whose parity gives the sign.
    /// </remarks>
    internal static double Pow(double x, double y)
    {
        if (y == 0 || x == 1)
        {
            return 1.0;
        }

        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

        double ax = Math.Abs(x);
        if (double.IsInfinity(y))
        {
            return ax == 1 ? 1.0 : (ax < 1) == (y > 0) ? 0.0 : double.PositiveInfinity;
        }

        bool oddY = IsOddInteger(y);
        if (x == 0)
        {
            return y > 0 ? (oddY ? x : 0.0) : (oddY ? 1 / x : double.PositiveInfinity);
        }

        if (double.IsInfinity(x))
        {
            double magnitude = y > 0 ? double.PositiveInfinity : 0.0;
            return x < 0 && oddY ? -magnitude : magnitude;
        }

        double sign = 1.0;
        if (x < 0)
        {
            if (Math.Floor(y) != y)
            {
                return double.NaN;
            }

            sign = oddY ? -1.0 : 1.0;
        }

        var (logHi, logLo) = LogDoubleDouble(ax);
        double product = y * logHi;
        if (product > ExpUpper)
        {
            return sign * double.PositiveInfinity;
        }

        if (product < ExpLower)
        {
            return sign * 0.0;
        }

        // The low part of y·log|x| (up to 2^-43) is far larger than what ExpOf's first-order rLo term allows, so it is
        // folded into the reduced argument itself, leaving a low part below half an ulp of r.
        double productLo = Math.FusedMultiplyAdd(y, logHi, -product) + (y * logLo);
        var t = Reduce(Lanes1.Create(product), out Lanes1 r, out Lanes1 rLo);
        var carry = rLo + Lanes1.Create(productLo);
        var reduced = r + carry;
        var reducedLo = (r - reduced) + carry;
        return sign * Scale(t, ExpOf(reduced, reducedLo)).Value;
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
    /// carries no error of its own. Q is evaluated as five independent pairs, then by Horner's rule in r²: half the chain
    /// of dependent operations of plain Horner, for one multiplication more.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ExpTail<T>(T r, T rLo)
        where T : struct, ILanes<T>
    {
        T r2 = r * r;
        T q01 = T.FusedMultiplyAdd(T.Create(Q1), r, T.Create(Q0));
        T q23 = T.FusedMultiplyAdd(T.Create(Q3), r, T.Create(Q2));
        T q45 = T.FusedMultiplyAdd(T.Create(Q5), r, T.Create(Q4));
        T q67 = T.FusedMultiplyAdd(T.Create(Q7), r, T.Create(Q6));
        T q89 = T.FusedMultiplyAdd(T.Create(Q9), r, T.Create(Q8));
        T q = T.FusedMultiplyAdd(T.FusedMultiplyAdd(T.FusedMultiplyAdd(T.FusedMultiplyAdd(q89, r2, q67), r2, q45), r2, q23), r2, q01);
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

    /// <summary>x = n·π/2 + (r + rLo) with |r| ≤ π/4 (a little more when n is off by one for huge x); returns n mod 4.</summary>
    private static int ReduceQuarterTurns(double x, out double r, out double rLo)
    {
        if (Math.Abs(x) <= Math.PI / 4)
        {
            r = x;
            rLo = 0;
            return 0;
        }

        if (Math.Abs(x) >= CodyWaiteLimit)
        {
            return ReduceQuarterTurnsLarge(x, out r, out rLo);
        }

        // n·π/2 subtracted part by part: x - n·A is exact (it is a multiple of 2^-53 below 1), n·B is split exactly by
        // an FMA, and the rounding errors of both subtractions are kept.
        double n = ((x * TwoOverPi) + Shifter) - Shifter;
        double r1 = Math.FusedMultiplyAdd(-n, PiOver2A, x);
        double nB = n * PiOver2B;
        double nBError = Math.FusedMultiplyAdd(n, PiOver2B, -nB);
        var (difference, differenceError) = TwoSum(r1, -nB);
        double low = (differenceError - nBError) - (n * PiOver2C);
        (r, rLo) = FastTwoSum(difference, low);
        return (int)((long)n & 3);
    }

    /// <summary>Payne-Hanek: x·2/π mod 4 from a window of 192 bits of 2/π, exact integer arithmetic, for |x| ≥ 2^30.</summary>
    private static int ReduceQuarterTurnsLarge(double x, out double r, out double rLo)
    {
        // |x| = m·2^q with m a 53-bit integer, and x·2/π = m·Σ b_i·2^(q - i) over the bits b_i of 2/π. Bits with
        // i ≤ q - 2 add multiples of 4, so the window starts at bit q - 1, and V = x·2/π mod 4 is the product
        // m·(window) taken mod 2^192, in units of 2^-190.
        long bits = BitConverter.DoubleToInt64Bits(x);
        ulong m = ((ulong)bits & 0x000FFFFFFFFFFFFF) | (1UL << 52);
        int q = (int)((bits >> 52) & 0x7FF) - 1075;
        ulong w0 = TwoOverPiWord(q - 1);
        ulong w1 = TwoOverPiWord(q + 63);
        ulong w2 = TwoOverPiWord(q + 127);
        ulong high2 = Math.BigMul(m, w2, out _);
        ulong high1 = Math.BigMul(m, w1, out ulong low1);
        UInt128 v = ((UInt128)((m * w0) + high1) << 64) + low1 + high2; // V·2^126, wrapping mod 2^128 = mod 4

        // The nearest integer n, and f = V - n in [-1/2, 1/2) as a signed 126-bit fraction.
        UInt128 rounded = v + (UInt128.One << 125);
        int n = (int)(rounded >> 126);
        Int128 fraction = (Int128)(rounded & ((UInt128.One << 126) - 1)) - (Int128.One << 125);
        double fHi = (double)fraction;
        double fLo = (double)(fraction - (Int128)fHi);

        // r = f·π/2, scaled back by 2^-126.
        double product = fHi * PiOver2A;
        double productLo = Math.FusedMultiplyAdd(fHi, PiOver2A, -product) + ((fHi * PiOver2B) + (fLo * PiOver2A));
        (r, rLo) = FastTwoSum(product, productLo);
        r *= TwoToMinus126;
        rLo *= TwoToMinus126;
        if (x < 0)
        {
            r = -r;
            rLo = -rLo;
            n = -n;
        }

        return n & 3;
    }

    /// <summary>Bits start to start + 63 of 2/π (bit 1 is the first after the point), zero before the point.</summary>
    private static ulong TwoOverPiWord(int start)
    {
        if (start < 1)
        {
            return start > -63 ? TwoOverPiWord(1) >> (1 - start) : 0;
        }

        int index = (start - 1) >> 6;
        int shift = (start - 1) & 63;
        ulong word = TwoOverPiBits[index] << shift;
        return shift == 0 ? word : word | (TwoOverPiBits[index + 1] >> (64 - shift));
    }

    /// <summary>sin(r + rLo) for |r| ≤ π/4: r - r³/6 + r^5·S(r²) + rLo·(1 - r²/2), rounded once.</summary>
    /// <remarks>r³ and -1/6 are split exactly into high and low parts, and r - r³/6 is summed exactly (Fast2Sum).</remarks>
    private static double SinKernel(double r, double rLo)
    {
        double z = r * r;
        double cube = z * r;
        double cubeLo = Math.FusedMultiplyAdd(z, r, -cube) + (Math.FusedMultiplyAdd(r, r, -z) * r);
        double s = S0 + (z * (S1 + (z * (S2 + (z * (S3 + (z * (S4 + (z * S5)))))))));
        double small = Math.FusedMultiplyAdd(cube * z, s, Math.FusedMultiplyAdd(rLo, Math.FusedMultiplyAdd(-0.5, z, 1.0), cubeLo * MinusSixthHi));
        double sixth = cube * MinusSixthHi;
        double sixthLo = Math.FusedMultiplyAdd(cube, MinusSixthHi, -sixth) + (cube * MinusSixthLo);
        var (sum, sumLo) = FastTwoSum(r, sixth);
        return sum + (sumLo + (sixthLo + small));
    }

    /// <summary>cos(r + rLo) for |r| ≤ π/4: (1 - r²/2) exactly as a double-double, plus r^4·C(r²) - r·rLo.</summary>
    /// <remarks>r² and r^4 carry their rounding errors, so the last FMA is the only rounding of the r^4 term.</remarks>
    private static double CosKernel(double r, double rLo)
    {
        double z = r * r;
        double zLo = Math.FusedMultiplyAdd(r, r, -z);
        double h = 0.5 * z;
        double a = 1.0 - h;
        double aLo = (1.0 - a) - h; // exact: h ≤ 0.31
        double z2 = z * z;
        double z2Lo = Math.FusedMultiplyAdd(z, z, -z2) + (2.0 * z * zLo);
        double c = C0 + (z * (C1 + (z * (C2 + (z * (C3 + (z * (C4 + (z * C5)))))))));
        double tail = Math.FusedMultiplyAdd(z2, c, Math.FusedMultiplyAdd(z2Lo, c, aLo - (0.5 * zLo) - (r * rLo)));
        return a + tail;
    }

    /// <summary>log x for positive finite x as a double-double, good to about 2^-100 relative.</summary>
    /// <remarks>
    /// x = 2^k·(1 + f) as in <see cref="Log{T}"/>, s = f/(2 + f) and log(1 + f) = 2 atanh s = s·(2 + (2/3)·s² + (2/5)·s^4
    /// + ...), the first three terms in double-double arithmetic and the rest (a Taylor tail up to s^26) in double.
    /// </remarks>
    private static (double Hi, double Lo) LogDoubleDouble(double x)
    {
        int k = 0;
        if (x < SmallestNormal)
        {
            x *= TwoTo54;
            k = -54;
        }

        long shifted = BitConverter.DoubleToInt64Bits(x) + (0x3FF0000000000000 - SqrtHalfBits);
        k += (int)(shifted >> 52) - 1023;
        double f = BitConverter.Int64BitsToDouble((shifted & 0x000FFFFFFFFFFFFF) + SqrtHalfBits) - 1.0;

        // s = f/(2 + f), with the denominator and the quotient both as double-doubles.
        var (d, dLo) = FastTwoSum(2.0, f);
        double s = f / d;
        double sLo = (Math.FusedMultiplyAdd(-s, d, f) - (s * dLo)) / d;
        var z = Multiply((s, sLo), (s, sLo));

        double zz = z.Hi;
        double taylor = 0.07407407407407407; // 2/27
        taylor = Math.FusedMultiplyAdd(taylor, zz, 0.08); // 2/25
        taylor = Math.FusedMultiplyAdd(taylor, zz, 0.08695652173913043); // 2/23
        taylor = Math.FusedMultiplyAdd(taylor, zz, 0.09523809523809523); // 2/21
        taylor = Math.FusedMultiplyAdd(taylor, zz, 0.10526315789473684); // 2/19
        taylor = Math.FusedMultiplyAdd(taylor, zz, 0.11764705882352941); // 2/17
        taylor = Math.FusedMultiplyAdd(taylor, zz, 0.13333333333333333); // 2/15
        taylor = Math.FusedMultiplyAdd(taylor, zz, 0.15384615384615385); // 2/13
        taylor = Math.FusedMultiplyAdd(taylor, zz, 0.18181818181818182); // 2/11
        taylor = Math.FusedMultiplyAdd(taylor, zz, 0.2222222222222222); // 2/9
        taylor = Math.FusedMultiplyAdd(taylor, zz, 0.2857142857142857); // 2/7
        var series = Add((0.4, -2.2204460492503132E-17), Multiply(z, (taylor, 0.0))); // 2/5 + ...
        series = Add((0.6666666666666666, 3.700743415417188E-17), Multiply(z, series)); // 2/3 + ...
        series = Add((2.0, 0.0), Multiply(z, series));
        var log1p = Multiply((s, sLo), series);

        double kLn2Lo = k * Ln2Lo;
        double kLn2LoError = Math.FusedMultiplyAdd(k, Ln2Lo, -kLn2Lo) + (k * Ln2Lo2);
        return Add(FastTwoSum(k * Ln2Hi, kLn2Lo + kLn2LoError), log1p);
    }

    /// <summary>Whether y is an odd integer (all doubles of magnitude 2^53 and above are even).</summary>
    private static bool IsOddInteger(double y) => Math.Abs(y) < 9007199254740992.0 && Math.Floor(y) == y && Math.Floor(y * 0.5) * 2 != y;

    /// <summary>a + b as hi + lo exactly, for |a| ≥ |b| or a = 0.</summary>
    private static (double Hi, double Lo) FastTwoSum(double a, double b)
    {
        double sum = a + b;
        return (sum, (a - sum) + b);
    }

    /// <summary>a + b as hi + lo exactly, whatever the magnitudes.</summary>
    private static (double Hi, double Lo) TwoSum(double a, double b)
    {
        double sum = a + b;
        double bPart = sum - a;
        return (sum, (a - (sum - bPart)) + (b - bPart));
    }

    /// <summary>The product of two double-doubles, to about 2^-104 relative.</summary>
    private static (double Hi, double Lo) Multiply((double Hi, double Lo) a, (double Hi, double Lo) b)
    {
        double product = a.Hi * b.Hi;
        double error = Math.FusedMultiplyAdd(a.Hi, b.Hi, -product) + ((a.Hi * b.Lo) + (a.Lo * b.Hi));
        return FastTwoSum(product, error);
    }

    /// <summary>The sum of two double-doubles, to about 2^-104 relative unless the two nearly cancel.</summary>
    private static (double Hi, double Lo) Add((double Hi, double Lo) a, (double Hi, double Lo) b)
    {
        var (sum, error) = TwoSum(a.Hi, b.Hi);
        return FastTwoSum(sum, error + a.Lo + b.Lo);
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
