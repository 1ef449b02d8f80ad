namespace ImageGate.Re2.Unicode;

/// <summary>
/// RE2's <c>(?i)</c>: a code point matches every member of its simple case-folding orbit (k, K and U+212A KELVIN SIGN;
/// s, S and U+017F LONG S). The orbits come from Go's own tables (CaseOrbits.g.cs, written by case-orbits.go), since
/// .NET's case-insensitive matching uses other equivalences and would leave out members, which turns a negated class
/// (<c>(?i)[^s]</c>) into one that admits U+017F.
/// </summary>
internal static partial class CaseOrbits
{
    /// <summary>The set with every orbit of its members added, as Go folds a class or literal under <c>(?i)</c>.</summary>
    public static CodePointSet Close(CodePointSet set)
    {
        var pairs = Pairs;
        var closed = new CodePointSet();
        closed.UnionWith(set);
        for (var k = 0; k < pairs.Length; k += 2)
        {
            if (!set.Contains(pairs[k]))
            {
                continue;
            }
            // Walk the whole cycle: an orbit can have three or four members (k K U+212A).
            for (var f = pairs[k + 1]; f != pairs[k]; f = Next(f))
            {
                closed.Add(f, f);
            }
        }
        return closed;
    }

    /// <summary>The next member of <paramref name="codePoint"/>'s orbit, or itself when it has no other.</summary>
    private static int Next(int codePoint)
    {
        var pairs = Pairs;
        int lo = 0, hi = (pairs.Length / 2) - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var key = pairs[mid * 2];
            if (codePoint < key)
            {
                hi = mid - 1;
            }
            else if (codePoint > key)
            {
                lo = mid + 1;
            }
            else
            {
                return pairs[(mid * 2) + 1];
            }
        }
        return codePoint;
    }
}
