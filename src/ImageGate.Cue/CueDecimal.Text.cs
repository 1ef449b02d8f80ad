using System.Globalization;
using System.Numerics;
using System.Text;

namespace ImageGate.Cue;

/// <summary>Reading decimal literals (CUE's and JSON's) and writing decimals back.</summary>
internal readonly partial struct CueDecimal
{
    public static string RangeDescription { get; } =
        $"at most {MaxDigits} significant digits and exponents from -{MaxExponent} to {MaxExponent}";

    // Exponents are read saturating here: far beyond any limit, and far inside long.
    private const long ExponentCap = 1_000_000_000_000;

    /// <summary>
    /// Parses <c>[-+]digits[.digits][(e|E)[-+]digits]</c> (either digit run may be empty, not both). False when the
    /// text is malformed, or when <paramref name="outOfRange"/>: it is a number beyond the limits, refused before
    /// anything is allocated for its digits.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CueDecimal value, out bool outOfRange)
    {
        value = Zero;
        if (!Measure(text, out var shape, out outOfRange))
        {
            return false;
        }
        if (shape.Count == 0)
        {
            return true;
        }
        Span<char> digits = shape.Count <= 256 ? stackalloc char[shape.Count] : new char[shape.Count];
        for (var k = 0; k < shape.Count; k++)
        {
            digits[k] = (char)shape.DigitAt(text, shape.First + k);
        }
        var coefficient = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        value = new CueDecimal(shape.Negative ? -coefficient : coefficient, checked((int)shape.Exponent), shape.Count);
        return true;
    }

    /// <summary>Whether <see cref="TryParse"/> would accept the UTF-8 text: the same test, with no allocation.</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8) => Measure(utf8, out _, out _);

    /// <summary>
    /// Where the significant digits of a literal are: the <see cref="Count"/> digits from mantissa digit
    /// <see cref="First"/> (counting the integer part, then the fraction), the last of them at 10^<see cref="Exponent"/>.
    /// </summary>
    private readonly record struct Shape(bool Negative, int IntStart, int IntLength, int FracStart, int First, int Count, long Exponent)
    {
        public int DigitAt<T>(ReadOnlySpan<T> s, int k) where T : unmanaged, IBinaryInteger<T> =>
            int.CreateTruncating(s[k < IntLength ? IntStart + k : FracStart + k - IntLength]);
    }

    // Generic over the code unit so that policy text (UTF-16) and statement bytes (UTF-8) share one reading.
    private static bool Measure<T>(ReadOnlySpan<T> s, out Shape shape, out bool outOfRange) where T : unmanaged, IBinaryInteger<T>
    {
        shape = default;
        outOfRange = false;
        var i = 0;
        var negative = At(s, 0) == '-';
        if (At(s, 0) is '-' or '+')
        {
            i++;
        }
        var intStart = i;
        while (IsDigit(At(s, i)))
        {
            i++;
        }
        var intLength = i - intStart;
        var fracStart = i;
        if (At(s, i) == '.')
        {
            fracStart = ++i;
            while (IsDigit(At(s, i)))
            {
                i++;
            }
        }
        var fracLength = i - fracStart;
        if (intLength + fracLength == 0)
        {
            return false;
        }
        long exponent = 0;
        if (At(s, i) is 'e' or 'E')
        {
            var negativeExponent = At(s, ++i) == '-';
            if (At(s, i) is '-' or '+')
            {
                i++;
            }
            var expStart = i;
            for (; IsDigit(At(s, i)); i++)
            {
                exponent = Math.Min(exponent * 10 + (At(s, i) - '0'), ExponentCap);
            }
            if (i == expStart)
            {
                return false;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i != s.Length)
        {
            return false;
        }
        var probe = new Shape(negative, intStart, intLength, fracStart, 0, 0, 0);
        var length = intLength + fracLength;
        var first = 0;
        while (first < length && probe.DigitAt(s, first) == '0')
        {
            first++;
        }
        if (first == length)
        {
            shape = probe;
            return true;
        }
        var last = length - 1;
        while (probe.DigitAt(s, last) == '0')
        {
            last--;
        }
        var count = last - first + 1;
        // The last significant digit's place: the written exponent, less the fraction, plus the zeros dropped after it.
        var place = exponent - fracLength + (length - 1 - last);
        shape = probe with { First = first, Count = count, Exponent = place };
        outOfRange = count > MaxDigits || Math.Abs(place + count - 1) > MaxExponent;
        return !outOfRange;
    }

    // The code unit at i as an int, -1 past the end.
    private static int At<T>(ReadOnlySpan<T> s, int i) where T : unmanaged, IBinaryInteger<T> =>
        i < s.Length ? int.CreateTruncating(s[i]) : -1;

    private static bool IsDigit(int c) => c is >= '0' and <= '9';

    /// <summary>
    /// CUE notation: an int as its digits; a float with a point (<c>2.0</c>, <c>0.001</c>) unless its leading digit is
    /// beyond 10^20 or below 10^-6, then scientific as apd writes it (<c>1.5E-300</c>).
    /// </summary>
    public string ToString(bool isInt)
    {
        if (Sign == 0)
        {
            return isInt ? "0" : "0.0";
        }
        var digits = BigInteger.Abs(Coefficient).ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(Sign < 0 ? "-" : "");
        var adjusted = AdjustedExponent;
        if (Exponent >= 0 && (isInt || adjusted <= 20))
        {
            sb.Append(digits).Append('0', Exponent).Append(isInt ? "" : ".0");
        }
        else if (Exponent < 0 && adjusted >= -6)
        {
            if (adjusted >= 0)
            {
                sb.Append(digits.AsSpan(0, (int)adjusted + 1)).Append('.').Append(digits.AsSpan((int)adjusted + 1));
            }
            else
            {
                sb.Append("0.").Append('0', (int)-adjusted - 1).Append(digits);
            }
        }
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits.AsSpan(1));
            }
            sb.Append('E').Append(adjusted < 0 ? '-' : '+').Append(Math.Abs(adjusted).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    public override string ToString() => ToString(isInt: Exponent >= 0);
}
