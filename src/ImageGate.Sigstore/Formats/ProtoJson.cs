using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Runtime.InteropServices;

namespace ImageGate.Sigstore.Formats;

/// <summary>
/// Reading the protobuf JSON mapping leniently, as protojson does: lowerCamelCase or snake_case names,
/// int64 as a string or a number, bytes in either base64 alphabet, timestamps in RFC 3339.
/// A type error is a <see cref="ProtoJsonException"/>, which parsers turn into a typed failure.
/// </summary>
public static class ProtoJson
{
    public static bool TryGet(JsonElement obj, string camelName, out JsonElement value)
    {
        value = default;
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        bool camel = obj.TryGetProperty(camelName, out value);
        var snake = ToSnakeCase(camelName);
        if (snake != camelName && obj.TryGetProperty(snake, out var snakeValue))
        {
            // Both spellings name one field: protojson refuses that as a duplicate, and so do we.
            if (camel)
            {
                throw new ProtoJsonException($"{camelName} is given twice, as \"{camelName}\" and as \"{snake}\"");
            }
            value = snakeValue;
            camel = true;
        }
        if (camel && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        value = default;
        return false;
    }

    public static JsonElement Object(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            throw new ProtoJsonException($"{path}.{name} is missing");
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new ProtoJsonException($"{path}.{name} must be an object, found {value.ValueKind}");
        }
        return value;
    }

    public static string? OptionalString(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ProtoJsonException($"{path}.{name} must be a string, found {value.ValueKind}");
        }
        return value.GetString();
    }

    public static string String(JsonElement obj, string name, string path) =>
        OptionalString(obj, name, path) ?? throw new ProtoJsonException($"{path}.{name} is missing");

    public static byte[] Bytes(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            throw new ProtoJsonException($"{path}.{name} is missing");
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ProtoJsonException($"{path}.{name} must be a string, found {value.ValueKind}");
        }
        // Decode straight from the document's UTF-8 (base64 never needs JSON escapes); only an escaped value
        // takes the string path.
        var raw = RawUtf8String(value);
        bool ok = raw.IndexOf((byte)'\\') < 0
            ? Base64Lenient.TryDecode(raw, out var bytes)
            : Base64Lenient.TryDecode(value.GetString(), out bytes);
        if (!ok)
        {
            throw new ProtoJsonException($"{path}.{name} is not valid base64");
        }
        return bytes;
    }

    /// <summary>A string value's UTF-8 bytes as they stand in the document (still JSON-escaped, no quotes).</summary>
    public static ReadOnlySpan<byte> RawUtf8String(JsonElement value) => JsonMarshal.GetRawUtf8Value(value)[1..^1];

    public static byte[]? OptionalBytes(JsonElement obj, string name, string path) =>
        TryGet(obj, name, out _) ? Bytes(obj, name, path) : null;

    /// <summary>An int64: protojson writes a decimal string, and accepts a JSON number too. Absent means 0.</summary>
    public static long Int64(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return 0;
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out long n):
                return n;
            case JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long s):
                return s;
            default:
                throw new ProtoJsonException($"{path}.{name} must be an int64, found {Describe(value)}");
        }
    }

    public static DateTimeOffset? OptionalTimestamp(JsonElement obj, string name, string path)
    {
        var text = OptionalString(obj, name, path);
        if (text is null)
        {
            return null;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            throw new ProtoJsonException($"{path}.{name} is not an RFC 3339 timestamp: \"{Truncate(text)}\"");
        }
        return time;
    }

    public static IEnumerable<JsonElement> Array(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ProtoJsonException($"{path}.{name} must be an array, found {value.ValueKind}");
        }
        return value.EnumerateArray();
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{Truncate(value.GetString() ?? string.Empty)}\"",
        JsonValueKind.Number => value.GetRawText(),
        _ => value.ValueKind.ToString(),
    };

    public static string Truncate(string text, int max = 80) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "...");

    private static string ToSnakeCase(string camel)
    {
        var sb = new StringBuilder(camel.Length + 4);
        foreach (char c in camel)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                sb.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}

/// <summary>A field of a protobuf-JSON document has the wrong shape. Caught by the parsers, never escapes them.</summary>
public sealed class ProtoJsonException(string message) : Exception(message);
