using System.Globalization;

namespace ImageGate.Verification.Cue;

/// <summary>
/// A CUE number: int or float (distinct kinds, as in CUE: <c>1 &amp; 1.0</c> conflicts) with a decimal value when
/// it fits and a double otherwise. Arbitrary precision is out of scope; JSON numbers beyond decimal fall back to
/// double, which is exact for every integer a statement plausibly holds.
/// </summary>
internal readonly record struct CueNumber(bool IsInt, decimal? Decimal, double Double, string Text)
{
    public static bool TryParse(string text, bool isInt, out CueNumber number)
    {
        number = default;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsInfinity(d))
        {
            return false;
        }
        decimal? dec = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : null;
        number = new CueNumber(isInt, dec, d, text);
        return true;
    }

    public static CueNumber FromDecimal(decimal value, bool isInt) =>
        new(isInt, value, (double)value, value.ToString(CultureInfo.InvariantCulture));

    public int CompareTo(CueNumber other) =>
        Decimal is { } a && other.Decimal is { } b ? a.CompareTo(b) : Double.CompareTo(other.Double);

    public bool ValueEquals(CueNumber other) => CompareTo(other) == 0;

    public override string ToString() => Text;
}
