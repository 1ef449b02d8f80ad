using ImageGate.Re2;

namespace ImageGate.Cue;

/// <summary>A non-concrete constraint on a scalar (<c>&lt;10</c>, <c>=~"re"</c>, <c>strings.HasPrefix("x")</c>).</summary>
internal abstract class Bound
{
    /// <summary>The kinds a value satisfying this bound can have.</summary>
    public abstract Kind Kinds { get; }

    public abstract string Describe();

    /// <summary>Null when <paramref name="value"/> satisfies the bound, else the violation sentence.</summary>
    public abstract string? Check(Scalar value);

    protected string OutOfBound(Scalar value) => $"invalid value {value} (out of bound {Describe()})";
}

internal sealed class CompareBound(TokenKind op, Scalar limit) : Bound
{
    public TokenKind Op { get; } = op;

    public Scalar Limit { get; } = limit;

    public override Kind Kinds => (Limit.Kind & Kind.Number) != 0 ? Kind.Number : Limit.Kind;

    public override string Describe() => Op switch
    {
        TokenKind.Lss => "<",
        TokenKind.Leq => "<=",
        TokenKind.Gtr => ">",
        _ => ">=",
    } + Limit;

    public override string? Check(Scalar value)
    {
        var c = value.CompareTo(Limit);
        if (c is null)
        {
            return $"invalid value {value} (mismatched types {Format.KindName(value.Kind)} and {Format.KindName(Limit.Kind)} in {Describe()})";
        }
        var ok = Op switch
        {
            TokenKind.Lss => c < 0,
            TokenKind.Leq => c <= 0,
            TokenKind.Gtr => c > 0,
            _ => c >= 0,
        };
        return ok ? null : OutOfBound(value);
    }
}

internal sealed class NotEqualBound(Scalar other) : Bound
{
    public override Kind Kinds => Kind.Top;

    public override string Describe() => "!=" + other;

    // Numbers compare by value across int and float, as CUE's == does.
    public override string? Check(Scalar value) =>
        value.SameAs(other) || ((value.Kind & Kind.Number) != 0 && (other.Kind & Kind.Number) != 0 && value.CompareTo(other) == 0)
            ? OutOfBound(value)
            : null;
}

/// <summary>
/// <c>=~</c> / <c>!~</c>. A timed-out match is reported to <paramref name="timedOut"/> (the evaluator makes it a
/// fatal limit error): as a mere violation it could be dropped with a disjunction branch and let another branch, or a
/// default, decide, and the verdict must never depend on how loaded the machine was.
/// </summary>
internal sealed class RegexBound(bool negated, string pattern, Re2Regex regex, Action<string> timedOut) : Bound
{
    public override Kind Kinds => Kind.String;

    public override string Describe() => (negated ? "!~" : "=~") + Format.Quote(pattern);

    public override string? Check(Scalar value)
    {
        if (value.Kind != Kind.String)
        {
            return $"invalid value {value} (mismatched types {Format.KindName(value.Kind)} and string in {Describe()})";
        }
        switch (regex.Match(value.String!))
        {
            case Re2MatchOutcome.Match:
                return negated ? $"{value} matches {Describe()}" : null;
            case Re2MatchOutcome.NoMatch:
                return negated ? null : $"{value} does not match {Describe()}";
            default:
                var message = $"{value}: matching {Describe()} timed out";
                timedOut(message);
                return message;
        }
    }
}

/// <summary>A bool builtin called with one argument fewer, applied to the value as its first argument.</summary>
internal sealed class ValidatorBound(string call, Func<string, string, bool> test, string argument) : Bound
{
    public override Kind Kinds => Kind.String;

    public override string Describe() => $"{call}({Format.Quote(argument)})";

    public override string? Check(Scalar value)
    {
        if (value.Kind != Kind.String)
        {
            return $"invalid value {value} (mismatched types {Format.KindName(value.Kind)} and string in {Describe()})";
        }
        return test(value.String!, argument) ? null : $"invalid value {value} (does not satisfy {Describe()})";
    }
}
