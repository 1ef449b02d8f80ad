using System.Globalization;

namespace ImageGate.Cue;

/// <summary>Number literals: decimal, float and exponent forms, and the <c>0x</c>/<c>0o</c>/<c>0b</c> radix prefixes.</summary>
internal sealed partial class Lexer
{
    private CuePolicyError? Number()
    {
        var start = _pos;
        var isFloat = false;
        if (_src[_pos] == '0' && Peek(1) is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            var radix = char.ToLowerInvariant(Peek(1)) switch { 'x' => 16, 'o' => 8, _ => 2 };
            _pos += 2;
            var digitsStart = _pos;
            while (_pos < _src.Length && (char.IsAsciiHexDigit(_src[_pos]) || _src[_pos] == '_'))
            {
                _pos++;
            }
            var digits = _src[digitsStart.._pos].Replace("_", "", StringComparison.Ordinal);
            // 4 × MaxDigits binary digits already exceed MaxDigits decimal ones: refuse before the quadratic loop.
            if (digits.TrimStart('0').Length > 4 * CueDecimal.MaxDigits)
            {
                return Error(CueErrorCodes.Limit, CueNumber.OutOfRange(_src[start.._pos]));
            }
            System.Numerics.BigInteger value = 0;
            foreach (var d in digits)
            {
                var v = Convert.ToInt32(d.ToString(), 16);
                if (v >= radix)
                {
                    return Error(CueErrorCodes.Syntax, $"invalid digit `{d}` in number literal {_src[start.._pos]}");
                }
                value = value * radix + v;
            }
            if (digits.Length == 0)
            {
                return Error(CueErrorCodes.Syntax, $"invalid number literal {_src[start.._pos]}");
            }
            Add(TokenKind.Int, value.ToString(CultureInfo.InvariantCulture));
            return SuffixCheck(start);
        }
        while (_pos < _src.Length && (char.IsAsciiDigit(_src[_pos]) || _src[_pos] == '_'))
        {
            _pos++;
        }
        if (_pos < _src.Length && _src[_pos] == '.' && Peek(1) != '.')
        {
            isFloat = true;
            _pos++;
            while (_pos < _src.Length && (char.IsAsciiDigit(_src[_pos]) || _src[_pos] == '_'))
            {
                _pos++;
            }
        }
        if (_pos < _src.Length && _src[_pos] is 'e' or 'E')
        {
            isFloat = true;
            _pos++;
            if (_pos < _src.Length && _src[_pos] is '+' or '-')
            {
                _pos++;
            }
            var expStart = _pos;
            while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
            {
                _pos++;
            }
            if (expStart == _pos)
            {
                return Error(CueErrorCodes.Syntax, $"invalid exponent in number literal {_src[start.._pos]}");
            }
        }
        var text = _src[start.._pos].Replace("_", "", StringComparison.Ordinal);
        Add(isFloat ? TokenKind.Float : TokenKind.Int, text);
        return SuffixCheck(start);
    }

    private CuePolicyError? SuffixCheck(int start)
    {
        if (_pos < _src.Length && (char.IsAsciiLetter(_src[_pos]) || _src[_pos] == '_'))
        {
            return Error(CueErrorCodes.Unsupported,
                $"number literal with a multiplier suffix (`{_src[start.._pos]}{_src[_pos]}…`) is not supported");
        }
        return null;
    }
}
