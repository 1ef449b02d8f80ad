using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// Field access for TUF metadata with the spec's types (docs/trust-root.md §2.2): a missing required field or a value
/// of the wrong type throws <see cref="TufFormatException"/>, which the parser turns into <c>tuf.malformed</c> naming
/// the field. Unknown fields (tuf-on-ci's <c>x-tuf-on-ci-*</c>) are allowed, as the spec requires. Cold code, run a
/// few hundred times per check: never inlined, so each call site stays a call (the binary has a size budget).
/// </summary>
internal static class TufJson
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static JsonElement Object(JsonElement parent, string name, string path)
    {
        var value = Required(parent, name, path);
        return value.ValueKind == JsonValueKind.Object ? value : throw Wrong(path, name, "an object", value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static JsonElement Array(JsonElement parent, string name, string path)
    {
        var value = Required(parent, name, path);
        return value.ValueKind == JsonValueKind.Array ? value : throw Wrong(path, name, "an array", value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string String(JsonElement parent, string name, string path)
    {
        var value = Required(parent, name, path);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(path, name, "a string", value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string? OptionalString(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out _) ? String(parent, name, path) : null;

    /// <summary>A non-negative integer within Int64 (versions, lengths, thresholds).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Natural(JsonElement parent, string name, string path)
    {
        var value = Required(parent, name, path);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) && n >= 0 && !value.GetRawText().Contains('.', StringComparison.Ordinal)
            ? n
            : throw Wrong(path, name, "a non-negative integer", value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long? OptionalNatural(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out _) ? Natural(parent, name, path) : null;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool OptionalBoolean(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return false;
        }
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong(path, name, "a boolean", value),
        };
    }

    /// <summary>The spec's <c>expires</c>: ISO 8601 UTC, <c>YYYY-MM-DDTHH:MM:SSZ</c> (fractional seconds accepted).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static DateTimeOffset Timestamp(JsonElement parent, string name, string path)
    {
        var text = String(parent, name, path);
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new TufFormatException($"{path}.{name} is not a UTC time YYYY-MM-DDTHH:MM:SSZ: \"{Formats.ProtoJson.Truncate(text)}\"");
    }

    /// <summary>A JSON object's members, for maps keyed by key id, role or file name.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static JsonElement.ObjectEnumerator Members(JsonElement parent, string name, string path) =>
        Object(parent, name, path).EnumerateObject();

    private static JsonElement Required(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) ? value : throw new TufFormatException($"{path}.{name} is missing");

    private static TufFormatException Wrong(string path, string name, string expected, JsonElement found) =>
        new($"{path}.{name} must be {expected}, found {Formats.ProtoJson.Describe(found)}");
}

/// <summary>A metadata field of the wrong shape. Caught by <see cref="MetadataParser"/>, never escapes it.</summary>
internal sealed class TufFormatException(string message) : Exception(message);
