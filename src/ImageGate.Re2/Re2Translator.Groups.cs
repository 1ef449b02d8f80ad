using System.Text;

namespace ImageGate.Re2;

/// <summary>Groups and flag groups: named captures, non-capturing groups, and the flags <c>i m s U</c> scoped to them.</summary>
internal sealed partial class Re2Translator
{
    private string? OpenGroup()
    {
        var at = _i;
        if (_i + 1 < _p.Length && _p[_i + 1] == '?')
        {
            var rest = _p.AsSpan(_i + 2);
            if (rest.StartsWith("P<") || rest.StartsWith("<") && !rest.StartsWith("<=") && !rest.StartsWith("<!"))
            {
                var nameStart = _i + 2 + (rest[0] == 'P' ? 2 : 1);
                var end = _p.IndexOf('>', nameStart);
                if (end < 0)
                {
                    return $"invalid named capture at offset {at}";
                }
                var name = _p[nameStart..end];
                if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                {
                    return $"invalid named capture `{name}` at offset {at}";
                }
                if (!_groupNames.Add(name))
                {
                    return $"duplicate capture group name `{name}`";
                }
                // Prefixed so RE2 names that .NET reads as group numbers ("1") stay names.
                _out.Append("(?<n_").Append(name).Append('>');
                _i = end + 1;
                Push();
                return null;
            }
            if (rest.StartsWith("P=") || rest.StartsWith("P>"))
            {
                return $"named backreference or recursion `(?{rest[..2].ToString()}` at offset {at} is not supported by RE2";
            }
            if (rest.StartsWith("=") || rest.StartsWith("!"))
            {
                return $"lookahead `(?{rest[0]}` at offset {at} is not supported by RE2";
            }
            if (rest.StartsWith("<=") || rest.StartsWith("<!"))
            {
                return $"lookbehind `(?{rest[..2].ToString()}` at offset {at} is not supported by RE2";
            }
            if (rest.StartsWith(">"))
            {
                return $"atomic group `(?>` at offset {at} is not supported by RE2";
            }
            if (rest.StartsWith("("))
            {
                return $"conditional `(?(` at offset {at} is not supported by RE2";
            }
            if (rest.StartsWith("#"))
            {
                return $"comment group `(?#` at offset {at} is not supported by RE2";
            }
            return Flags(at);
        }
        _out.Append('(');
        _i++;
        Push();
        return null;
    }

    private void Push()
    {
        _flagStack.Push((_multiline, _dotAll, _foldCase));
        _outerBodyRepeats.Push(_bodyRepeats);
        _bodyRepeats = false;
        _last = Operand.None;
    }

    private string? Flags(int at)
    {
        var j = _i + 2;
        var negated = false;
        var sawFlag = false;
        var (multiline, dotAll, foldCase) = (_multiline, _dotAll, _foldCase);
        while (j < _p.Length)
        {
            var c = _p[j];
            switch (c)
            {
                case 'i' or 'm' or 's':
                    sawFlag = true;
                    if (c == 'm')
                    {
                        multiline = !negated;
                    }
                    else if (c == 's')
                    {
                        dotAll = !negated;
                    }
                    else
                    {
                        foldCase = !negated;
                    }
                    break;
                case 'U':
                    return $"ungreedy flag `U` at offset {at} is not supported";
                case '-':
                    if (negated)
                    {
                        return $"invalid flags at offset {at}";
                    }
                    negated = true;
                    sawFlag = false;
                    break;
                case ':' or ')':
                    // Go accepts `(?:` and `(?)` with no flags, but not a `-` that negates none (`(?i-)`).
                    if (negated && !sawFlag)
                    {
                        return $"missing or invalid flags at offset {at}";
                    }
                    _i = j + 1;
                    if (c == ':')
                    {
                        _out.Append("(?:");
                        Push();
                    }
                    // No flag reaches .NET: `.` `$` and (?i) are written out, and `^` is multiline-aware below.
                    (_multiline, _dotAll, _foldCase) = (multiline, dotAll, foldCase);
                    _last = Operand.None;
                    return null;
                default:
                    return $"unknown group construct `(?{c}` at offset {at} (RE2 has no such syntax)";
            }
            j++;
        }
        return $"missing closing ) at offset {at}";
    }
}
