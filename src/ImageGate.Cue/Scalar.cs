namespace ImageGate.Cue;

/// <summary>A concrete scalar: null, bool, number, string or bytes.</summary>
internal sealed class Scalar
{
    private Scalar(Kind kind, bool b = false, CueNumber n = default, string? s = null, byte[]? bytes = null)
    {
        Kind = kind;
        Bool = b;
        Number = n;
        String = s;
        Bytes = bytes;
    }

    public static Scalar Null { get; } = new(Kind.Null);

    public static Scalar True { get; } = new(Kind.Bool, b: true);

    public static Scalar False { get; } = new(Kind.Bool, b: false);

    public Kind Kind { get; }

    public bool Bool { get; }

    public CueNumber Number { get; }

    public string? String { get; }

    public byte[]? Bytes { get; }

    public static Scalar Of(bool b) => b ? True : False;

    public static Scalar Of(CueNumber n) => new(n.IsInt ? Kind.Int : Kind.Float, n: n);

    public static Scalar Of(string s) => new(Kind.String, s: s);

    public static Scalar Of(byte[] b) => new(Kind.Bytes, bytes: b);

    /// <summary>Equality as unification sees it: an int never equals a float.</summary>
    public bool SameAs(Scalar other) => Kind == other.Kind && Kind switch
    {
        Kind.Null => true,
        Kind.Bool => Bool == other.Bool,
        Kind.Int or Kind.Float => Number.ValueEquals(other.Number),
        Kind.String => string.Equals(String, other.String, StringComparison.Ordinal),
        Kind.Bytes => Bytes!.AsSpan().SequenceEqual(other.Bytes),
        _ => false,
    };

    /// <summary>Ordering for bounds and comparisons; null when the kinds cannot be ordered against each other.</summary>
    public int? CompareTo(Scalar other)
    {
        if ((Kind & Kind.Number) != 0 && (other.Kind & Kind.Number) != 0)
        {
            return Number.CompareTo(other.Number);
        }
        if (Kind == Kind.String && other.Kind == Kind.String)
        {
            return CompareCodePoints(String!, other.String!);
        }
        if (Kind == Kind.Bytes && other.Kind == Kind.Bytes)
        {
            return Bytes!.AsSpan().SequenceCompareTo(other.Bytes);
        }
        return null;
    }

    /// <summary>CUE (Go) orders strings by UTF-8 bytes, which is code-point order, not UTF-16 order.</summary>
    private static int CompareCodePoints(string a, string b)
    {
        var ea = a.EnumerateRunes();
        var eb = b.EnumerateRunes();
        while (true)
        {
            var ha = ea.MoveNext();
            var hb = eb.MoveNext();
            if (!ha || !hb)
            {
                return ha == hb ? 0 : ha ? 1 : -1;
            }
            var c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }

    public override string ToString() => Format.Scalar(this);
}
