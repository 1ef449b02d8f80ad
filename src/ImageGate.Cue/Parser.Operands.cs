using System.Globalization;

namespace ImageGate.Cue;

/// <summary>Operands: literals, parenthesised expressions, identifiers, struct and list literals.</summary>
internal sealed partial class Parser
{
    private Expr Operand()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case TokenKind.Int or TokenKind.Float:
                Next();
                if (!CueNumber.TryParse(t.Text, t.Kind == TokenKind.Int, out var n, out var outOfRange))
                {
                    throw outOfRange
                        ? Fail(CueErrorCodes.Limit, CueNumber.OutOfRange(t.Text), t.Line)
                        : Fail(CueErrorCodes.Syntax, $"invalid number literal {CueNumber.Shorten(t.Text)}", t.Line);
                }
                return new NumberLit(t.Line, n);
            case TokenKind.String:
                Next();
                return new StringLit(t.Line, t.Text);
            case TokenKind.Bytes:
                Next();
                return new BytesLit(t.Line, Convert.FromBase64String(t.Text));
            case TokenKind.Bottom:
                Next();
                return new BottomLit(t.Line);
            case TokenKind.LParen:
            {
                Next();
                var inner = Expression();
                Expect(TokenKind.RParen, "`)`");
                return inner;
            }
            case TokenKind.LBrace:
                return Struct();
            case TokenKind.LBrack:
                return List();
            case TokenKind.Ident:
                Next();
                return t.Text switch
                {
                    "true" => new BoolLit(t.Line, true),
                    "false" => new BoolLit(t.Line, false),
                    "null" => new NullLit(t.Line),
                    "_" => new TopLit(t.Line),
                    "if" or "for" => throw Fail(CueErrorCodes.Unsupported, $"comprehension (`{t.Text}` clause) is not supported", t.Line),
                    "let" => throw Fail(CueErrorCodes.Syntax, "`let` is only allowed as a declaration", t.Line),
                    _ => new Ident(t.Line, t.Text),
                };
            case TokenKind.At:
                throw Fail(CueErrorCodes.Unsupported, "attributes (`@...`) are not supported");
            default:
                throw Unexpected("an expression");
        }
    }

    private StructLit Struct()
    {
        var open = Expect(TokenKind.LBrace, "`{`");
        Enter();
        SkipCommas();
        var decls = new List<Decl>();
        while (Cur.Kind != TokenKind.RBrace)
        {
            if (Cur.Kind == TokenKind.Eof)
            {
                throw Fail(CueErrorCodes.Syntax, $"missing `}}` for the struct opened on line {open.Line.ToString(CultureInfo.InvariantCulture)}");
            }
            decls.Add(Declaration());
            EndOfDecl();
        }
        Next();
        _depth--;
        return MakeStruct(open.Line, decls);
    }

    private ListLit List()
    {
        var open = Expect(TokenKind.LBrack, "`[`");
        Enter();
        SkipCommas();
        var elements = new List<Expr>();
        Expr? ellipsis = null;
        var isOpen = false;
        while (Cur.Kind != TokenKind.RBrack)
        {
            if (Cur.Kind == TokenKind.Ellipsis)
            {
                Next();
                isOpen = true;
                if (Cur.Kind is not (TokenKind.RBrack or TokenKind.Comma))
                {
                    ellipsis = Expression();
                }
                SkipCommas();
                if (Cur.Kind != TokenKind.RBrack)
                {
                    throw Unexpected("`]` after `...` in list");
                }
                break;
            }
            if ((IsIdent("for") || IsIdent("if")))
            {
                throw Fail(CueErrorCodes.Unsupported, $"list comprehension (`{Cur.Text}` clause) is not supported");
            }
            elements.Add(Expression());
            if (Cur.Kind != TokenKind.RBrack)
            {
                Expect(TokenKind.Comma, "`,` or `]` in list");
                SkipCommas();
            }
        }
        Next();
        _depth--;
        return new ListLit(open.Line, elements, ellipsis, isOpen);
    }
}
