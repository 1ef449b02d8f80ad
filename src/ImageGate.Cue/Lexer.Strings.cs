using System.Globalization;
using System.Text;

namespace ImageGate.Cue;

/// <summary>String and bytes literals: raw <c>#</c> delimiters, multi-line dedent and escape sequences.</summary>
internal sealed partial class Lexer
{
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
