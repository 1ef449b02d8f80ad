namespace ImageGate.Cue;

/// <summary>Lexical lookup of identifiers, selectors and indexes.</summary>
internal sealed partial class Evaluator
{
    private (Vertex? Vertex, Leaf? Leaf) Resolve(Expr expr, Env? env)
    {
        switch (expr)
        {
            case Ident id:
                return ResolveIdent(id, env);
            case SelectorExpr sel:
            {
                if (sel.X is Ident pkg && !sel.Quoted && ImportOf(pkg.Name, env) is not null)
                {
                    return Builtins.TryConstant(pkg.Name, sel.Label, out var constant)
                        ? (null, Leaf.Of(constant))
                        : (null, Unsupported($"{pkg.Name}.{sel.Label} is not supported", sel.Line, env));
                }
                var (x, leaf) = Resolve(sel.X, env);
                return x is null ? (null, NotAStruct(leaf!, sel.Label)) : Select(x, sel.Selected);
            }
            case IndexExpr index:
            {
                var (x, leaf) = Resolve(index.X, env);
                if (x is null)
                {
                    return (null, NotAStruct(leaf!, "[...]"));
                }
                var key = EvalLeaf(index.Index, env);
                if (!key.IsConcrete)
                {
                    return (null, key.Error is not null ? key : Leaf.NotYet("index is not concrete"));
                }
                return key.Value!.Kind switch
                {
                    Kind.String => Select(x, new Label(LabelKind.Regular, key.Value.String!)),
                    // The value's digits, not the written text: l[0x1], l[1 + 0] and l[-0] name elements too.
                    Kind.Int => Select(x, new Label(LabelKind.Index, key.Value.Number.Value.ToString(isInt: true))),
                    _ => (null, Leaf.Fail($"invalid index {key.Value}")),
                };
            }
            default:
                return (null, EvalLeaf(expr, env));
        }
    }

    private static Leaf NotAStruct(Leaf leaf, string label) =>
        leaf.Error is not null || leaf.Incomplete is not null ? leaf : Leaf.Fail($"invalid selector {label} on {leaf.Describe()}");

    private (Vertex?, Leaf?) ResolveIdent(Ident id, Env? env)
    {
        var key = Label.FromIdentifier(id.Name).Key;
        for (var e = env; e is not null; e = e.Parent)
        {
            if (e.Lit is null)
            {
                continue;
            }
            if (e.Declares(key))
            {
                var arc = e.Vertex!.Lookup(key);
                return arc is null ? (null, Leaf.NotYet($"{id.Name} is not yet known")) : (arc, null);
            }
            if (e.Lit.Lets.TryGetValue(id.Name, out var let))
            {
                return (e.Let(id.Name, let), null);
            }
        }
        return id.Name switch
        {
            "string" => (null, Leaf.OfKind(Kind.String)),
            "int" => (null, Leaf.OfKind(Kind.Int)),
            "float" => (null, Leaf.OfKind(Kind.Float)),
            "number" => (null, Leaf.OfKind(Kind.Number)),
            "bool" => (null, Leaf.OfKind(Kind.Bool)),
            "bytes" => (null, Leaf.OfKind(Kind.Bytes)),
            _ => (null, Unsupported(
                ImportOf(id.Name, env) is not null ? $"package {id.Name} used as a value" : $"reference \"{id.Name}\" not found",
                id.Line, env, CueErrorCodes.Reference)),
        };
    }

    private static ImportSpec? ImportOf(string name, Env? env)
    {
        var key = Label.FromIdentifier(name).Key;
        SourceFile? file = null;
        for (var e = env; e is not null; e = e.Parent)
        {
            if (e.Declares(key) || e.Lit?.Lets.ContainsKey(name) == true)
            {
                return null;
            }
            file ??= e.File;
        }
        return file?.Imports.FirstOrDefault(i => i.Name == name);
    }

    private (Vertex?, Leaf?) Select(Vertex x, Label label)
    {
        Settle(x);
        if (x.Error is not null)
        {
            return (null, Leaf.Fail(x.Error));
        }
        var arc = x.Lookup(label.Key);
        if (arc is null || !arc.IsPresent)
        {
            return (null, Leaf.NotYet($"undefined field: {Format.LabelText(label)}"));
        }
        return (arc, null);
    }

    /// <summary>Makes a vertex's fields known: expanded, and its disjunctions resolved if it has any.</summary>
    private void Settle(Vertex v)
    {
        Expand(v);
        if (v.Disjunctions.Count > 0 && v.State == VertexState.Expanded)
        {
            Evaluate(v);
        }
    }

    private Leaf LeafOf(Vertex v)
    {
        if (v.State is VertexState.Expanding or VertexState.Evaluating)
        {
            return Leaf.NotYet($"reference cycle at {v.Path()}");
        }
        Evaluate(v);
        if (v.Error is not null)
        {
            return Leaf.Fail(v.Error);
        }
        if (v.IsStruct)
        {
            return Leaf.OfKind(Kind.Struct);
        }
        if (v.IsList)
        {
            return Leaf.OfKind(Kind.List);
        }
        if (v.Ambiguous)
        {
            return Leaf.NotYet($"{v.Path()} is an unresolved disjunction");
        }
        return v.Leaf;
    }

    private Leaf Unsupported(string message, int line, Env? env, string code = CueErrorCodes.Unsupported)
    {
        SetFatal(code, message, line, env);
        return Leaf.Fail(message);
    }
}
