using System.Text.Json;

namespace ImageGate.Verification.Report;

/// <summary>
/// The <c>predicate</c> of a verified in-toto statement as a slice of the signed bytes: found with a forward-only
/// reader and never re-serialised, so a 1.5 MB SBOM is neither copied into a DOM nor reformatted.
/// </summary>
public static class StatementPredicate
{
    public static bool TryExtract(ReadOnlyMemory<byte> statement, out ReadOnlyMemory<byte> predicate)
    {
        predicate = default;
        var reader = new Utf8JsonReader(statement.Span, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isPredicate = reader.ValueTextEquals("predicate"u8);
                reader.Read();
                if (isPredicate)
                {
                    long start = reader.TokenStartIndex;
                    reader.Skip();
                    long end = reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray ? reader.BytesConsumed : reader.TokenStartIndex + reader.ValueSpan.Length + (reader.TokenType == JsonTokenType.String ? 2 : 0);
                    predicate = statement[(int)start..(int)end];
                    return true;
                }
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return false;
        }
        return false;
    }
}
