using System.Text;

namespace ImageGate.Cue;

internal enum VertexState
{
    New,
    Expanding,
    Expanded,
    Evaluating,
    Evaluated,
}

/// <summary>A list contributed by one conjunct: its element conjuncts and, when open, the type of further elements.</summary>
internal sealed record ListPart(IReadOnlyList<Conjunct> Elements, Conjunct? Rest, bool Open);

/// <summary>
/// One node of the evaluated configuration (CUE's "vertex"): every conjunct that applies at this path, and once
/// evaluated, its fields (arcs), its scalar part, whether it is a struct or list, and its own error if any.
/// </summary>
internal sealed class Vertex(Vertex? parent, Label label)
{
    private Dictionary<string, Vertex>? _arcs;

    public Vertex? Parent { get; } = parent;

    public Label Label { get; } = label;

    public List<Conjunct> Conjuncts { get; } = [];

    public VertexState State { get; set; }

    /// <summary>Set by a regular field or the input: the field exists (optional-only fields do not).</summary>
    public bool HasRegular { get; set; }

    public bool IsRequired { get; set; }

    public bool IsLet { get; init; }

    public List<Vertex> ArcList { get; private set; } = [];

    public Leaf Leaf { get; set; } = Leaf.Top;

    public bool IsStruct { get; set; }

    public bool IsList { get; set; }

    public List<ListPart> Lists { get; private set; } = [];

    public List<ClosedGroup> Groups { get; private set; } = [];

    public List<Conjunct> Disjunctions { get; private set; } = [];

    /// <summary>In a vertex tried for one combination of disjunction alternatives: the alternative of each.</summary>
    public Dictionary<Expr, int>? Choices { get; set; }

    public HashSet<Vertex>? ExpandedReferences { get; set; }

    public string? Error { get; set; }

    /// <summary>Several alternatives of a disjunction remain and none is a default: not concrete.</summary>
    public bool Ambiguous { get; set; }

    public bool IsPresent => HasRegular || IsRequired;

    /// <summary>
    /// Only the statement reaches this value and it unifies with itself (<see cref="PlainJson"/>): it is left
    /// unexpanded, holds no violation below it, and is expanded only if a reference reads into it.
    /// </summary>
    public bool Unconstrained { get; set; }

    /// <summary>The statement's value when it is this vertex's only conjunct (besides <c>_</c>), else null.</summary>
    public JsonExpr? PlainJsonValue()
    {
        JsonExpr? json = null;
        foreach (var c in Conjuncts)
        {
            switch (c.Expr)
            {
                case JsonExpr j when json is null:
                    json = j;
                    break;
                case TopLit:
                    break;
                default:
                    return null;
            }
        }
        return json;
    }

    public Vertex Arc(Label label)
    {
        _arcs ??= new Dictionary<string, Vertex>(StringComparer.Ordinal);
        if (!_arcs.TryGetValue(label.Key, out var arc))
        {
            arc = new Vertex(this, label);
            _arcs[label.Key] = arc;
            ArcList.Add(arc);
        }
        return arc;
    }

    public Vertex? Lookup(string key) => _arcs is not null && _arcs.TryGetValue(key, out var arc) ? arc : null;

    /// <summary>Takes over the result of the alternative chosen for this vertex's disjunctions.</summary>
    public void Adopt(Vertex chosen)
    {
        _arcs = chosen._arcs;
        ArcList = chosen.ArcList;
        Leaf = chosen.Leaf;
        IsStruct = chosen.IsStruct;
        IsList = chosen.IsList;
        Lists = chosen.Lists;
        Groups = chosen.Groups;
        Error = chosen.Error;
        Ambiguous = chosen.Ambiguous;
        Unconstrained = chosen.Unconstrained;
        Disjunctions = [];
    }

    public string Path()
    {
        var labels = new List<string>();
        for (var v = this; v?.Parent is not null; v = v.Parent)
        {
            labels.Add(Format.LabelText(v.Label));
        }
        labels.Reverse();
        var sb = new StringBuilder();
        foreach (var l in labels)
        {
            if (sb.Length > 0)
            {
                sb.Append('.');
            }
            sb.Append(l);
        }
        return sb.ToString();
    }

    public string Describe() =>
        Error is not null ? "_|_" : IsStruct ? "{...}" : IsList ? "[...]" : Leaf.Describe();
}
