using System.Globalization;
using System.Text;

namespace ImageGate.Re2;

/// <summary>Bracketed character classes: ranges, POSIX names, negation, and code points beyond U+FFFF.</summary>
internal sealed partial class Re2Translator
{
    private void AddRanges(List<string> set, (int Lo, int Hi)[] ranges, bool negated)
    {
        _coversAstral |= negated;
        if (!negated)
        {
            foreach (var (lo, hi) in ranges)
            {
                set.Add(Range(lo, hi));
            }
            return;
        }
        // The complement over UTF-16 code units (.NET matches code units; astral characters are two of them).
        var next = 0;
        foreach (var (lo, hi) in ranges)
        {
            if (lo > next)
            {
                set.Add(Range(next, lo - 1));
            }
            next = hi + 1;
        }
        if (next <= 0xFFFF)
        {
            set.Add(Range(next, 0xFFFF));
        }
    }

    private static string Range(int lo, int hi)
    {
        var sb = new StringBuilder();
        sb.Append("\\u").Append(lo.ToString("X4", CultureInfo.InvariantCulture));
        if (hi != lo)
        {
            sb.Append("-\\u").Append(hi.ToString("X4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private string? Class()
    {
        var at = _i;
        _i++;
        var negated = false;
        if (_i < _p.Length && _p[_i] == '^')
        {
            negated = true;
            _i++;
        }
        var items = new List<string>();
        var astral = new List<string>();
        _coversAstral = false;
        var first = true;
        while (true)
        {
            if (_i >= _p.Length)
            {
                return $"missing closing ] for character class at offset {at}";
            }
            var c = _p[_i];
            if (c == ']' && !first)
            {
                _i++;
                break;
            }
            // A '-' that cannot end a range is a literal, as in Go's Perl mode: [a-c-e] holds a-c, '-' and 'e'.
            first = false;
            if (c == '[' && _i + 1 < _p.Length && _p[_i + 1] == ':')
            {
                var end = _p.IndexOf(":]", _i + 2, StringComparison.Ordinal);
                if (end > 0)
                {
                    var name = _p[(_i + 2)..end];
                    var neg = name.StartsWith('^');
                    if (neg)
                    {
                        name = name[1..];
                    }
                    if (!Posix.TryGetValue(name, out var ranges))
                    {
                        return $"invalid character class range `[:{name}:]` at offset {_i}";
                    }
                    AddRanges(items, ranges, neg);
                    _i = end + 2;
                    continue;
                }
            }
            var error = ClassAtom(items, out var lo);
            if (error is not null)
            {
                return error;
            }
            if (lo is null)
            {
                continue;
            }
            if (_i + 1 < _p.Length && _p[_i] == '-' && _p[_i + 1] != ']')
            {
                _i++;
                var rangeAt = _i;
                error = ClassAtom(items, out var hi);
                if (error is not null)
                {
                    return error;
                }
                if (hi is null || hi < lo)
                {
                    return $"invalid character class range at offset {rangeAt}";
                }
                AddCodePointRange(items, astral, lo.Value, hi.Value);
            }
            else
            {
                AddCodePointRange(items, astral, lo.Value, lo.Value);
            }
        }
        if (negated && astral.Count > 0)
        {
            return $"negated character class at offset {at} with members beyond U+FFFF is not supported";
        }
        // Whether the class's set holds every code point beyond U+FFFF, which .NET sees as a UTF-16 pair: a
        // complement inside a positive class, or a negated class without one (whose complement then holds them).
        var pair = negated ? !_coversAstral : _coversAstral;
        var alternatives = new List<string>();
        if (pair)
        {
            alternatives.Add(SurrogatePair);
        }
        alternatives.AddRange(astral);
        // Surrogate halves are taken out of the UTF-16 class so a pair is never read as two characters.
        if (negated)
        {
            alternatives.Add("[^" + string.Concat(items) + "\\uD800-\\uDFFF]");
        }
        else if (items.Count > 0)
        {
            alternatives.Add("[" + string.Concat(items) + (_coversAstral ? "-[\\uD800-\\uDFFF]]" : "]"));
        }
        if (alternatives.Count == 0)
        {
            // Only an empty set (e.g. [\p{^Any}]) gets here: it matches nothing.
            _out.Append("[^\\s\\S]");
        }
        else if (alternatives.Count == 1)
        {
            _out.Append(alternatives[0]);
        }
        else
        {
            _out.Append("(?:").AppendJoin("|", alternatives).Append(')');
        }
        _last = Operand.Atom;
        return null;
    }

    /// <summary>
    /// Adds lo..hi to the class: the part up to U+FFFF as a class item, the part beyond as UTF-16 surrogate-pair
    /// alternatives (a .NET class holds UTF-16 units, not code points).
    /// </summary>
    private static void AddCodePointRange(List<string> items, List<string> astral, int lo, int hi)
    {
        if (lo <= 0xFFFF)
        {
            items.Add(Range(lo, Math.Min(hi, 0xFFFF)));
            if (hi <= 0xFFFF)
            {
                return;
            }
            lo = 0x10000;
        }
        var (hiLo, lowLo) = Split(lo);
        var (hiHi, lowHi) = Split(hi);
        if (hiLo == hiHi)
        {
            astral.Add($"{Unit(hiLo)}[{Range(lowLo, lowHi)}]");
            return;
        }
        astral.Add($"{Unit(hiLo)}[{Range(lowLo, 0xDFFF)}]");
        if (hiLo + 1 <= hiHi - 1)
        {
            astral.Add($"[{Range(hiLo + 1, hiHi - 1)}][{Range(0xDC00, 0xDFFF)}]");
        }
        astral.Add($"{Unit(hiHi)}[{Range(0xDC00, lowHi)}]");

        static (int High, int Low) Split(int cp) => (0xD800 + ((cp - 0x10000) >> 10), 0xDC00 + ((cp - 0x10000) & 0x3FF));
        static string Unit(int u) => "\\u" + u.ToString("X4", CultureInfo.InvariantCulture);
    }

    private string? ClassAtom(List<string> items, out int? codePoint)
    {
        codePoint = null;
        var c = _p[_i];
        if (c == '\\')
        {
            if (_i + 1 >= _p.Length)
            {
                return "trailing backslash at end of expression";
            }
            return ClassEscape(items, out codePoint);
        }
        if (char.IsHighSurrogate(c) && _i + 1 < _p.Length && char.IsLowSurrogate(_p[_i + 1]))
        {
            codePoint = char.ConvertToUtf32(c, _p[_i + 1]);
            _i += 2;
            return null;
        }
        codePoint = c;
        _i++;
        return null;
    }
}
