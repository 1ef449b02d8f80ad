namespace ImageGate.Cue;

/// <summary>Punctuation and operators, longest match first.</summary>
internal sealed partial class Lexer
{
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
}
