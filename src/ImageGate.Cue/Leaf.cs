namespace ImageGate.Cue;

/// <summary>
/// The scalar part of a value in CUE's lattice: the kinds still possible, a concrete value if known, the bounds
/// it must satisfy, or bottom (<see cref="Error"/>). Incomplete means "not known yet" (an unresolved reference,
/// an operand without a concrete value): not an error in CUE unless concreteness is required.
/// </summary>
internal sealed class Leaf
{
    private static readonly IReadOnlyList<Bound> NoBounds = [];

    private Leaf(Kind kinds, Scalar? value, IReadOnlyList<Bound> bounds, string? error, string? incomplete)
    {
        Kinds = kinds;
        Value = value;
        Bounds = bounds;
        Error = error;
        Incomplete = incomplete;
    }

    public static Leaf Top { get; } = new(Kind.Top, null, NoBounds, null, null);

    public Kind Kinds { get; }

    public Scalar? Value { get; }

    public IReadOnlyList<Bound> Bounds { get; }

    public string? Error { get; }

    /// <summary>Why the value is not known; null when it is (or is a plain constraint).</summary>
    public string? Incomplete { get; }

    public bool IsConcrete => Value is not null && Error is null && Incomplete is null;

    public static Leaf Of(Scalar value) => new(value.Kind, value, NoBounds, null, null);

    public static Leaf OfKind(Kind kinds) => new(kinds, null, NoBounds, null, null);

    public static Leaf OfBound(Bound bound) => new(bound.Kinds, null, [bound], null, null);

    public static Leaf Fail(string error) => new(Kind.None, null, NoBounds, error, null);

    public static Leaf NotYet(string reason) => new(Kind.Top, null, NoBounds, null, reason);

    /// <summary>CUE's <c>&amp;</c> on scalars: the greatest lower bound, or bottom with the reason.</summary>
    public static Leaf Unify(Leaf a, Leaf b)
    {
        if (a.Error is not null)
        {
            return a;
        }
        if (b.Error is not null)
        {
            return b;
        }
        if (ReferenceEquals(a, Top))
        {
            return b;
        }
        if (ReferenceEquals(b, Top))
        {
            return a;
        }
        var kinds = a.Kinds & b.Kinds;
        if (kinds == Kind.None)
        {
            return Fail($"conflicting values {a.Describe()} and {b.Describe()} (mismatched types {Format.KindName(a.Kinds)} and {Format.KindName(b.Kinds)})");
        }
        if (a.Value is not null && b.Value is not null && !a.Value.SameAs(b.Value))
        {
            return Fail($"conflicting values {a.Value} and {b.Value}");
        }
        var value = a.Value ?? b.Value;
        IReadOnlyList<Bound> bounds;
        if (b.Bounds.Count == 0)
        {
            bounds = a.Bounds;
        }
        else if (a.Bounds.Count == 0)
        {
            bounds = b.Bounds;
        }
        else
        {
            var merged = new List<Bound>(a.Bounds);
            foreach (var bound in b.Bounds)
            {
                if (!merged.Any(m => ReferenceEquals(m, bound) || m.Describe() == bound.Describe()))
                {
                    merged.Add(bound);
                }
            }
            bounds = merged;
        }
        if (value is not null)
        {
            foreach (var bound in bounds)
            {
                if (bound.Check(value) is { } violation)
                {
                    return Fail(violation);
                }
            }
            bounds = NoBounds;
        }
        else if (Contradiction(bounds) is { } contradiction)
        {
            return Fail(contradiction);
        }
        var incomplete = a.Incomplete ?? b.Incomplete;
        return new Leaf(value is null ? kinds : value.Kind, value, bounds, null, incomplete);
    }

    /// <summary>
    /// A lower bound above an upper bound admits no value: bottom even before any value arrives, as in CUE (so a
    /// self-contradictory constraint on an absent field is an error, not an incomplete pass).
    /// </summary>
    private static string? Contradiction(IReadOnlyList<Bound> bounds)
    {
        CompareBound? lower = null;
        CompareBound? upper = null;
        foreach (var bound in bounds)
        {
            if (bound is not CompareBound cb)
            {
                continue;
            }
            var isLower = cb.Op is TokenKind.Gtr or TokenKind.Geq;
            ref var current = ref isLower ? ref lower : ref upper;
            var c = current is null ? null : cb.Limit.CompareTo(current.Limit);
            if (current is null || c is null || (isLower ? c > 0 : c < 0) || (c == 0 && cb.Op is TokenKind.Gtr or TokenKind.Lss))
            {
                current = cb;
            }
        }
        if (lower is null || upper is null || lower.Limit.CompareTo(upper.Limit) is not { } order)
        {
            return null;
        }
        var empty = order > 0 || (order == 0 && (lower.Op == TokenKind.Gtr || upper.Op == TokenKind.Lss));
        return empty ? $"incompatible bounds {lower.Describe()} and {upper.Describe()}" : null;
    }

    public string Describe()
    {
        if (Error is not null)
        {
            return "_|_";
        }
        if (Value is not null)
        {
            return Value.ToString();
        }
        var parts = new List<string>();
        var implied = Bounds.Aggregate(Kind.Top, (k, b) => k & b.Kinds);
        if (Kinds != implied || Bounds.Count == 0)
        {
            parts.Add(Format.KindName(Kinds));
        }
        parts.AddRange(Bounds.Select(b => b.Describe()));
        return string.Join(" & ", parts);
    }
}
