using System.Text.Json;

namespace ImageGate.Sigstore.InToto;

/// <summary>Reads a statement's top-level <c>predicateType</c> with a forward-only reader, skipping the predicate.</summary>
public static class StatementHeader
{
    /// <summary>The predicate type, or null when absent; throws <see cref="JsonException"/> for invalid JSON.</summary>
    public static string? ReadPredicateType(ReadOnlySpan<byte> statement)
    {
        TryReadPredicateType(statement, isComplete: true, out var predicateType);
        return predicateType;
    }

    /// <summary>
    /// Reads from the start of a statement that may be cut short (<paramref name="isComplete"/> false): true when
    /// the answer is known from these bytes alone. Lets a caller decode only the head of a megabytes-large payload
    /// when the predicate type comes before the predicate, as every writer puts it.
    /// </summary>
    public static bool TryReadPredicateType(ReadOnlySpan<byte> statement, bool isComplete, out string? predicateType)
    {
        predicateType = null;
        var reader = new Utf8JsonReader(statement, isComplete, new JsonReaderState(new JsonReaderOptions { MaxDepth = Limits.MaxJsonDepth }));
        if (!reader.Read())
        {
            return isComplete ? throw new JsonException("the statement is empty") : false;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the statement is not a JSON object");
        }
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                return true;
            }
            bool wanted = reader.ValueTextEquals("predicateType"u8) || reader.ValueTextEquals("predicate_type"u8);
            if (!reader.Read())
            {
                return false;
            }
            if (wanted && reader.TokenType == JsonTokenType.String)
            {
                predicateType = reader.GetString();
                return true;
            }
            if (!reader.TrySkip())
            {
                return false;
            }
        }
        return isComplete;
    }
}
