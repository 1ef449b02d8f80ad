namespace ImageGate.Cue;

/// <summary>A value of the JSON input, wrapped so the statement is unified without copying it into a syntax tree.</summary>
internal sealed class JsonExpr(RawJson json) : Expr(0)
{
    public RawJson Json { get; } = json;
}
