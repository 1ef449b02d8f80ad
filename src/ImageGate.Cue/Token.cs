namespace ImageGate.Cue;

internal enum TokenKind
{
    Eof,
    Comma,
    Ident,
    Int,
    Float,
    String,
    Bytes,
    Bottom,
    LBrace,
    RBrace,
    LBrack,
    RBrack,
    LParen,
    RParen,
    Colon,
    Dot,
    Ellipsis,
    Question,
    Not,
    And,
    Or,
    Star,
    Assign,
    Eq,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
    Match,
    NotMatch,
    LAnd,
    LOr,
    Add,
    Sub,
    Quo,
    At,
    Arrow,
}

/// <summary>One lexical token. <see cref="Text"/> is the decoded value for literals and the spelling otherwise.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, bool ImplicitComma = false)
{
    public string Describe() => Kind switch
    {
        TokenKind.Eof => "end of file",
        TokenKind.Comma when ImplicitComma => "newline",
        TokenKind.String => "string literal",
        TokenKind.Bytes => "bytes literal",
        TokenKind.Int or TokenKind.Float => $"number {Text}",
        TokenKind.Ident => $"identifier {Text}",
        _ => $"`{Text}`",
    };
}
