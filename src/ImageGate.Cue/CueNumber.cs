namespace ImageGate.Cue;

/// <summary>
/// A CUE number: int or float (distinct kinds, as in CUE: <c>1 &amp; 1.0</c> conflicts) with its exact value, so
/// unification, bounds and <c>==</c> compare as CUE does, across kinds by value. <see cref="Text"/> is the literal as
/// the policy or statement wrote it (messages quote what the author wrote), or the CUE form of a computed value.
/// </summary>
internal readonly record struct CueNumber(bool IsInt, CueDecimal Value, string Text)
{
    private const int MaxQuoted = 40;

    /// <summary>False when the text is no number, or (<paramref name="outOfRange"/>) one beyond <see cref="CueDecimal"/>'s limits.</summary>
    public static bool TryParse(string text, bool isInt, out CueNumber number, out bool outOfRange)
    {
        var ok = CueDecimal.TryParse(text, out var value, out outOfRange);
        number = ok ? new CueNumber(isInt, value, text) : default;
        return ok;
    }

    public static CueNumber Of(CueDecimal value, bool isInt) => new(isInt, value, value.ToString(isInt));

    /// <summary>The message for a number beyond the limits, its text cut short (it may be a megabyte of digits).</summary>
    public static string OutOfRange(string text) => $"number {Shorten(text)} is out of the supported range ({CueDecimal.RangeDescription})";

    public static string Shorten(string text) => text.Length <= MaxQuoted ? text : text[..MaxQuoted] + "…";

    /// <summary>Keeps the written form (<c>-1e400</c> stays that, not <c>-1E+400</c>).</summary>
    public CueNumber Negate() => new(IsInt, -Value, Text.StartsWith('-') ? Text[1..] : "-" + Text);

    public int CompareTo(CueNumber other) => Value.CompareTo(other.Value);

    public bool ValueEquals(CueNumber other) => Value.Equals(other.Value);

    public override string ToString() => Text;
}
