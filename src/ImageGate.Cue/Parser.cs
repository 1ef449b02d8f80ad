using System.Globalization;

namespace ImageGate.Cue;

/// <summary>
/// Recursive-descent parser for the supported subset (cuelang.org spec "Expressions", "Declarations"). Every
/// construct outside the subset is refused with its name and line rather than skipped.
/// </summary>
internal sealed class Parser
{
    private static readonly HashSet<string> WordOperators = ["div", "mod", "quo", "rem"];

    private readonly List<Token> _tokens;
    private readonly string _file;
    private readonly int _maxDepth;
    private int _pos;
    private int _depth;

    private Parser(List<Token> tokens, string file, int maxDepth)
    {
        _tokens = tokens;
        _file = file;
        _maxDepth = maxDepth;
    }

    private sealed class ParseFailure(CuePolicyError error) : Exception(error.Message)
    {
        public CuePolicyError Error { get; } = error;
    }

    public static bool TryParse(string text, string file, int maxDepth, out SourceFile? source, out CuePolicyError? error)
    {
        source = null;
        if (!Lexer.TryTokenize(text, file, out var tokens, out error))
        {
            return false;
        }
        var parser = new Parser(tokens, file, maxDepth);
        try
        {
            source = parser.File();
            return true;
        }
        catch (ParseFailure f)
        {
            // Unwinding a deep recursive descent is the parser's one internal use of an exception.
            error = f.Error;
            return false;
        }
    }

    private Token Cur => _tokens[_pos];

    private Token PeekAt(int offset) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];

    private Token Next() => _tokens[_pos++];

    private ParseFailure Fail(string code, string message, int? line = null) =>
        new(new CuePolicyError(code, message, _file, line ?? Cur.Line));

    private ParseFailure Unexpected(string expected) =>
        Fail(CueErrorCodes.Syntax, $"expected {expected}, found {Cur.Describe()}");

    private Token Expect(TokenKind kind, string what)
    {
        if (Cur.Kind != kind)
        {
            throw Unexpected(what);
        }
        return Next();
    }

    private void SkipCommas()
    {
        while (Cur.Kind == TokenKind.Comma)
        {
            _pos++;
        }
    }

    private bool IsIdent(string name) => Cur.Kind == TokenKind.Ident && Cur.Text == name;

    private SourceFile File()
    {
        SkipCommas();
        string? package = null;
        if (IsIdent("package"))
        {
            Next();
            package = Expect(TokenKind.Ident, "package name").Text;
            EndOfDecl();
        }
        var imports = new List<ImportSpec>();
        while (IsIdent("import"))
        {
            Next();
            if (Cur.Kind == TokenKind.LParen)
            {
                Next();
                SkipCommas();
                while (Cur.Kind != TokenKind.RParen)
                {
                    imports.Add(ImportSpec());
                    if (Cur.Kind != TokenKind.RParen)
                    {
                        Expect(TokenKind.Comma, "`,` or `)` in import list");
                        SkipCommas();
                    }
                }
                Next();
            }
            else
            {
                imports.Add(ImportSpec());
            }
            EndOfDecl();
        }
        var start = Cur.Line;
        var decls = new List<Decl>();
        while (Cur.Kind != TokenKind.Eof)
        {
            if (IsIdent("import"))
            {
                throw Fail(CueErrorCodes.Syntax, "imports must come before other declarations");
            }
            decls.Add(Declaration());
            EndOfDecl();
        }
        return new SourceFile(_file, package, imports, MakeStruct(start, decls));
    }

    private ImportSpec ImportSpec()
    {
        var line = Cur.Line;
        string? alias = null;
        if (Cur.Kind == TokenKind.Ident)
        {
            alias = Next().Text;
        }
        var path = Expect(TokenKind.String, "import path string").Text;
        var name = alias ?? path[(path.LastIndexOf('/') + 1)..];
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return new ImportSpec(line, path, colon >= 0 ? name[(colon + 1)..] : name);
    }

    private void EndOfDecl()
    {
        if (Cur.Kind is TokenKind.Eof or TokenKind.RBrace)
        {
            return;
        }
        if (Cur.Kind == TokenKind.At)
        {
            throw Fail(CueErrorCodes.Unsupported, "attributes (`@...`) are not supported");
        }
        Expect(TokenKind.Comma, "`,` or newline after declaration");
        SkipCommas();
    }

    private StructLit MakeStruct(int line, List<Decl> decls)
    {
        var lit = new StructLit(line, decls);
        foreach (var decl in decls)
        {
            switch (decl)
            {
                case FieldDecl f:
                    lit.DeclaredKeys.Add(f.Label.Key);
                    break;
                case LetDecl l:
                    if (!lit.Lets.TryAdd(l.Name, l))
                    {
                        throw Fail(CueErrorCodes.Syntax, $"let `{l.Name}` is declared twice in the same scope", l.Line);
                    }
                    break;
            }
        }
        return lit;
    }

    private void Enter()
    {
        if (++_depth > _maxDepth)
        {
            throw Fail(CueErrorCodes.Limit, $"policy nesting is deeper than {_maxDepth} levels");
        }
    }

    private Decl Declaration()
    {
        var line = Cur.Line;
        if (IsIdent("let") && PeekAt(1).Kind == TokenKind.Ident)
        {
            Next();
            var name = Next().Text;
            Expect(TokenKind.Assign, "`=` after let name");
            return new LetDecl(line, name, Expression());
        }
        if ((IsIdent("if") || IsIdent("for")) && PeekAt(1).Kind is not (TokenKind.Colon or TokenKind.Question or TokenKind.Not))
        {
            throw Fail(CueErrorCodes.Unsupported, $"comprehension (`{Cur.Text}` clause) is not supported");
        }
        if (Cur.Kind == TokenKind.Ellipsis)
        {
            Next();
            if (Cur.Kind is not (TokenKind.Comma or TokenKind.RBrace or TokenKind.Eof))
            {
                throw Fail(CueErrorCodes.Unsupported, "typed struct ellipsis (`...T`) is not supported");
            }
            return new EllipsisDecl(line);
        }
        if (Cur.Kind == TokenKind.Ident && PeekAt(1).Kind == TokenKind.Assign)
        {
            throw Fail(CueErrorCodes.Unsupported, $"alias (`{Cur.Text}=`) is not supported");
        }
        if (TryLabel(out var label, out var constraint))
        {
            return new FieldDecl(line, label, constraint, FieldValue());
        }
        var expr = Expression();
        ThrowIfLabelExpression(expr);
        return new EmbedDecl(line, expr);
    }

    /// <summary>An expression followed by <c>:</c> was meant as a label: a pattern constraint or a dynamic field.</summary>
    private void ThrowIfLabelExpression(Expr expr)
    {
        if (Cur.Kind is TokenKind.Colon || (Cur.Kind is TokenKind.Question or TokenKind.Not && PeekAt(1).Kind == TokenKind.Colon))
        {
            var what = expr is ListLit ? "pattern constraint (`[expr]: value`)" : "dynamic field label (`(expr): value`)";
            throw Fail(CueErrorCodes.Unsupported, $"{what} is not supported");
        }
    }

    /// <summary>A label is an identifier or a string, then optional <c>?</c>/<c>!</c>, then <c>:</c>.</summary>
    private bool TryLabel(out Label label, out FieldConstraint constraint)
    {
        label = default;
        constraint = FieldConstraint.Regular;
        if (Cur.Kind is not (TokenKind.Ident or TokenKind.String))
        {
            return false;
        }
        var offset = 1;
        if (PeekAt(1).Kind is TokenKind.Question or TokenKind.Not)
        {
            constraint = PeekAt(1).Kind == TokenKind.Question ? FieldConstraint.Optional : FieldConstraint.Required;
            offset = 2;
        }
        if (PeekAt(offset).Kind != TokenKind.Colon)
        {
            return false;
        }
        var token = Next();
        label = token.Kind == TokenKind.Ident ? Label.FromIdentifier(token.Text) : new Label(LabelKind.Regular, token.Text);
        if (token.Kind == TokenKind.Ident && token.Text == "_")
        {
            throw Fail(CueErrorCodes.Syntax, "`_` cannot be used as a label");
        }
        if (offset == 2)
        {
            Next();
        }
        Next();
        return true;
    }

    private Expr FieldValue()
    {
        var line = Cur.Line;
        // The shorthand `a: b: c: x` is `a: {b: {c: x}}`.
        if (TryLabel(out var label, out var constraint))
        {
            Enter();
            var nested = new FieldDecl(line, label, constraint, FieldValue());
            _depth--;
            return MakeStruct(line, [nested]);
        }
        var value = Expression();
        ThrowIfLabelExpression(value);
        if (Cur.Kind == TokenKind.At)
        {
            throw Fail(CueErrorCodes.Unsupported, "attributes (`@...`) are not supported");
        }
        return value;
    }

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
