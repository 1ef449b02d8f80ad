using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ImageGate.Cue;

/// <summary>
/// Evaluates a compiled policy unified with one JSON statement, following CUE's model: every path is a vertex that
/// collects conjuncts (expressions with their scope); expanding a vertex turns struct literals into fields,
/// references into the referenced value's conjuncts (so a definition's fields re-bind to the referencing place), and
/// scalars into a <see cref="Leaf"/>; a disjunction is resolved by evaluating each combination of alternatives and
/// keeping those without an error anywhere below, then the defaults. Work, depth and time are bounded; exceeding
/// a bound is a policy error, never a pass.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly CuePolicy _policy;
    private readonly CueLimits _limits;
    private readonly CancellationToken _cancellationToken;
    private readonly long _deadline;
    private readonly Dictionary<BinaryExpr, List<(Expr Expr, bool IsDefault)>> _alternatives = new(ReferenceEqualityComparer.Instance);
    private long _steps;
    private int _branches;
    private int _depth;
    private int _referenceDepth;

    public Evaluator(CuePolicy policy, CancellationToken cancellationToken)
    {
        _policy = policy;
        _limits = policy.Limits;
        _cancellationToken = cancellationToken;
        _deadline = Stopwatch.GetTimestamp() + (long)(_limits.MaxEvaluationTime.TotalSeconds * Stopwatch.Frequency);
    }

    public CuePolicyError? Fatal { get; private set; }

    public Vertex Run(IReadOnlyList<SourceFile> files, IReadOnlySet<string> packageKeys, RawJson input)
    {
        var root = new Vertex(null, new Label(LabelKind.Regular, "")) { HasRegular = true };
        foreach (var file in files)
        {
            root.Conjuncts.Add(new Conjunct(file.Body, new Env(null, null, null, file, packageKeys), false));
        }
        root.Conjuncts.Add(new Conjunct(new JsonExpr(input), null, false));
        Evaluate(root);
        return root;
    }

    private void SetFatal(string code, string message, int line = 0, Env? env = null) =>
        Fatal ??= new CuePolicyError(code, message, env?.File?.Name ?? FileOf(env), line);

    private static string? FileOf(Env? env)
    {
        for (var e = env; e is not null; e = e.Parent)
        {
            if (e.File is not null)
            {
                return e.File.Name;
            }
        }
        return null;
    }

    private bool Step()
    {
        if (Fatal is not null)
        {
            return false;
        }
        if (++_steps > _limits.MaxSteps)
        {
            SetFatal(CueErrorCodes.Limit, $"evaluation took more than {_limits.MaxSteps} steps");
            return false;
        }
        if ((_steps & 1023) == 0)
        {
            if (_cancellationToken.IsCancellationRequested)
            {
                SetFatal(CueErrorCodes.Limit, "evaluation was cancelled");
                return false;
            }
            if (Stopwatch.GetTimestamp() > _deadline)
            {
                SetFatal(CueErrorCodes.Limit, $"evaluation took longer than {_limits.MaxEvaluationTime.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
                return false;
            }
        }
        return true;
    }

    // Expansion: conjuncts become fields, list elements and the scalar part.

    public void Expand(Vertex v)
    {
        if (v.State != VertexState.New)
        {
            return;
        }
        v.State = VertexState.Expanding;
        var queue = new Queue<Conjunct>();
        foreach (var c in v.Conjuncts.ToArray())
        {
            Add(v, c, queue, deferred: false);
        }
        // References and embeddings run after every literal of this vertex declared its fields, so a reference
        // to a sibling sees all of the sibling's conjuncts, whatever the declaration order.
        while (queue.Count > 0 && Fatal is null)
        {
            Add(v, queue.Dequeue(), queue, deferred: true);
        }
        MaterializeLists(v);
        v.State = VertexState.Expanded;
    }

    private void Add(Vertex v, Conjunct c, Queue<Conjunct> queue, bool deferred)
    {
        if (!Step())
        {
            return;
        }
        switch (c.Expr)
        {
            case StructLit lit:
                AddStruct(v, lit, c, queue);
                break;
            case JsonExpr json:
                // The statement goes last so messages read "conflicting values <policy> and <statement>".
                if (deferred)
                {
                    AddJson(v, json.Json);
                }
                else
                {
                    queue.Enqueue(c);
                }
                break;
            case BinaryExpr { Op: TokenKind.And } and:
                Add(v, c with { Expr = and.Left }, queue, deferred);
                Add(v, c with { Expr = and.Right }, queue, deferred);
                break;
            case BinaryExpr { Op: TokenKind.Or } or:
                if (v.Choices is not null && v.Choices.TryGetValue(or, out var choice))
                {
                    Add(v, c with { Expr = Alternatives(or)[choice].Expr }, queue, deferred);
                }
                else
                {
                    v.Disjunctions.Add(c);
                }
                break;
            case UnaryExpr { Op: TokenKind.Star } star:
                Add(v, c with { Expr = star.X }, queue, deferred);
                break;
            case Ident or SelectorExpr or IndexExpr:
                if (deferred)
                {
                    AddReference(v, c, queue);
                }
                else
                {
                    queue.Enqueue(c);
                }
                break;
            case ListLit list:
                v.IsList = true;
                v.Lists.Add(new ListPart(
                    list.Elements.Select(e => new Conjunct(e, c.Env, c.Closed)).ToList(),
                    list.Open ? new Conjunct(list.Ellipsis ?? new TopLit(list.Line), c.Env, c.Closed) : null,
                    list.Open));
                break;
            default:
                v.Leaf = Leaf.Unify(v.Leaf, EvalLeaf(c.Expr, c.Env));
                break;
        }
    }

    private static void AddStruct(Vertex v, StructLit lit, Conjunct c, Queue<Conjunct> queue)
    {
        v.IsStruct = true;
        var packageKeys = c.Env is { Lit: null, Vertex: null } fileScope ? fileScope.PackageKeys : null;
        var frame = new Env(c.Env, v, lit, c.Env?.File, packageKeys);
        var group = c.Group;
        if (group is null)
        {
            group = new ClosedGroup();
            v.Groups.Add(group);
        }
        if (c.Closed)
        {
            group.Closed = true;
        }
        foreach (var decl in lit.Decls)
        {
            switch (decl)
            {
                case FieldDecl field:
                {
                    var arc = v.Arc(field.Label);
                    group.Keys.Add(field.Label.Key);
                    arc.Conjuncts.Add(new Conjunct(field.Value, frame, c.Closed || field.Label.Kind == LabelKind.Definition));
                    switch (field.Constraint)
                    {
                        case FieldConstraint.Regular:
                            arc.HasRegular = true;
                            break;
                        case FieldConstraint.Required:
                            arc.IsRequired = true;
                            break;
                    }
                    break;
                }
                case EllipsisDecl:
                    group.Open = true;
                    break;
                case EmbedDecl embed:
                    queue.Enqueue(new Conjunct(embed.Value, frame, c.Closed, group));
                    break;
            }
        }
    }

    private void AddJson(Vertex v, RawJson json)
    {
        switch (json.Kind)
        {
            case JsonValueKind.Object:
                v.IsStruct = true;
                foreach (var (name, value) in json.Properties())
                {
                    var arc = v.Arc(new Label(LabelKind.Regular, name));
                    arc.HasRegular = true;
                    arc.Conjuncts.Add(new Conjunct(new JsonExpr(value), null, false));
                }
                break;
            case JsonValueKind.Array:
                v.IsList = true;
                v.Lists.Add(new ListPart(json.Items().Select(e => new Conjunct(new JsonExpr(e), null, false)).ToList(), null, false));
                break;
            default:
                v.Leaf = Leaf.Unify(v.Leaf, JsonLeaf(json, v));
                break;
        }
    }

    private Leaf JsonLeaf(RawJson json, Vertex? at = null)
    {
        switch (json.Kind)
        {
            case JsonValueKind.String:
                return Leaf.Of(Scalar.Of(json.GetString()));
            case JsonValueKind.True:
                return Leaf.Of(Scalar.True);
            case JsonValueKind.False:
                return Leaf.Of(Scalar.False);
            case JsonValueKind.Null:
                return Leaf.Of(Scalar.Null);
            case JsonValueKind.Number:
            {
                var text = json.RawText;
                var isInt = text.IndexOfAny(['.', 'e', 'E']) < 0;
                if (CueNumber.TryParse(text, isInt, out var n, out var outOfRange))
                {
                    return Leaf.Of(Scalar.Of(n));
                }
                // A limit, like the others: the verdict must not hinge on which branch a huge number sat in.
                var message = outOfRange ? CueNumber.OutOfRange(text) : $"number {CueNumber.Shorten(text)} is malformed";
                message += at?.Parent is null ? "" : $" at {at.Path()}";
                SetFatal(outOfRange ? CueErrorCodes.Limit : CueErrorCodes.InputMalformed, message);
                return Leaf.Fail(message);
            }
            case JsonValueKind.Object:
                return Leaf.OfKind(Kind.Struct);
            default:
                return Leaf.OfKind(Kind.List);
        }
    }

    private void AddReference(Vertex v, Conjunct c, Queue<Conjunct> queue)
    {
        var (target, leaf) = Resolve(c.Expr, c.Env);
        if (target is null)
        {
            v.Leaf = Leaf.Unify(v.Leaf, leaf!);
            return;
        }
        // A reference to itself (directly or around a cycle) adds nothing: `a: b, b: a` leaves both at top.
        if (ReferenceEquals(target, v))
        {
            return;
        }
        v.ExpandedReferences ??= new HashSet<Vertex>(ReferenceEqualityComparer.Instance);
        if (!v.ExpandedReferences.Add(target))
        {
            return;
        }
        var closed = c.Closed || target.Label.Kind == LabelKind.Definition;
        // `a: b, b: c, c: d, ...` copies through every link recursively: bound the chain, not just the nesting.
        if (++_referenceDepth > _limits.MaxDepth * 4)
        {
            SetFatal(CueErrorCodes.Limit, $"references chain more than {_limits.MaxDepth * 4} levels deep at {v.Path()}");
            _referenceDepth--;
            return;
        }
        foreach (var tc in target.Conjuncts.ToArray())
        {
            Add(v, new Conjunct(tc.Expr, tc.Env, tc.Closed || closed, c.Group), queue, deferred: true);
        }
        _referenceDepth--;
    }

    private void MaterializeLists(Vertex v)
    {
        if (v.Lists.Count == 0)
        {
            return;
        }
        int? closedLength = null;
        var longestPrefix = 0;
        foreach (var part in v.Lists)
        {
            if (!part.Open)
            {
                if (closedLength is { } n && n != part.Elements.Count)
                {
                    v.Error ??= $"incompatible list lengths ({n} and {part.Elements.Count})";
                    return;
                }
                closedLength = part.Elements.Count;
            }
            longestPrefix = Math.Max(longestPrefix, part.Elements.Count);
        }
        if (closedLength is { } closedLen && longestPrefix > closedLen)
        {
            v.Error ??= $"incompatible list lengths ({closedLen} and {longestPrefix})";
            return;
        }
        var length = closedLength ?? longestPrefix;
        for (var i = 0; i < length; i++)
        {
            var arc = v.Arc(new Label(LabelKind.Index, i.ToString(CultureInfo.InvariantCulture)));
            arc.HasRegular = true;
            foreach (var part in v.Lists)
            {
                if (i < part.Elements.Count)
                {
                    arc.Conjuncts.Add(part.Elements[i]);
                }
                else if (part.Rest is { } rest)
                {
                    arc.Conjuncts.Add(rest);
                }
            }
        }
    }

    private List<(Expr Expr, bool IsDefault)> Alternatives(BinaryExpr or)
    {
        if (!_alternatives.TryGetValue(or, out var list))
        {
            list = [];
            Flatten(or, list);
            _alternatives[or] = list;
        }
        return list;

        static void Flatten(Expr e, List<(Expr, bool)> into)
        {
            if (e is BinaryExpr { Op: TokenKind.Or } b)
            {
                Flatten(b.Left, into);
                Flatten(b.Right, into);
            }
            else if (e is UnaryExpr { Op: TokenKind.Star } star)
            {
                into.Add((star.X, true));
            }
            else
            {
                into.Add((e, false));
            }
        }
    }
}
