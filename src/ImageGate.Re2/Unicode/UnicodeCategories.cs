using System.Globalization;

namespace ImageGate.Re2.Unicode;

/// <summary>
/// The Unicode general categories RE2 names (<c>\pL</c>, <c>\p{Nd}</c>), as code-point sets from .NET's Unicode
/// tables, including the code points beyond U+FFFF that a .NET <c>\p{L}</c> cannot see (it reads UTF-16 units).
/// </summary>
internal static class UnicodeCategories
{
    /// <summary>Planes 4 to 13 hold no assigned code point (a test checks .NET's tables agree), so they are not scanned.</summary>
    public const int UnassignedFrom = 0x40000;

    public const int UnassignedTo = 0xDFFFF;

    private static readonly Dictionary<string, UnicodeCategory[]> Names = new(StringComparer.Ordinal)
    {
        ["L"] = [UnicodeCategory.UppercaseLetter, UnicodeCategory.LowercaseLetter, UnicodeCategory.TitlecaseLetter, UnicodeCategory.ModifierLetter, UnicodeCategory.OtherLetter],
        ["Lu"] = [UnicodeCategory.UppercaseLetter],
        ["Ll"] = [UnicodeCategory.LowercaseLetter],
        ["Lt"] = [UnicodeCategory.TitlecaseLetter],
        ["Lm"] = [UnicodeCategory.ModifierLetter],
        ["Lo"] = [UnicodeCategory.OtherLetter],
        ["M"] = [UnicodeCategory.NonSpacingMark, UnicodeCategory.SpacingCombiningMark, UnicodeCategory.EnclosingMark],
        ["Mn"] = [UnicodeCategory.NonSpacingMark],
        ["Mc"] = [UnicodeCategory.SpacingCombiningMark],
        ["Me"] = [UnicodeCategory.EnclosingMark],
        ["N"] = [UnicodeCategory.DecimalDigitNumber, UnicodeCategory.LetterNumber, UnicodeCategory.OtherNumber],
        ["Nd"] = [UnicodeCategory.DecimalDigitNumber],
        ["Nl"] = [UnicodeCategory.LetterNumber],
        ["No"] = [UnicodeCategory.OtherNumber],
        ["P"] =
        [
            UnicodeCategory.ConnectorPunctuation, UnicodeCategory.DashPunctuation, UnicodeCategory.OpenPunctuation, UnicodeCategory.ClosePunctuation,
            UnicodeCategory.InitialQuotePunctuation, UnicodeCategory.FinalQuotePunctuation, UnicodeCategory.OtherPunctuation,
        ],
        ["Pc"] = [UnicodeCategory.ConnectorPunctuation],
        ["Pd"] = [UnicodeCategory.DashPunctuation],
        ["Ps"] = [UnicodeCategory.OpenPunctuation],
        ["Pe"] = [UnicodeCategory.ClosePunctuation],
        ["Pi"] = [UnicodeCategory.InitialQuotePunctuation],
        ["Pf"] = [UnicodeCategory.FinalQuotePunctuation],
        ["Po"] = [UnicodeCategory.OtherPunctuation],
        ["S"] = [UnicodeCategory.MathSymbol, UnicodeCategory.CurrencySymbol, UnicodeCategory.ModifierSymbol, UnicodeCategory.OtherSymbol],
        ["Sm"] = [UnicodeCategory.MathSymbol],
        ["Sc"] = [UnicodeCategory.CurrencySymbol],
        ["Sk"] = [UnicodeCategory.ModifierSymbol],
        ["So"] = [UnicodeCategory.OtherSymbol],
        ["Z"] = [UnicodeCategory.SpaceSeparator, UnicodeCategory.LineSeparator, UnicodeCategory.ParagraphSeparator],
        ["Zs"] = [UnicodeCategory.SpaceSeparator],
        ["Zl"] = [UnicodeCategory.LineSeparator],
        ["Zp"] = [UnicodeCategory.ParagraphSeparator],
        // Go's C ("Other") is Cc, Cf, Co and Cs: unassigned code points (Cn) are in none of its tables.
        ["C"] = [UnicodeCategory.Control, UnicodeCategory.Format, UnicodeCategory.PrivateUse, UnicodeCategory.Surrogate],
        ["Cc"] = [UnicodeCategory.Control],
        ["Cf"] = [UnicodeCategory.Format],
        ["Cs"] = [UnicodeCategory.Surrogate],
        ["Co"] = [UnicodeCategory.PrivateUse],
    };

    // Built on first use only: a pattern without \p never pays for the scan.
    private static readonly Lazy<List<(int Lo, int Hi, UnicodeCategory Category)>> Runs = new(Scan);

    public static bool IsKnown(string name) => Names.ContainsKey(name);

    /// <summary>The code points in category <paramref name="name"/> (one of <see cref="IsKnown"/>).</summary>
    public static CodePointSet Get(string name)
    {
        var wanted = Names[name];
        var set = new CodePointSet();
        foreach (var (lo, hi, category) in Runs.Value)
        {
            if (Array.IndexOf(wanted, category) >= 0)
            {
                set.Add(lo, hi);
            }
        }
        return set;
    }

    private static List<(int Lo, int Hi, UnicodeCategory Category)> Scan()
    {
        var runs = new List<(int, int, UnicodeCategory)>(8192);
        ScanRange(runs, 0, UnassignedFrom - 1);
        ScanRange(runs, UnassignedTo + 1, CodePointSet.MaxCodePoint);
        return runs;
    }

    private static void ScanRange(List<(int Lo, int Hi, UnicodeCategory Category)> runs, int from, int to)
    {
        var start = from;
        var current = CharUnicodeInfo.GetUnicodeCategory(from);
        for (var cp = from + 1; cp <= to; cp++)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(cp);
            if (category != current)
            {
                runs.Add((start, cp - 1, current));
                (start, current) = (cp, category);
            }
        }
        runs.Add((start, to, current));
    }
}
