using System.Globalization;
using System.Text;

namespace ImageGate.Re2.Unicode;

/// <summary>
/// Writes a <see cref="CodePointSet"/> as one .NET regex atom over UTF-16: the part up to U+FFFF as a class, each code
/// point beyond it as its surrogate pair (high unit, then a class of low units). Lone surrogate halves are never
/// members, so a pair is always read as the one character it is.
/// </summary>
internal static class Utf16Pattern
{
    private const int FirstAstral = 0x10000;

    public static void Append(StringBuilder sb, CodePointSet set)
    {
        var alternatives = new List<string>();
        var bmp = new StringBuilder();
        var bmpCount = 0;
        var astral = new List<(int High, int LowFrom, int LowTo)>();
        foreach (var (lo, hi) in set.Ranges)
        {
            AddBmp(bmp, ref bmpCount, lo, Math.Min(hi, 0xD7FF));
            AddBmp(bmp, ref bmpCount, Math.Max(lo, 0xE000), Math.Min(hi, 0xFFFF));
            if (hi >= FirstAstral)
            {
                SplitAstral(astral, Math.Max(lo, FirstAstral), hi);
            }
        }
        if (bmpCount == 1 && bmp.Length == 6)
        {
            alternatives.Add(bmp.ToString());
        }
        else if (bmpCount > 0)
        {
            alternatives.Add("[" + bmp + "]");
        }
        AppendAstral(alternatives, astral);
        if (alternatives.Count == 0)
        {
            sb.Append("[^\\s\\S]");
        }
        else if (alternatives.Count == 1 && bmpCount > 0)
        {
            sb.Append(alternatives[0]);
        }
        else
        {
            sb.Append("(?:").AppendJoin('|', alternatives).Append(')');
        }
    }

    private static void AddBmp(StringBuilder bmp, ref int count, int lo, int hi)
    {
        if (lo > hi)
        {
            return;
        }
        count++;
        bmp.Append(Unit(lo));
        if (hi != lo)
        {
            bmp.Append('-').Append(Unit(hi));
        }
    }

    /// <summary>Splits lo..hi (beyond U+FFFF) into (high unit, low-unit range) pieces, in order.</summary>
    private static void SplitAstral(List<(int High, int LowFrom, int LowTo)> astral, int lo, int hi)
    {
        for (var cp = lo; cp <= hi;)
        {
            var high = 0xD800 + ((cp - FirstAstral) >> 10);
            var blockEnd = FirstAstral + ((high - 0xD800 + 1) << 10) - 1;
            var end = Math.Min(hi, blockEnd);
            astral.Add((high, 0xDC00 + ((cp - FirstAstral) & 0x3FF), 0xDC00 + ((end - FirstAstral) & 0x3FF)));
            cp = end + 1;
        }
    }

    /// <summary>One alternative per high unit, except that a run of high units with every low unit is one class pair.</summary>
    private static void AppendAstral(List<string> alternatives, List<(int High, int LowFrom, int LowTo)> astral)
    {
        var k = 0;
        while (k < astral.Count)
        {
            var (high, from, to) = astral[k];
            if (from == 0xDC00 && to == 0xDFFF)
            {
                var last = high;
                while (k + 1 < astral.Count && astral[k + 1] is { LowFrom: 0xDC00, LowTo: 0xDFFF } next && next.High == last + 1)
                {
                    last = next.High;
                    k++;
                }
                alternatives.Add(last == high ? $"{Unit(high)}[\\uDC00-\\uDFFF]" : $"[{Unit(high)}-{Unit(last)}][\\uDC00-\\uDFFF]");
                k++;
                continue;
            }
            var lows = new StringBuilder();
            for (; k < astral.Count && astral[k].High == high; k++)
            {
                lows.Append(Unit(astral[k].LowFrom));
                if (astral[k].LowTo != astral[k].LowFrom)
                {
                    lows.Append('-').Append(Unit(astral[k].LowTo));
                }
            }
            alternatives.Add($"{Unit(high)}[{lows}]");
        }
    }

    private static string Unit(int unit) => "\\u" + unit.ToString("X4", CultureInfo.InvariantCulture);
}
