namespace ImageGate.Cue;

/// <summary>
/// CUE tokens (cuelang.org spec "Lexical elements") for the supported subset. Commas are inserted at line ends
/// after the tokens the spec names, so policies may separate fields by newlines. Interpolation and other
/// constructs outside the subset are reported here with their line.
/// </summary>
internal sealed partial class Lexer
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
}
