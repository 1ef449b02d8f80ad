namespace ImageGate.Cue;

/// <summary>
/// Recursive-descent parser for the supported subset (cuelang.org spec "Expressions", "Declarations"). Every
/// construct outside the subset is refused with its name and line rather than skipped.
/// </summary>
internal sealed partial class Parser
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
}
