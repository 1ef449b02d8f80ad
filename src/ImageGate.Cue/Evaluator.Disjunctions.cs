namespace ImageGate.Cue;

/// <summary>Disjunctions: every combination of alternatives is evaluated; survivors, then defaults, decide.</summary>
internal sealed partial class Evaluator
{
    private void ResolveDisjunctions(Vertex v)
    {
        var disjunctions = v.Disjunctions.ToList();
        var alternatives = disjunctions.Select(d => Alternatives((BinaryExpr)d.Expr)).ToList();
        long combinations = 1;
        foreach (var a in alternatives)
        {
            combinations *= a.Count;
            if (combinations + _branches > _limits.MaxDisjunctionBranches)
            {
                SetFatal(CueErrorCodes.Limit, $"disjunctions at {v.Path()} need more than {_limits.MaxDisjunctionBranches} alternatives to be tried");
                return;
            }
        }
        var survivors = new List<(Vertex Vertex, bool IsDefault)>();
        var errors = new List<string>();
        var counters = new int[disjunctions.Count];
        while (true)
        {
            _branches++;
            var clone = new Vertex(v.Parent, v.Label) { HasRegular = v.HasRegular, IsRequired = v.IsRequired };
            clone.Conjuncts.AddRange(v.Conjuncts);
            clone.Choices = v.Choices is null
                ? new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance)
                : new Dictionary<Expr, int>(v.Choices, ReferenceEqualityComparer.Instance);
            var isDefault = true;
            for (var k = 0; k < counters.Length; k++)
            {
                clone.Choices[disjunctions[k].Expr] = counters[k];
                if (alternatives[k].Any(a => a.IsDefault) && !alternatives[k][counters[k]].IsDefault)
                {
                    isDefault = false;
                }
            }
            Evaluate(clone);
            if (Fatal is not null)
            {
                return;
            }
            var error = FirstError(clone, "");
            if (error is null)
            {
                survivors.Add((clone, isDefault));
            }
            else
            {
                errors.Add(error);
            }
            var k2 = 0;
            while (k2 < counters.Length && ++counters[k2] == alternatives[k2].Count)
            {
                counters[k2] = 0;
                k2++;
            }
            if (k2 == counters.Length)
            {
                break;
            }
        }
        if (survivors.Count == 0)
        {
            var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
            v.Error = distinct.Count == 1
                ? distinct[0]
                : $"{distinct.Count} errors in empty disjunction: " + string.Join("; ", distinct.Take(8)) + (distinct.Count > 8 ? "; ..." : "");
            return;
        }
        var pool = survivors.Where(s => s.IsDefault).ToList();
        if (pool.Count == 0 || pool.Count == survivors.Count && alternatives.All(a => !a.Any(x => x.IsDefault)))
        {
            pool = survivors;
        }
        var unique = new List<Vertex>();
        foreach (var (candidate, _) in pool)
        {
            if (!unique.Any(u => Equivalent(u, candidate, 0)))
            {
                unique.Add(candidate);
            }
        }
        v.Adopt(unique[0]);
        if (unique.Count > 1)
        {
            v.Ambiguous = true;
        }
    }

    /// <summary>The first error in a tried alternative, with its path below the disjunction.</summary>
    private static string? FirstError(Vertex v, string prefix)
    {
        var here = v.Error ?? v.Leaf.Error;
        if (here is not null)
        {
            return prefix.Length == 0 ? here : $"{prefix}: {here}";
        }
        if (v.Unconstrained)
        {
            return null;
        }
        foreach (var arc in v.ArcList)
        {
            if (arc.Label.Kind == LabelKind.Definition || !arc.IsPresent)
            {
                continue;
            }
            var label = Format.LabelText(arc.Label);
            var found = FirstError(arc, prefix.Length == 0 ? label : prefix + "." + label);
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }

    private bool Equivalent(Vertex a, Vertex b, int depth)
    {
        if (a.Unconstrained || b.Unconstrained)
        {
            if (a.Unconstrained && b.Unconstrained && a.PlainJsonValue() is { } x && b.PlainJsonValue() is { } y
                && RawJson.SameBytes(x.Json, y.Json))
            {
                return true;
            }
            // One side is constrained (or they hold different input): compare expanded values, as without the shortcut.
            Evaluate(a);
            Evaluate(b);
        }
        if (depth > 256 || a.IsStruct != b.IsStruct || a.IsList != b.IsList || a.Ambiguous || b.Ambiguous)
        {
            return false;
        }
        if (a.Leaf.Value is not null || b.Leaf.Value is not null)
        {
            if (a.Leaf.Value is null || b.Leaf.Value is null || !a.Leaf.Value.SameAs(b.Leaf.Value))
            {
                return false;
            }
        }
        else if (a.Leaf.Describe() != b.Leaf.Describe())
        {
            return false;
        }
        var arcsA = a.ArcList.Where(x => x.IsPresent && x.Label.Kind != LabelKind.Definition).ToList();
        var arcsB = b.ArcList.Where(x => x.IsPresent && x.Label.Kind != LabelKind.Definition).ToList();
        if (arcsA.Count != arcsB.Count)
        {
            return false;
        }
        foreach (var arc in arcsA)
        {
            var other = b.Lookup(arc.Label.Key);
            if (other is null || !other.IsPresent || !Equivalent(arc, other, depth + 1))
            {
                return false;
            }
        }
        return true;
    }
}
