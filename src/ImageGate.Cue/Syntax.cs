namespace ImageGate.Cue;

/// <summary>The syntax tree of the supported CUE subset. Nodes are compared by reference (disjunction choices).</summary>
internal abstract class Expr(int line)
{
    public int Line { get; } = line;
}

internal sealed class NullLit(int line) : Expr(line);

internal sealed class BoolLit(int line, bool value) : Expr(line)
{
    public bool Value { get; } = value;
}

internal sealed class NumberLit(int line, CueNumber value) : Expr(line)
{
    public CueNumber Value { get; } = value;
}

internal sealed class StringLit(int line, string value) : Expr(line)
{
    public string Value { get; } = value;
}

internal sealed class BytesLit(int line, byte[] value) : Expr(line)
{
    public byte[] Value { get; } = value;
}

/// <summary><c>_</c>, the top of the lattice.</summary>
internal sealed class TopLit(int line) : Expr(line);

/// <summary><c>_|_</c>, the bottom of the lattice.</summary>
internal sealed class BottomLit(int line) : Expr(line);

internal sealed class Ident(int line, string name) : Expr(line)
{
    public string Name { get; } = name;
}

internal sealed class SelectorExpr(int line, Expr x, string label, bool quoted) : Expr(line)
{
    public Expr X { get; } = x;
    public string Label { get; } = label;

    /// <summary><c>x."_a"</c> selects the regular field <c>_a</c>; <c>x._a</c> the hidden one.</summary>
    public bool Quoted { get; } = quoted;

    public Label Selected => Quoted ? new Label(LabelKind.Regular, Label) : Cue.Label.FromIdentifier(Label);
}

internal sealed class IndexExpr(int line, Expr x, Expr index) : Expr(line)
{
    public Expr X { get; } = x;
    public Expr Index { get; } = index;
}

internal sealed class CallExpr(int line, Expr fun, IReadOnlyList<Expr> args) : Expr(line)
{
    public Expr Fun { get; } = fun;
    public IReadOnlyList<Expr> Args { get; } = args;
}

internal sealed class UnaryExpr(int line, TokenKind op, Expr x) : Expr(line)
{
    public TokenKind Op { get; } = op;
    public Expr X { get; } = x;
}

internal sealed class BinaryExpr(int line, TokenKind op, Expr left, Expr right) : Expr(line)
{
    public TokenKind Op { get; } = op;
    public Expr Left { get; } = left;
    public Expr Right { get; } = right;
}

internal sealed class ListLit(int line, IReadOnlyList<Expr> elements, Expr? ellipsis, bool open) : Expr(line)
{
    public IReadOnlyList<Expr> Elements { get; } = elements;

    /// <summary>The type of elements beyond <see cref="Elements"/> (<c>...T</c>); null with <see cref="Open"/> means <c>...</c>.</summary>
    public Expr? Ellipsis { get; } = ellipsis;

    public bool Open { get; } = open;
}

internal sealed class StructLit(int line, IReadOnlyList<Decl> decls) : Expr(line)
{
    public IReadOnlyList<Decl> Decls { get; } = decls;

    /// <summary>Labels (arc keys) this literal declares, for lexical lookup.</summary>
    public HashSet<string> DeclaredKeys { get; } = [];

    public Dictionary<string, LetDecl> Lets { get; } = new(StringComparer.Ordinal);
}

internal abstract class Decl(int line)
{
    public int Line { get; } = line;
}

internal enum FieldConstraint
{
    Regular,
    Optional,
    Required,
}

internal sealed class FieldDecl(int line, Label label, FieldConstraint constraint, Expr value) : Decl(line)
{
    public Label Label { get; } = label;
    public FieldConstraint Constraint { get; } = constraint;
    public Expr Value { get; } = value;
}

internal sealed class EmbedDecl(int line, Expr value) : Decl(line)
{
    public Expr Value { get; } = value;
}

internal sealed class LetDecl(int line, string name, Expr value) : Decl(line)
{
    public string Name { get; } = name;
    public Expr Value { get; } = value;
}

internal sealed class EllipsisDecl(int line) : Decl(line);

internal enum LabelKind
{
    Regular,
    Hidden,
    Definition,
    Index,
}

/// <summary>A field name. Arcs are keyed by <see cref="Key"/> so the hidden <c>_x</c> and the regular <c>"_x"</c> differ.</summary>
internal readonly record struct Label(LabelKind Kind, string Name)
{
    public string Key => Kind switch
    {
        LabelKind.Hidden => "\u0001" + Name,
        LabelKind.Definition => "\u0002" + Name,
        LabelKind.Index => "\u0003" + Name,
        _ => Name,
    };

    public static Label FromIdentifier(string name) =>
        name.StartsWith('#') || name.StartsWith("_#", StringComparison.Ordinal) ? new(LabelKind.Definition, name)
        : name.StartsWith('_') ? new(LabelKind.Hidden, name)
        : new(LabelKind.Regular, name);
}

internal sealed class ImportSpec(int line, string path, string name)
{
    public int Line { get; } = line;
    public string Path { get; } = path;
    public string Name { get; } = name;
}

internal sealed class SourceFile(string name, string? package, IReadOnlyList<ImportSpec> imports, StructLit body)
{
    public string Name { get; } = name;
    public string? Package { get; } = package;
    public IReadOnlyList<ImportSpec> Imports { get; } = imports;
    public StructLit Body { get; } = body;
}
