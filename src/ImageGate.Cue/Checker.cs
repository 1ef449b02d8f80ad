using ImageGate.Re2;

namespace ImageGate.Cue;

/// <summary>
/// Static checks after parsing, so a policy outside the subset fails when it is loaded rather than on the first
/// statement: every identifier resolves, imports and builtins are supported, regex literals are valid RE2.
/// </summary>
internal sealed class Checker
{
    private static readonly HashSet<string> Types = ["string", "int", "float", "number", "bool", "bytes"];

    private readonly SourceFile _file;
    private readonly IReadOnlySet<string> _packageKeys;
    private readonly CueLimits _limits;
    private readonly List<StructLit> _scopes = [];

    private Checker(SourceFile file, IReadOnlySet<string> packageKeys, CueLimits limits)
    {
        _file = file;
        _packageKeys = packageKeys;
        _limits = limits;
    }

    public static CuePolicyError? Check(SourceFile file, IReadOnlySet<string> packageKeys, CueLimits limits)
    {
        foreach (var import in file.Imports)
        {
            if (!Builtins.IsPackage(import.Path))
            {
                return new CuePolicyError(CueErrorCodes.Unsupported,
                    $"import \"{import.Path}\" is not supported (only \"strings\" and \"time\")", file.Name, import.Line);
            }
            if (import.Name != import.Path)
            {
                return new CuePolicyError(CueErrorCodes.Unsupported, $"renamed import `{import.Name}` is not supported", file.Name, import.Line);
            }
        }
        return new Checker(file, packageKeys, limits).Struct(file.Body);
    }

    private CuePolicyError Error(string code, string message, int line) => new(code, message, _file.Name, line);

    private CuePolicyError? Struct(StructLit lit)
    {
        _scopes.Add(lit);
        try
        {
            foreach (var decl in lit.Decls)
            {
                var error = decl switch
                {
                    FieldDecl f => Expr(f.Value),
                    EmbedDecl e => Expr(e.Value),
                    LetDecl l => Expr(l.Value),
                    _ => null,
                };
                if (error is not null)
                {
                    return error;
                }
            }
            return null;
        }
        finally
        {
            _scopes.RemoveAt(_scopes.Count - 1);
        }
    }

    private bool InScope(string name)
    {
        var key = Label.FromIdentifier(name).Key;
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].DeclaredKeys.Contains(key) || _scopes[i].Lets.ContainsKey(name))
            {
                return true;
            }
        }
        return _packageKeys.Contains(key);
    }

    private bool IsImport(string name) => !InScope(name) && _file.Imports.Any(i => i.Name == name);

    private CuePolicyError? Expr(Expr expr)
    {
        switch (expr)
        {
            case Ident id:
                if (InScope(id.Name) || Types.Contains(id.Name))
                {
                    return null;
                }
                if (IsImport(id.Name))
                {
                    return Error(CueErrorCodes.Syntax, $"package `{id.Name}` can only be used as `{id.Name}.Name`", id.Line);
                }
                return Error(CueErrorCodes.Reference, $"reference \"{id.Name}\" not found", id.Line);
            case SelectorExpr sel:
                if (sel.X is Ident pkg && !sel.Quoted && IsImport(pkg.Name))
                {
                    if (Builtins.TryConstant(pkg.Name, sel.Label, out _))
                    {
                        return null;
                    }
                    return Builtins.IsFunction(pkg.Name, sel.Label, out _, out _)
                        ? Error(CueErrorCodes.Unsupported, $"builtin {pkg.Name}.{sel.Label} must be called", sel.Line)
                        : Error(CueErrorCodes.Unsupported, $"{pkg.Name}.{sel.Label} is not supported", sel.Line);
                }
                return Expr(sel.X);
            case IndexExpr index:
                return Expr(index.X) ?? Expr(index.Index);
            case CallExpr call:
                return Call(call);
            case UnaryExpr u:
                return Regex(u.Op, u.X) ?? Expr(u.X);
            case BinaryExpr b:
                return Regex(b.Op, b.Right) ?? Expr(b.Left) ?? Expr(b.Right);
            case StructLit s:
                return Struct(s);
            case ListLit list:
                foreach (var e in list.Elements)
                {
                    if (Expr(e) is { } error)
                    {
                        return error;
                    }
                }
                return list.Ellipsis is null ? null : Expr(list.Ellipsis);
            default:
                return null;
        }
    }

    private CuePolicyError? Call(CallExpr call)
    {
        if (call.Fun is SelectorExpr { X: Ident pkg } sel && !sel.Quoted && IsImport(pkg.Name))
        {
            if (!Builtins.IsFunction(pkg.Name, sel.Label, out var min, out var max))
            {
                return Error(CueErrorCodes.Unsupported, $"builtin {pkg.Name}.{sel.Label} is not supported", call.Line);
            }
            if (call.Args.Count < min || call.Args.Count > max)
            {
                return Error(CueErrorCodes.Syntax, $"{pkg.Name}.{sel.Label} takes {(min == max ? $"{max}" : $"{min} or {max}")} arguments, not {call.Args.Count}", call.Line);
            }
            if (pkg.Name == "time" && call.Args[0] is StringLit { Value: not (Builtins.Rfc3339 or Builtins.Rfc3339Nano) } layout)
            {
                return Error(CueErrorCodes.Unsupported, $"time.Parse layout {Format.Quote(layout.Value)} is not supported (only time.RFC3339 and time.RFC3339Nano)", call.Line);
            }
            foreach (var arg in call.Args)
            {
                if (Expr(arg) is { } error)
                {
                    return error;
                }
            }
            return null;
        }
        if (call.Fun is SelectorExpr && Expr(call.Fun) is { } unresolved)
        {
            return unresolved;
        }
        var name = call.Fun switch
        {
            Ident id => id.Name,
            SelectorExpr s => s.Label,
            _ => "expression",
        };
        return Error(CueErrorCodes.Unsupported, $"call of `{name}` is not supported (only strings.HasPrefix, strings.HasSuffix, strings.Contains and time.Parse)", call.Line);
    }

    private CuePolicyError? Regex(TokenKind op, Expr operand)
    {
        if (op is not (TokenKind.Match or TokenKind.NotMatch) || operand is not StringLit pattern)
        {
            return null;
        }
        return Re2Regex.TryCreate(pattern.Value, _limits.RegexTimeout, out _, out var failure)
            ? null
            : Error(CueErrorCodes.Regex, failure, pattern.Line);
    }
}
