using System.Text.Json;

namespace ImageGate.Sigstore.InToto;

/// <summary>Reads a statement's top-level <c>predicateType</c> with a forward-only reader, skipping the predicate.</summary>
public static class StatementHeader
{
    /// <summary>The predicate type, or null when absent; throws <see cref="JsonException"/> for invalid JSON.</summary>
    public static string? ReadPredicateType(ReadOnlySpan<byte> statement)
    {
        var reader = new Utf8JsonReader(statement, new JsonReaderOptions { MaxDepth = Limits.MaxJsonDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the statement is not a JSON object");
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool wanted = reader.ValueTextEquals("predicateType"u8) || reader.ValueTextEquals("predicate_type"u8);
            reader.Read();
            if (wanted && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }
            reader.Skip();
        }
        return null;
    }
}
