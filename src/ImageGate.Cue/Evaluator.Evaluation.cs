namespace ImageGate.Cue;

/// <summary>Evaluation of a vertex: shape, closedness and required checks, then its fields.</summary>
internal sealed partial class Evaluator
{
    public void Evaluate(Vertex v)
    {
        if (v.State >= VertexState.Evaluating || Fatal is not null)
        {
            return;
        }
        // Input may nest MaxDepth levels; references and disjunctions add levels on top, hence the factor.
        if (++_depth > _limits.MaxDepth * 2)
        {
            SetFatal(CueErrorCodes.Limit,
                $"values nest deeper than {_limits.MaxDepth * 2} levels at {v.Path()} (a structural cycle such as `a: {{b: a}}`, or too deep an input)");
            _depth--;
            return;
        }
        try
        {
            Expand(v);
            if (v.State != VertexState.Expanded || !Step())
            {
                return;
            }
            v.State = VertexState.Evaluating;
            if (v.Disjunctions.Count > 0)
            {
                ResolveDisjunctions(v);
                v.State = VertexState.Evaluated;
                return;
            }
            CheckShape(v);
            CheckFields(v);
            foreach (var arc in v.ArcList.ToArray())
            {
                if (arc.Label.Kind != LabelKind.Definition && arc.IsPresent && !SkipUnconstrained(arc))
                {
                    Evaluate(arc);
                }
            }
            v.State = VertexState.Evaluated;
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>
    /// A field only the statement reaches is not descended into (see <see cref="PlainJson"/>): true, and marked, when
    /// it is plain JSON that unifies with itself; a reference reading into it later still expands it.
    /// </summary>
    private bool SkipUnconstrained(Vertex arc)
    {
        if (!arc.Unconstrained && arc.State == VertexState.New && arc.PlainJsonValue() is { } json && Step()
            && json.Json.IsSelfConsistent)
        {
            arc.Unconstrained = true;
        }
        return arc.Unconstrained;
    }

    private static void CheckShape(Vertex v)
    {
        if (v.Leaf.Error is not null)
        {
            return;
        }
        if (v.IsStruct && v.IsList)
        {
            v.Error ??= "conflicting values {...} and [...] (mismatched types struct and list)";
        }
        else if (v.IsStruct && ((v.Leaf.Kinds & Kind.Struct) == 0 || v.Leaf.Value is not null))
        {
            v.Error ??= $"conflicting values {v.Leaf.Describe()} and {{...}} (mismatched types {Format.KindName(v.Leaf.Kinds)} and struct)";
        }
        else if (v.IsList && ((v.Leaf.Kinds & Kind.List) == 0 || v.Leaf.Value is not null))
        {
            v.Error ??= $"conflicting values {v.Leaf.Describe()} and [...] (mismatched types {Format.KindName(v.Leaf.Kinds)} and list)";
        }
    }

    private static void CheckFields(Vertex v)
    {
        foreach (var arc in v.ArcList)
        {
            if (arc.IsRequired && !arc.HasRegular)
            {
                arc.Error ??= "field is required but not present";
            }
            if (arc.HasRegular && arc.Label.Kind == LabelKind.Regular)
            {
                foreach (var group in v.Groups)
                {
                    if (group.Closed && !group.Open && !group.Keys.Contains(arc.Label.Key))
                    {
                        arc.Error ??= "field not allowed";
                    }
                }
            }
        }
    }
}
