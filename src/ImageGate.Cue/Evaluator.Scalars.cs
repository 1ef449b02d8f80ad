using ImageGate.Re2;

namespace ImageGate.Cue;

/// <summary>Scalar expressions: literals, bounds, operators and builtin calls, evaluated to a <see cref="Leaf"/>.</summary>
internal sealed partial class Evaluator
{
    public Leaf EvalLeaf(Expr expr, Env? env)
    {
        if (!Step())
        {
            return Leaf.Fail("evaluation stopped");
        }
        switch (expr)
        {
            case NullLit:
                return Leaf.Of(Scalar.Null);
            case BoolLit b:
                return Leaf.Of(Scalar.Of(b.Value));
            case NumberLit n:
                return Leaf.Of(Scalar.Of(n.Value));
            case StringLit s:
                return Leaf.Of(Scalar.Of(s.Value));
            case BytesLit bytes:
                return Leaf.Of(Scalar.Of(bytes.Value));
            case TopLit:
                return Leaf.Top;
            case BottomLit:
                return Leaf.Fail("explicit error (_|_ literal) in source");
            case JsonExpr json:
                return JsonLeaf(json.Json);
            case StructLit:
                return Leaf.OfKind(Kind.Struct);
            case ListLit:
                return Leaf.OfKind(Kind.List);
            case Ident or SelectorExpr or IndexExpr:
            {
                var (v, leaf) = Resolve(expr, env);
                return v is null ? leaf! : LeafOf(v);
            }
            case UnaryExpr u:
                return Unary(u, env);
            case BinaryExpr b:
                return Binary(b, env);
            case CallExpr call:
                return Call(call, env);
            default:
                return Unsupported($"expression {expr.GetType().Name} is not supported", expr.Line, env);
        }
    }

    private Leaf Call(CallExpr call, Env? env)
    {
        if (call.Fun is SelectorExpr { X: Ident pkg } sel && ImportOf(pkg.Name, env) is not null
            && Builtins.IsFunction(pkg.Name, sel.Label, out var min, out var max)
            && call.Args.Count >= min && call.Args.Count <= max)
        {
            var args = call.Args.Select(a => EvalLeaf(a, env)).ToList();
            return Builtins.Call(pkg.Name, sel.Label, args);
        }
        return Unsupported("unsupported function call", call.Line, env);
    }

    private Leaf Unary(UnaryExpr u, Env? env)
    {
        if (u.Op == TokenKind.Star)
        {
            return EvalLeaf(u.X, env);
        }
        var x = EvalLeaf(u.X, env);
        if (x.Error is not null)
        {
            return x;
        }
        if (!x.IsConcrete)
        {
            return Leaf.NotYet($"operand of {OpText(u.Op)} is not concrete");
        }
        var value = x.Value!;
        switch (u.Op)
        {
            case TokenKind.Sub or TokenKind.Add:
                if ((value.Kind & Kind.Number) == 0)
                {
                    return Leaf.Fail($"invalid operation {OpText(u.Op)}{value} (operand is {Format.KindName(value.Kind)})");
                }
                return u.Op == TokenKind.Add ? x : Leaf.Of(Scalar.Of(value.Number.Negate()));
            case TokenKind.Not:
                return value.Kind == Kind.Bool
                    ? Leaf.Of(Scalar.Of(!value.Bool))
                    : Leaf.Fail($"invalid operation !{value} (operand is {Format.KindName(value.Kind)})");
            case TokenKind.Lss or TokenKind.Leq or TokenKind.Gtr or TokenKind.Geq:
                if ((value.Kind & (Kind.Number | Kind.String | Kind.Bytes)) == 0)
                {
                    return Leaf.Fail($"invalid operand {value} for bound {OpText(u.Op)}");
                }
                return Leaf.OfBound(new CompareBound(u.Op, value));
            case TokenKind.Neq:
                return Leaf.OfBound(new NotEqualBound(value));
            case TokenKind.Match or TokenKind.NotMatch:
            {
                if (value.Kind != Kind.String)
                {
                    return Leaf.Fail($"invalid regular expression {value} (not a string)");
                }
                var regex = Regex(value.String!, u.Line, env);
                return regex is null
                    ? Leaf.Fail("invalid regular expression")
                    : Leaf.OfBound(new RegexBound(u.Op == TokenKind.NotMatch, value.String!, regex, RegexTimedOut));
            }
            default:
                return Unsupported($"operator {OpText(u.Op)} is not supported", u.Line, env);
        }
    }

    private Re2Regex? Regex(string pattern, int line, Env? env)
    {
        if (_policy.Regexes.TryGetValue(pattern, out var cached))
        {
            return cached;
        }
        if (!Re2Regex.TryCreate(pattern, _limits.RegexTimeout, out var regex, out var failure))
        {
            SetFatal(CueErrorCodes.Regex, failure, line, env);
            return null;
        }
        // Patterns can come from the statement (`=~x` with x from the input): cap the shared cache.
        if (_policy.Regexes.Count < 1024)
        {
            _policy.Regexes.TryAdd(pattern, regex);
        }
        return regex;
    }

    /// <summary>
    /// A regex timeout is a limit, never a violation a disjunction could discard: the whole evaluation fails closed
    /// (cosign's RE2 has no timeout, so no verdict can be trusted once ours fired).
    /// </summary>
    private void RegexTimedOut(string message) => SetFatal(CueErrorCodes.Limit, message);

    private Leaf Binary(BinaryExpr b, Env? env)
    {
        switch (b.Op)
        {
            case TokenKind.And:
                return Leaf.Unify(EvalLeaf(b.Left, env), EvalLeaf(b.Right, env));
            case TokenKind.Or:
                return ScalarDisjunction(b, env);
        }
        var l = EvalLeaf(b.Left, env);
        var r = EvalLeaf(b.Right, env);
        if (l.Error is not null)
        {
            return l;
        }
        if (r.Error is not null)
        {
            return r;
        }
        if (!l.IsConcrete || !r.IsConcrete)
        {
            if ((l.Kinds & (Kind.Struct | Kind.List)) != 0 && l.Kinds != Kind.Top || (r.Kinds & (Kind.Struct | Kind.List)) != 0 && r.Kinds != Kind.Top)
            {
                return Leaf.Fail($"invalid operands {l.Describe()} and {r.Describe()} to {OpText(b.Op)} (only scalars are supported)");
            }
            return Leaf.NotYet($"operands of {OpText(b.Op)} are not concrete");
        }
        var x = l.Value!;
        var y = r.Value!;
        string Mismatch() =>
            $"invalid operands {x} and {y} to {OpText(b.Op)} (mismatched types {Format.KindName(x.Kind)} and {Format.KindName(y.Kind)})";
        switch (b.Op)
        {
            case TokenKind.Eq or TokenKind.Neq:
            {
                var equal = ((x.Kind & Kind.Number) != 0 && (y.Kind & Kind.Number) != 0) ? x.CompareTo(y) == 0 : x.SameAs(y);
                return Leaf.Of(Scalar.Of(b.Op == TokenKind.Eq ? equal : !equal));
            }
            case TokenKind.Lss or TokenKind.Leq or TokenKind.Gtr or TokenKind.Geq:
            {
                var c = x.CompareTo(y);
                if (c is null)
                {
                    return Leaf.Fail(Mismatch());
                }
                return Leaf.Of(Scalar.Of(b.Op switch
                {
                    TokenKind.Lss => c < 0,
                    TokenKind.Leq => c <= 0,
                    TokenKind.Gtr => c > 0,
                    _ => c >= 0,
                }));
            }
            case TokenKind.Match or TokenKind.NotMatch:
            {
                if (x.Kind != Kind.String || y.Kind != Kind.String)
                {
                    return Leaf.Fail(Mismatch());
                }
                var regex = Regex(y.String!, b.Line, env);
                if (regex is null)
                {
                    return Leaf.Fail("invalid regular expression");
                }
                switch (regex.Match(x.String!))
                {
                    case Re2MatchOutcome.Match:
                        return Leaf.Of(Scalar.Of(b.Op == TokenKind.Match));
                    case Re2MatchOutcome.NoMatch:
                        return Leaf.Of(Scalar.Of(b.Op == TokenKind.NotMatch));
                    default:
                        var message = $"{x}: matching {Format.Quote(y.String!)} timed out";
                        RegexTimedOut(message);
                        return Leaf.Fail(message);
                }
            }
            case TokenKind.LAnd or TokenKind.LOr:
                if (x.Kind != Kind.Bool || y.Kind != Kind.Bool)
                {
                    return Leaf.Fail(Mismatch());
                }
                return Leaf.Of(Scalar.Of(b.Op == TokenKind.LAnd ? x.Bool && y.Bool : x.Bool || y.Bool));
            case TokenKind.Add when x.Kind == Kind.String && y.Kind == Kind.String:
                return Leaf.Of(Scalar.Of(x.String + y.String));
            case TokenKind.Add when x.Kind == Kind.Bytes && y.Kind == Kind.Bytes:
                return Leaf.Of(Scalar.Of([.. x.Bytes!, .. y.Bytes!]));
            case TokenKind.Add or TokenKind.Sub or TokenKind.Star:
                if ((x.Kind & Kind.Number) == 0 || (y.Kind & Kind.Number) == 0)
                {
                    return Leaf.Fail(Mismatch());
                }
                return Arithmetic(b.Op, x.Number, y.Number, b.Line, env);
            default:
                return Unsupported($"operator {OpText(b.Op)} is not supported", b.Line, env);
        }
    }

    /// <summary>
    /// As cue's <c>numOp</c>: int with int is exact; with a float the result is a float rounded to 34 significant
    /// digits. A result beyond <see cref="CueDecimal"/>'s limits (repeated squaring) is a limit error, not a violation.
    /// </summary>
    private Leaf Arithmetic(TokenKind op, CueNumber x, CueNumber y, int line, Env? env)
    {
        var isInt = x.IsInt && y.IsInt;
        var exact = op switch { TokenKind.Add => x.Value + y.Value, TokenKind.Sub => x.Value - y.Value, _ => x.Value * y.Value };
        var value = isInt ? exact : exact.Round(CueDecimal.FloatPrecision);
        if (!value.IsInRange)
        {
            var message = $"{CueNumber.Shorten(x.Text)} {OpText(op)} {CueNumber.Shorten(y.Text)} is out of the supported range ({CueDecimal.RangeDescription})";
            SetFatal(CueErrorCodes.Limit, message, line, env);
            return Leaf.Fail(message);
        }
        return Leaf.Of(Scalar.Of(CueNumber.Of(value, isInt)));
    }

    private Leaf ScalarDisjunction(BinaryExpr or, Env? env)
    {
        var results = Alternatives(or).Select(a => (Leaf: EvalLeaf(a.Expr, env), a.IsDefault)).ToList();
        var alive = results.Where(r => r.Leaf.Error is null).ToList();
        if (alive.Count == 0)
        {
            return Leaf.Fail($"{results.Count} errors in empty disjunction: " + string.Join("; ", results.Select(r => r.Leaf.Error)));
        }
        var defaults = alive.Where(r => r.IsDefault).ToList();
        var pool = defaults.Count > 0 ? defaults : alive;
        var distinct = pool.Select(p => p.Leaf).DistinctBy(p => p.Describe()).ToList();
        return distinct.Count == 1 ? distinct[0] : Leaf.NotYet("unresolved disjunction in an operand");
    }

    private static string OpText(TokenKind op) => op switch
    {
        TokenKind.Sub => "-",
        TokenKind.Add => "+",
        TokenKind.Not => "!",
        TokenKind.Star => "*",
        TokenKind.Lss => "<",
        TokenKind.Leq => "<=",
        TokenKind.Gtr => ">",
        TokenKind.Geq => ">=",
        TokenKind.Neq => "!=",
        TokenKind.Eq => "==",
        TokenKind.Match => "=~",
        TokenKind.NotMatch => "!~",
        TokenKind.LAnd => "&&",
        TokenKind.LOr => "||",
        TokenKind.And => "&",
        TokenKind.Or => "|",
        _ => op.ToString(),
    };
}
