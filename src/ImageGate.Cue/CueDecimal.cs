using System.Numerics;

namespace ImageGate.Cue;

/// <summary>
/// An exact decimal, <see cref="Coefficient"/> × 10^<see cref="Exponent"/>, as CUE's numbers are (the spec makes them
/// arbitrary precision; cue uses apd). Always normalized (no trailing zero in the coefficient, zero is 0 × 10^0), so
/// equal values have equal fields and <c>0.10</c>, <c>1e-1</c> and <c>-0.0</c> need no special cases.
/// </summary>
/// <remarks>
/// Size is bounded because numbers come from statements: at most <see cref="MaxDigits"/> significant digits and a
/// scientific exponent (of the leading digit) within ±<see cref="MaxExponent"/>. Within those, every operation here
/// touches at most about 2 × (MaxExponent + MaxDigits) digits, so no literal or operation can make a big allocation;
/// beyond them parsing refuses and the evaluator fails closed with <see cref="CueErrorCodes.Limit"/>. apd allows
/// exponents to ±100000; nothing a policy or a statement plausibly holds comes near either bound.
/// There is no division: the parser refuses <c>/</c>, <c>div</c>, <c>mod</c>, <c>quo</c> and <c>rem</c>. Adding
/// <c>/</c> would mean cue's rule (an int quotient when exact, else a float rounded to <see cref="FloatPrecision"/>).
/// </remarks>
internal readonly partial struct CueDecimal : IEquatable<CueDecimal>, IComparable<CueDecimal>
{
    public const int MaxDigits = 1000;

    public const int MaxExponent = 10000;

    /// <summary>CUE rounds float arithmetic to 34 significant digits (its apd context), half away from zero.</summary>
    public const int FloatPrecision = 34;

    // 10^n for the small shifts that alignment and normalization mostly need.
    private static readonly BigInteger[] SmallPowers = [.. Enumerable.Range(0, 40).Select(n => BigInteger.Pow(10, n))];

    private readonly int _digits;

    private CueDecimal(BigInteger coefficient, int exponent, int digits)
    {
        Coefficient = coefficient;
        Exponent = exponent;
        _digits = digits;
    }

    public static CueDecimal Zero => default;

    /// <summary>Signed; never divisible by 10 unless zero.</summary>
    public BigInteger Coefficient { get; }

    public int Exponent { get; }

    /// <summary>Digits of the coefficient (1 for zero; <c>default</c> is zero too).</summary>
    public int Digits => _digits == 0 ? 1 : _digits;

    public int Sign => Coefficient.Sign;

    /// <summary>The exponent in scientific notation: the place of the leading digit.</summary>
    public long AdjustedExponent => (long)Exponent + Digits - 1;

    public bool IsInRange => Digits <= MaxDigits && Math.Abs(AdjustedExponent) <= MaxExponent;

    /// <summary>Normalizes <paramref name="coefficient"/> × 10^<paramref name="exponent"/>.</summary>
    public static CueDecimal Create(BigInteger coefficient, long exponent)
    {
        if (coefficient.IsZero)
        {
            return Zero;
        }
        // Strip trailing zeros sixteen at a time, then one at a time: a product or sum has at most as many as digits.
        while (BigInteger.DivRem(coefficient, SmallPowers[16], out var r) is var q && r.IsZero)
        {
            (coefficient, exponent) = (q, exponent + 16);
        }
        while (BigInteger.DivRem(coefficient, 10, out var r) is var q && r.IsZero)
        {
            (coefficient, exponent) = (q, exponent + 1);
        }
        // Operands in range keep exponents near ±(MaxExponent + MaxDigits) × 2, far inside int.
        return new CueDecimal(coefficient, checked((int)exponent), CountDigits(BigInteger.Abs(coefficient)));
    }

    public static BigInteger Pow10(int n) => n < SmallPowers.Length ? SmallPowers[n] : BigInteger.Pow(10, n);

    private static int CountDigits(BigInteger magnitude)
    {
        // 2^(bits-1) <= m < 2^bits puts the digit count at the estimate or one above; the check below the
        // estimate only guards the floating-point product.
        var bits = (long)magnitude.GetBitLength();
        var estimate = (int)((bits - 1) * 0.30102999566398120) + 1;
        if (estimate > 1 && magnitude < Pow10(estimate - 1))
        {
            estimate--;
        }
        return magnitude >= Pow10(estimate) ? estimate + 1 : estimate;
    }

    public int CompareTo(CueDecimal other)
    {
        if (Sign != other.Sign || Sign == 0)
        {
            return Sign.CompareTo(other.Sign);
        }
        // Same sign: the leading digit's place decides, unless equal; then the exponents differ by less than the
        // digit counts do, so aligning the coefficients is cheap.
        var magnitude = AdjustedExponent != other.AdjustedExponent
            ? AdjustedExponent.CompareTo(other.AdjustedExponent)
            : BigInteger.Abs(Aligned(other, out var theirs)).CompareTo(BigInteger.Abs(theirs));
        return Sign > 0 ? magnitude : -magnitude;
    }

    /// <summary>Both coefficients scaled to the smaller exponent: this one returned, the other's in <paramref name="theirs"/>.</summary>
    private BigInteger Aligned(CueDecimal other, out BigInteger theirs)
    {
        var e = Math.Min(Exponent, other.Exponent);
        theirs = other.Coefficient * Pow10(other.Exponent - e);
        return Coefficient * Pow10(Exponent - e);
    }

    public static CueDecimal operator +(CueDecimal a, CueDecimal b) =>
        a.Sign == 0 ? b : b.Sign == 0 ? a : Create(a.Aligned(b, out var c) + c, Math.Min(a.Exponent, b.Exponent));

    public static CueDecimal operator -(CueDecimal a, CueDecimal b) => a + -b;

    public static CueDecimal operator -(CueDecimal a) => new(-a.Coefficient, a.Exponent, a._digits);

    public static CueDecimal operator *(CueDecimal a, CueDecimal b) =>
        Create(a.Coefficient * b.Coefficient, (long)a.Exponent + b.Exponent);

    /// <summary>Rounded to <paramref name="precision"/> significant digits, ties away from zero (apd's RoundHalfUp).</summary>
    public CueDecimal Round(int precision)
    {
        if (Digits <= precision)
        {
            return this;
        }
        var drop = Digits - precision;
        var divisor = Pow10(drop);
        var q = BigInteger.DivRem(BigInteger.Abs(Coefficient), divisor, out var r);
        if (r * 2 >= divisor)
        {
            q += 1;
        }
        return Create(Sign < 0 ? -q : q, (long)Exponent + drop);
    }

    public bool Equals(CueDecimal other) => Exponent == other.Exponent && Coefficient.Equals(other.Coefficient);

    public override bool Equals(object? obj) => obj is CueDecimal other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Coefficient, Exponent);

    public static bool operator ==(CueDecimal a, CueDecimal b) => a.Equals(b);

    public static bool operator !=(CueDecimal a, CueDecimal b) => !a.Equals(b);

    public static bool operator <(CueDecimal a, CueDecimal b) => a.CompareTo(b) < 0;

    public static bool operator >(CueDecimal a, CueDecimal b) => a.CompareTo(b) > 0;

    public static bool operator <=(CueDecimal a, CueDecimal b) => a.CompareTo(b) <= 0;

    public static bool operator >=(CueDecimal a, CueDecimal b) => a.CompareTo(b) >= 0;
}
