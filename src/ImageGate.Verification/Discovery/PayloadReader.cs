using System.Text;
using System.Text.Json;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Formats;
using ImageGate.Sigstore.InToto;

namespace ImageGate.Verification.Discovery;

/// <summary>
/// Reads what a layer says about itself from the signed bytes: the predicate type inside a DSSE
/// statement, the bundle's media type, whether a simple-signing payload is cosign's. Read-only, no
/// verification, no reflection (JsonDocument). Returns null fields when a document lacks them and
/// throws <see cref="FormatException"/> when it is not the format at all.
/// </summary>
internal static class PayloadReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>A Sigstore bundle that does not parse: its mediaType, and for a DSSE bundle the payload type and predicate type.</summary>
    public static (string? BundleMediaType, string? PayloadType, string? PredicateType) ReadBundle(ReadOnlyMemory<byte> bundle)
    {
        using var doc = Parse(bundle, "Sigstore bundle");
        var root = doc.RootElement;
        var mediaType = String(root, "mediaType", "media_type");
        if (Property(root, "dsseEnvelope", "dsse_envelope") is { ValueKind: JsonValueKind.Object } envelope)
        {
            var (payloadType, predicateType) = ReadEnvelope(envelope);
            return (mediaType, payloadType, predicateType);
        }
        if (Property(root, "messageSignature", "message_signature") is { ValueKind: JsonValueKind.Object })
        {
            return (mediaType, null, null);
        }
        throw new FormatException("Expected a bundle with dsseEnvelope or messageSignature, found neither.");
    }

    /// <summary>The same for a parsed bundle: the predicate type is read from the head of the decoded statement.</summary>
    public static (string? BundleMediaType, string? PayloadType, string? PredicateType) ReadBundle(SigstoreBundle bundle)
    {
        if (bundle.DsseEnvelope is not { } envelope)
        {
            return (bundle.MediaType, null, null);
        }
        try
        {
            return (bundle.MediaType, envelope.PayloadType, StatementHeader.ReadPredicateType(envelope.Payload.Span));
        }
        catch (JsonException e)
        {
            throw new FormatException($"Expected JSON as in-toto statement, found invalid content ({e.Message}).", e);
        }
    }

    /// <summary>A DSSE envelope layer (legacy <c>.att</c>): payload type and the statement's predicate type.</summary>
    public static (string? PayloadType, string? PredicateType) ReadDsseEnvelope(ReadOnlyMemory<byte> envelope)
    {
        using var doc = Parse(envelope, "DSSE envelope");
        return ReadEnvelope(doc.RootElement);
    }

    /// <summary>True when a simple-signing payload declares <c>critical.type</c> "cosign container image signature" (keys compared case-insensitively, as Go decodes them).</summary>
    public static bool IsCosignSimpleSigning(ReadOnlyMemory<byte> payload)
    {
        using var doc = Parse(payload, "simple-signing payload");
        var critical = PropertyIgnoreCase(doc.RootElement, "critical");
        return critical is { ValueKind: JsonValueKind.Object } c
            && PropertyIgnoreCase(c, "type") is { ValueKind: JsonValueKind.String } type
            && type.GetString() == "cosign container image signature";
    }

    private static (string? PayloadType, string? PredicateType) ReadEnvelope(JsonElement envelope)
    {
        var payloadType = String(envelope, "payloadType", "payload_type");
        if (Property(envelope, "payload", "payload") is not { ValueKind: JsonValueKind.String } payload)
        {
            throw new FormatException("Expected a DSSE envelope with a payload, found none.");
        }
        // Decode from the document's UTF-8 and read the statement forward-only: a payload may be a
        // megabytes-large SBOM, which must not become a string or a DOM just to learn its predicate type.
        var raw = ProtoJson.RawUtf8String(payload);
        try
        {
            // Decode only the head first: the predicate type precedes the predicate in every writer's output.
            const int Head = 16 * 1024;
            if (raw.Length > Head && raw.IndexOf((byte)'\\') < 0
                && Base64Lenient.TryDecode(raw[..Head], out var head)
                && StatementHeader.TryReadPredicateType(head, isComplete: false, out var early))
            {
                return (payloadType, early);
            }
            bool decoded = raw.IndexOf((byte)'\\') < 0
                ? Base64Lenient.TryDecode(raw, out var statement)
                : Base64Lenient.TryDecode(payload.GetString(), out statement);
            if (!decoded)
            {
                throw new FormatException("Expected a base64 DSSE payload, found something else.");
            }
            return (payloadType, StatementHeader.ReadPredicateType(statement));
        }
        catch (JsonException e)
        {
            throw new FormatException($"Expected JSON as in-toto statement, found invalid content ({e.Message}).", e);
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> bytes, string what)
    {
        try
        {
            var doc = JsonDocument.Parse(bytes, Options);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new FormatException($"Expected a JSON object as {what}, found {doc.RootElement.ValueKind}.");
            }
            return doc;
        }
        catch (JsonException e)
        {
            throw new FormatException($"Expected JSON as {what}, found invalid content ({e.Message}).", e);
        }
    }

    private static JsonElement? Property(JsonElement obj, string name, string altName) =>
        obj.TryGetProperty(name, out var value) || obj.TryGetProperty(altName, out value) ? value : null;

    private static JsonElement? PropertyIgnoreCase(JsonElement obj, string name)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }
        return null;
    }

    private static string? String(JsonElement obj, string name, string altName) =>
        Property(obj, name, altName) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    internal static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
