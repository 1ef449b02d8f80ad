using System.Globalization;
using System.Text.Json;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// Reading JSON the way Go's encoding/json fills a struct: "Go decodes JSON field names case-insensitively, so
/// parse leniently" (§1a), and when several keys fold to the same field the last one wins (each assignment
/// overwrites the previous). Integers are accepted as numbers or as decimal strings ("int as number or string").
/// </summary>
internal static class GoJson
{
    public static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        bool found = false;
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        foreach (var property in obj.EnumerateObject())
        {
            // Go leaves a field untouched for a JSON null, so a null neither sets nor clears it.
            if (property.Value.ValueKind != JsonValueKind.Null && string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                found = true;
            }
        }
        return found;
    }

    public static string? String(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"\"{name}\" must be a string, found {value.ValueKind}");
        }
        return value.GetString();
    }

    public static long? Int64(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number))
        {
            return number;
        }
        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }
        throw new FormatException($"\"{name}\" must be a 64-bit integer (number or decimal string), found {value.ValueKind} {Truncate(value.GetRawText())}");
    }

    public static string Truncate(string? text, int max = 80) =>
        text is null ? "(null)" : text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
