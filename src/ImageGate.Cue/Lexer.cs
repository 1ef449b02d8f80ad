using System.Globalization;
using System.Text;

namespace ImageGate.Cue;

/// <summary>
/// CUE tokens (cuelang.org spec "Lexical elements") for the supported subset. Commas are inserted at line ends
/// after the tokens the spec names, so policies may separate fields by newlines. Interpolation and other
/// constructs outside the subset are reported here with their line.
/// </summary>
internal sealed class Lexer
{
    private readonly string _src;
    private readonly string _file;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _line = 1;

    private Lexer(string src, string file)
    {
        _src = src;
        _file = file;
    }

    public static bool TryTokenize(string src, string file, out List<Token> tokens, out CuePolicyError? error)
    {
        var lexer = new Lexer(src, file);
        error = lexer.Run();
        tokens = lexer._tokens;
        return error is null;
    }

    private CuePolicyError Error(string code, string message, int? line = null) => new(code, message, _file, line ?? _line);

    private bool LastAllowsComma()
    {
        if (_tokens.Count == 0)
        {
            return false;
        }
        return _tokens[^1].Kind is TokenKind.Ident or TokenKind.Int or TokenKind.Float or TokenKind.String or TokenKind.Bytes
            or TokenKind.Bottom or TokenKind.RBrace or TokenKind.RBrack or TokenKind.RParen or TokenKind.Ellipsis;
    }

    private void Add(TokenKind kind, string text) => _tokens.Add(new Token(kind, text, _line));

    private CuePolicyError? Run()
    {
        while (_pos < _src.Length)
        {
            var c = _src[_pos];
            if (c == '\n')
            {
                if (LastAllowsComma())
                {
                    _tokens.Add(new Token(TokenKind.Comma, ",", _line, ImplicitComma: true));
                }
                _line++;
                _pos++;
                continue;
            }
            if (c is ' ' or '\t' or '\r' or '\uFEFF')
            {
                _pos++;
                continue;
            }
            if (c == '/' && Peek(1) == '/')
            {
                while (_pos < _src.Length && _src[_pos] != '\n')
                {
                    _pos++;
                }
                continue;
            }
            if (c == '/' && Peek(1) == '*')
            {
                return Error(CueErrorCodes.Syntax, "block comments `/* */` are not CUE syntax (use `//`)");
            }
            CuePolicyError? error;
            if (char.IsAsciiLetter(c) || c is '_' or '$' || (c == '#' && (char.IsAsciiLetter(Peek(1)) || Peek(1) == '_')))
            {
                error = Identifier();
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
            {
                error = Number();
            }
            else if (c is '"' or '\'' || c == '#')
            {
                error = StringLiteral();
            }
            else
            {
                error = Operator();
            }
            if (error is not null)
            {
                return error;
            }
        }
        if (LastAllowsComma())
        {
            _tokens.Add(new Token(TokenKind.Comma, ",", _line, ImplicitComma: true));
        }
        _tokens.Add(new Token(TokenKind.Eof, "", _line));
        return null;
    }

    private char Peek(int offset) => _pos + offset < _src.Length ? _src[_pos + offset] : '\0';

    private CuePolicyError? Identifier()
    {
        // `_|_` is one token (bottom), not the identifier `_` followed by `|`.
        if (_src.AsSpan(_pos).StartsWith("_|_"))
        {
            _pos += 3;
            Add(TokenKind.Bottom, "_|_");
            return null;
        }
        var start = _pos;
        if (_src[_pos] == '#')
        {
            _pos++;
        }
        else if (_src[_pos] == '_' && Peek(1) == '#')
        {
            _pos += 2;
        }
        while (_pos < _src.Length && (char.IsAsciiLetterOrDigit(_src[_pos]) || _src[_pos] is '_' or '$'))
        {
            _pos++;
        }
        Add(TokenKind.Ident, _src[start.._pos]);
        return null;
    }

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

    private CuePolicyError? Operator()
    {
        var c = _src[_pos];
        var two = _pos + 1 < _src.Length ? _src.Substring(_pos, 2) : c.ToString();
        if (_src.AsSpan(_pos).StartsWith("..."))
        {
            _pos += 3;
            Add(TokenKind.Ellipsis, "...");
            return null;
        }
        (TokenKind, string)? op = two switch
        {
            "==" => (TokenKind.Eq, two),
            "!=" => (TokenKind.Neq, two),
            "<=" => (TokenKind.Leq, two),
            ">=" => (TokenKind.Geq, two),
            "=~" => (TokenKind.Match, two),
            "!~" => (TokenKind.NotMatch, two),
            "&&" => (TokenKind.LAnd, two),
            "||" => (TokenKind.LOr, two),
            "<-" => (TokenKind.Arrow, two),
            _ => null,
        };
        if (op is { } o)
        {
            _pos += 2;
            Add(o.Item1, o.Item2);
            return null;
        }
        TokenKind? kind = c switch
        {
            '{' => TokenKind.LBrace,
            '}' => TokenKind.RBrace,
            '[' => TokenKind.LBrack,
            ']' => TokenKind.RBrack,
            '(' => TokenKind.LParen,
            ')' => TokenKind.RParen,
            ',' => TokenKind.Comma,
            ':' => TokenKind.Colon,
            '.' => TokenKind.Dot,
            '?' => TokenKind.Question,
            '!' => TokenKind.Not,
            '&' => TokenKind.And,
            '|' => TokenKind.Or,
            '*' => TokenKind.Star,
            '=' => TokenKind.Assign,
            '<' => TokenKind.Lss,
            '>' => TokenKind.Gtr,
            '+' => TokenKind.Add,
            '-' => TokenKind.Sub,
            '/' => TokenKind.Quo,
            '@' => TokenKind.At,
            _ => null,
        };
        if (kind is null)
        {
            return Error(CueErrorCodes.Syntax, $"unexpected character `{c}`");
        }
        _pos++;
        Add(kind.Value, c.ToString());
        return null;
    }

    private CuePolicyError? StringLiteral()
    {
        var startLine = _line;
        var hashes = 0;
        while (_pos < _src.Length && _src[_pos] == '#')
        {
            hashes++;
            _pos++;
        }
        if (_pos >= _src.Length || _src[_pos] is not ('"' or '\''))
        {
            return Error(CueErrorCodes.Syntax, "unexpected `#`");
        }
        var quote = _src[_pos];
        var isBytes = quote == '\'';
        var multi = _src.AsSpan(_pos).StartsWith(new string(quote, 3));
        var closing = new string(quote, multi ? 3 : 1) + new string('#', hashes);
        var escape = "\\" + new string('#', hashes);
        _pos += multi ? 3 : 1;
        if (multi)
        {
            while (_pos < _src.Length && _src[_pos] is ' ' or '\t' or '\r')
            {
                _pos++;
            }
            if (_pos >= _src.Length || _src[_pos] != '\n')
            {
                return Error(CueErrorCodes.Syntax, "a multi-line string must start with a newline after the opening quotes");
            }
            _pos++;
            _line++;
        }
        var raw = new StringBuilder();
        var bytes = new List<byte>();
        while (true)
        {
            if (_pos >= _src.Length)
            {
                return Error(CueErrorCodes.Syntax, "unterminated string literal", startLine);
            }
            if (_src.AsSpan(_pos).StartsWith(closing))
            {
                _pos += closing.Length;
                break;
            }
            var c = _src[_pos];
            if (c == '\n')
            {
                if (!multi)
                {
                    return Error(CueErrorCodes.Syntax, "newline in string literal", startLine);
                }
                _line++;
            }
            if (_src.AsSpan(_pos).StartsWith(escape))
            {
                _pos += escape.Length;
                var error = EscapeSequence(quote, isBytes, raw, bytes);
                if (error is not null)
                {
                    return error;
                }
                continue;
            }
            raw.Append(c);
            bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            _pos++;
        }
        string text;
        if (multi)
        {
            var error = Dedent(raw.ToString(), out text);
            if (error is not null)
            {
                return error;
            }
        }
        else
        {
            text = raw.ToString();
        }
        if (isBytes)
        {
            // Bytes keep escapes such as \xFF exactly; the private-use marker below never leaves the lexer.
            _tokens.Add(new Token(TokenKind.Bytes, multi ? text : Convert.ToBase64String(bytes.ToArray()), startLine));
            if (multi)
            {
                _tokens[^1] = _tokens[^1] with { Text = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) };
            }
        }
        else
        {
            _tokens.Add(new Token(TokenKind.String, text, startLine));
        }
        return null;
    }

    private CuePolicyError? Dedent(string content, out string text)
    {
        text = "";
        // The closing quotes' line sets the indentation every content line must start with.
        var lastNewline = content.LastIndexOf('\n');
        var indent = lastNewline < 0 ? content : content[(lastNewline + 1)..];
        if (indent.Any(ch => ch is not (' ' or '\t')))
        {
            return Error(CueErrorCodes.Syntax, "closing quotes of a multi-line string must be on their own line");
        }
        var body = lastNewline < 0 ? "" : content[..lastNewline];
        var lines = body.Split('\n');
        var sb = new StringBuilder();
        for (var k = 0; k < lines.Length; k++)
        {
            var line = lines[k].TrimEnd('\r');
            if (line.Length > 0 && !line.StartsWith(indent, StringComparison.Ordinal))
            {
                return Error(CueErrorCodes.Syntax, "inconsistent indentation in multi-line string");
            }
            sb.Append(line.Length == 0 ? "" : line[indent.Length..]);
            if (k < lines.Length - 1)
            {
                sb.Append('\n');
            }
        }
        text = sb.ToString();
        return null;
    }

    private CuePolicyError? EscapeSequence(char quote, bool isBytes, StringBuilder raw, List<byte> bytes)
    {
        if (_pos >= _src.Length)
        {
            return Error(CueErrorCodes.Syntax, "unterminated string literal");
        }
        var c = _src[_pos++];
        void Char(int cp)
        {
            var s = char.ConvertFromUtf32(cp);
            raw.Append(s);
            bytes.AddRange(Encoding.UTF8.GetBytes(s));
        }
        switch (c)
        {
            case 'a': Char(7); return null;
            case 'b': Char(8); return null;
            case 'f': Char(12); return null;
            case 'n': Char(10); return null;
            case 'r': Char(13); return null;
            case 't': Char(9); return null;
            case 'v': Char(11); return null;
            case '\\': Char('\\'); return null;
            case '/': Char('/'); return null;
            case '"' or '\'':
                if (c != quote)
                {
                    return Error(CueErrorCodes.Syntax, $"unknown escape sequence `\\{c}` in string literal");
                }
                Char(c);
                return null;
            case '(':
                return Error(CueErrorCodes.Unsupported, "string interpolation `\\(...)` is not supported");
            case 'u' or 'U':
            {
                var n = c == 'u' ? 4 : 8;
                if (_pos + n > _src.Length
                    || !int.TryParse(_src.AsSpan(_pos, n), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cp)
                    || cp > 0x10FFFF || cp is >= 0xD800 and <= 0xDFFF)
                {
                    return Error(CueErrorCodes.Syntax, $"invalid `\\{c}` escape in string literal");
                }
                _pos += n;
                Char(cp);
                return null;
            }
            case 'x' when isBytes:
            {
                if (_pos + 2 > _src.Length
                    || !byte.TryParse(_src.AsSpan(_pos, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    return Error(CueErrorCodes.Syntax, "invalid `\\x` escape in bytes literal");
                }
                _pos += 2;
                bytes.Add(b);
                raw.Append((char)b);
                return null;
            }
            default:
                return Error(CueErrorCodes.Syntax, $"unknown escape sequence `\\{c}` in {(isBytes ? "bytes" : "string")} literal");
        }
    }
}
