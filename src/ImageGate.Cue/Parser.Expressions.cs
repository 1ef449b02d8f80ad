namespace ImageGate.Cue;

/// <summary>Expressions by precedence: binary and unary operators, then selectors, indexes and calls.</summary>
internal sealed partial class Parser
{
    private Expr Expression() => Binary(1);

    private static int Precedence(TokenKind kind) => kind switch
    {
        TokenKind.Or => 1,
        TokenKind.And => 2,
        TokenKind.LOr => 3,
        TokenKind.LAnd => 4,
        TokenKind.Eq or TokenKind.Neq or TokenKind.Lss or TokenKind.Leq or TokenKind.Gtr or TokenKind.Geq
            or TokenKind.Match or TokenKind.NotMatch => 5,
        TokenKind.Add or TokenKind.Sub => 6,
        TokenKind.Star or TokenKind.Quo => 7,
        _ => 0,
    };

    private Expr Binary(int minPrecedence)
    {
        Enter();
        var left = Unary();
        var chain = 0;
        while (true)
        {
            if (Cur.Kind == TokenKind.Ident && WordOperators.Contains(Cur.Text))
            {
                throw Fail(CueErrorCodes.Unsupported, $"operator `{Cur.Text}` is not supported");
            }
            var prec = Precedence(Cur.Kind);
            if (prec == 0 || prec < minPrecedence)
            {
                break;
            }
            // Each operator nests the left operand one level deeper in the tree that later passes walk recursively.
            if (++chain > _maxDepth * 4)
            {
                throw Fail(CueErrorCodes.Limit, $"an expression chains more than {_maxDepth * 4} operators");
            }
            var op = Next();
            if (op.Kind == TokenKind.Quo)
            {
                throw Fail(CueErrorCodes.Unsupported, "operator `/` is not supported", op.Line);
            }
            var right = Binary(prec + 1);
            left = new BinaryExpr(op.Line, op.Kind, left, right);
        }
        _depth--;
        return left;
    }

    private Expr Unary()
    {
        var kind = Cur.Kind;
        if (kind is TokenKind.Sub or TokenKind.Add or TokenKind.Not or TokenKind.Star or TokenKind.Lss or TokenKind.Leq
            or TokenKind.Gtr or TokenKind.Geq or TokenKind.Neq or TokenKind.Match or TokenKind.NotMatch)
        {
            var op = Next();
            Enter();
            var operand = Unary();
            _depth--;
            return new UnaryExpr(op.Line, op.Kind, operand);
        }
        if (kind == TokenKind.Arrow)
        {
            throw Fail(CueErrorCodes.Unsupported, "operator `<-` is not supported");
        }
        return Postfix(Operand());
    }

    private Expr Postfix(Expr x)
    {
        var chain = 0;
        while (true)
        {
            if (Cur.Kind is TokenKind.Dot or TokenKind.LBrack or TokenKind.LParen && ++chain > _maxDepth)
            {
                throw Fail(CueErrorCodes.Limit, $"a reference chains more than {_maxDepth} selectors, indexes or calls");
            }
            switch (Cur.Kind)
            {
                case TokenKind.Dot:
                {
                    var dot = Next();
                    if (Cur.Kind is TokenKind.Ident or TokenKind.String)
                    {
                        var quoted = Cur.Kind == TokenKind.String;
                        x = new SelectorExpr(dot.Line, x, Next().Text, quoted);
                        continue;
                    }
                    throw Unexpected("field name after `.`");
                }
                case TokenKind.LBrack:
                {
                    var open = Next();
                    var index = Expression();
                    if (Cur.Kind == TokenKind.Colon)
                    {
                        throw Fail(CueErrorCodes.Unsupported, "slice expressions (`x[a:b]`) are not supported");
                    }
                    Expect(TokenKind.RBrack, "`]`");
                    x = new IndexExpr(open.Line, x, index);
                    continue;
                }
                case TokenKind.LParen:
                {
                    var open = Next();
                    var args = new List<Expr>();
                    SkipCommas();
                    while (Cur.Kind != TokenKind.RParen)
                    {
                        args.Add(Expression());
                        if (Cur.Kind != TokenKind.RParen)
                        {
                            Expect(TokenKind.Comma, "`,` or `)` in call");
                            SkipCommas();
                        }
                    }
                    Next();
                    x = new CallExpr(open.Line, x, args);
                    continue;
                }
                default:
                    return x;
            }
        }
    }
}
