using System.Text.Json;

namespace ImageGate.Verification.Cue;

/// <summary>A value of the JSON input, wrapped so the statement is unified without copying it into a syntax tree.</summary>
internal sealed class JsonExpr(JsonElement element) : Expr(0)
{
    public JsonElement Element { get; } = element;
}
