using System.Globalization;
using ImageGate.Re2.Unicode;

namespace ImageGate.Re2;

/// <summary>Escapes: single characters, hex and octal code points, Perl classes, and Unicode classes.</summary>
internal sealed partial class Re2Translator
{
    private string? Escape()
    {
        if (_i + 1 >= _p.Length)
        {
            return "trailing backslash at end of expression";
        }
        var c = _p[_i + 1];
        switch (c)
        {
            case 'Q':
            {
                var end = _p.IndexOf("\\E", _i + 2, StringComparison.Ordinal);
                var text = end < 0 ? _p[(_i + 2)..] : _p[(_i + 2)..end];
                _i = end < 0 ? _p.Length : end + 2;
                if (text.Length == 0)
                {
                    return null;
                }
                // Each literal is its own atom; a following quantifier binds to the last one, as in RE2.
                // Every literal is written as one atom, so the quantifier binds to the whole last code point.
                foreach (var rune in text.EnumerateRunes())
                {
                    AppendLiteral(rune.Value);
                }
                _last = Operand.Atom;
                return null;
            }
            case 'A':
                _out.Append("\\A");
                _i += 2;
                _last = Operand.Atom;
                return null;
            case 'z':
                _out.Append("\\z");
                _i += 2;
                _last = Operand.Atom;
                return null;
            case 'b':
                // RE2's \b is ASCII: a word character on exactly one side.
                NeedsBacktracking = true;
                _out.Append($"(?:(?<=[{WordClass}])(?![{WordClass}])|(?<![{WordClass}])(?=[{WordClass}]))");
                _i += 2;
                _last = Operand.Atom;
                return null;
            case 'B':
                NeedsBacktracking = true;
                _out.Append($"(?:(?<=[{WordClass}])(?=[{WordClass}])|(?<![{WordClass}])(?![{WordClass}]))");
                _i += 2;
                _last = Operand.Atom;
                return null;
        }
        var set = new CodePointSet();
        var error = ClassEscape(set, out var single);
        if (error is not null)
        {
            return error;
        }
        if (single is { } cp)
        {
            AppendLiteral(cp);
        }
        else
        {
            Utf16Pattern.Append(_out, set);
        }
        _last = Operand.Atom;
        return null;
    }

    /// <summary>
    /// Reads one escape at <c>_i</c> valid both inside and outside a class: either a single code point or a set
    /// (added to <paramref name="set"/> as a class item).
    /// </summary>
    private string? ClassEscape(CodePointSet set, out int? single)
    {
        single = null;
        var at = _i;
        var c = _p[_i + 1];
        _i += 2;
        switch (c)
        {
            case 'd' or 'D': AddItem(set, CodePointSet.Of(Digit), c == 'D'); return null;
            case 'w' or 'W': AddItem(set, CodePointSet.Of(Word), c == 'W'); return null;
            case 's' or 'S': AddItem(set, CodePointSet.Of(Space), c == 'S'); return null;
            case 'p' or 'P':
                return UnicodeClass(set, c == 'P', at);
            case 'a': single = 0x07; return null;
            case 'f': single = 0x0C; return null;
            case 't': single = 0x09; return null;
            case 'n': single = 0x0A; return null;
            case 'r': single = 0x0D; return null;
            case 'v': single = 0x0B; return null;
            case 'x':
                return HexEscape(out single, at);
            case >= '0' and <= '7':
            {
                // Go: a single non-zero digit is a backreference; \0 and multi-digit forms are octal.
                if (c != '0' && (_i >= _p.Length || _p[_i] < '0' || _p[_i] > '7'))
                {
                    return $"backreference `\\{c}` at offset {at} is not supported by RE2";
                }
                var value = c - '0';
                for (var k = 0; k < 2 && _i < _p.Length && _p[_i] is >= '0' and <= '7'; k++)
                {
                    value = value * 8 + (_p[_i] - '0');
                    _i++;
                }
                single = value;
                return null;
            }
            case '8' or '9':
                return $"backreference `\\{c}` at offset {at} is not supported by RE2";
            case 'k':
                return $"named backreference `\\k` at offset {at} is not supported by RE2";
            case 'Z':
                return $"`\\Z` at offset {at} is not RE2 syntax (use `\\z` or `$`)";
            case 'C':
                return $"`\\C` (any byte) at offset {at} is not supported";
            case 'Q' or 'E' or 'A' or 'z' or 'b' or 'B':
                return $"`\\{c}` at offset {at} is not allowed inside a character class";
        }
        if (c < 0x80 && !char.IsAsciiLetterOrDigit(c))
        {
            single = c;
            return null;
        }
        return $"invalid escape sequence `\\{c}` at offset {at}";
    }

    private string? HexEscape(out int? single, int at)
    {
        single = null;
        if (_i < _p.Length && _p[_i] == '{')
        {
            var end = _p.IndexOf('}', _i);
            if (end < 0 || end == _i + 1 || end - _i > 9
                || !int.TryParse(_p.AsSpan(_i + 1, end - _i - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
                || v > 0x10FFFF)
            {
                return $"invalid escape sequence `\\x` at offset {at}";
            }
            single = v;
            _i = end + 1;
            return null;
        }
        if (_i + 2 > _p.Length
            || !int.TryParse(_p.AsSpan(_i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
        {
            return $"invalid escape sequence `\\x` at offset {at}";
        }
        single = b;
        _i += 2;
        return null;
    }

    private string? UnicodeClass(CodePointSet set, bool negated, int at)
    {
        string name;
        if (_i < _p.Length && _p[_i] == '{')
        {
            var end = _p.IndexOf('}', _i);
            if (end < 0)
            {
                return $"invalid character class range at offset {at}";
            }
            name = _p[(_i + 1)..end];
            _i = end + 1;
        }
        else if (_i < _p.Length)
        {
            name = _p[_i].ToString();
            _i++;
        }
        else
        {
            return $"invalid character class range at offset {at}";
        }
        if (name.StartsWith('^'))
        {
            negated = !negated;
            name = name[1..];
        }
        if (name == "Any")
        {
            var any = new CodePointSet();
            any.Add(0, CodePointSet.MaxCodePoint);
            AddItem(set, any, negated);
            return null;
        }
        if (!UnicodeCategories.IsKnown(name))
        {
            return $"Unicode class `\\p{{{name}}}` at offset {at} is not supported (only general categories such as L, Lu, Nd)";
        }
        AddItem(set, UnicodeCategories.Get(name), negated);
        return null;
    }
}
