namespace ImageGate.Cue;

/// <summary>A lexical scope: a struct literal evaluated for one vertex, inside its enclosing scope.</summary>
internal sealed class Env
{
    private Dictionary<string, Vertex>? _lets;

    public Env(Env? parent, Vertex? vertex, StructLit? lit, SourceFile? file, IReadOnlySet<string>? packageKeys)
    {
        Parent = parent;
        Vertex = vertex;
        Lit = lit;
        File = file;
        PackageKeys = packageKeys;
    }

    public Env? Parent { get; }

    public Vertex? Vertex { get; }

    public StructLit? Lit { get; }

    public SourceFile? File { get; }

    /// <summary>Top-level labels of every file of the package, visible from each file's top level.</summary>
    public IReadOnlySet<string>? PackageKeys { get; }

    public bool Declares(string key) => Lit is not null && (Lit.DeclaredKeys.Contains(key) || PackageKeys?.Contains(key) == true);

    public Vertex Let(string name, LetDecl decl)
    {
        _lets ??= new Dictionary<string, Vertex>(StringComparer.Ordinal);
        if (!_lets.TryGetValue(name, out var v))
        {
            v = new Vertex(Vertex, new Label(LabelKind.Hidden, "let " + name)) { IsLet = true };
            v.Conjuncts.Add(new Conjunct(decl.Value, this, false));
            _lets[name] = v;
        }
        return v;
    }
}
