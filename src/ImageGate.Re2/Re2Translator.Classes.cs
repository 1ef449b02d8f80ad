using ImageGate.Re2.Unicode;

namespace ImageGate.Re2;

/// <summary>
/// Bracketed character classes: ranges, POSIX names, Perl and Unicode classes, negation. Each is built as a set of
/// code points the way Go's parser builds it (each item folded under <c>(?i)</c>, a negated item folded then
/// complemented, the whole class complemented last) and only then written for .NET.
/// </summary>
internal sealed partial class Re2Translator
{
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
        var set = new CodePointSet();
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
                    AddItem(set, CodePointSet.Of(ranges), neg);
                    _i = end + 2;
                    continue;
                }
            }
            var error = ClassAtom(set, out var lo);
            if (error is not null)
            {
                return error;
            }
            if (lo is null)
            {
                continue;
            }
            var hi = lo;
            if (_i + 1 < _p.Length && _p[_i] == '-' && _p[_i + 1] != ']')
            {
                _i++;
                var rangeAt = _i;
                error = ClassAtom(set, out hi);
                if (error is not null)
                {
                    return error;
                }
                if (hi is null || hi < lo)
                {
                    return $"invalid character class range at offset {rangeAt}";
                }
            }
            var range = new CodePointSet();
            range.Add(lo.Value, hi.Value);
            AddItem(set, range, negated: false);
        }
        Utf16Pattern.Append(_out, negated ? set.Complement() : set);
        _last = Operand.Atom;
        return null;
    }

    /// <summary>Adds one class item to <paramref name="set"/>: folded under <c>(?i)</c>, then complemented if negated.</summary>
    private void AddItem(CodePointSet set, CodePointSet item, bool negated)
    {
        if (_foldCase)
        {
            item = CaseOrbits.Close(item);
        }
        set.UnionWith(negated ? item.Complement() : item);
    }

    private string? ClassAtom(CodePointSet set, out int? codePoint)
    {
        codePoint = null;
        var c = _p[_i];
        if (c == '\\')
        {
            if (_i + 1 >= _p.Length)
            {
                return "trailing backslash at end of expression";
            }
            return ClassEscape(set, out codePoint);
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
