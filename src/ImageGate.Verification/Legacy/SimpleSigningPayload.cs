using System.Text.Json;
using ImageGate.Sigstore;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// The simple-signing payload of a <c>.sig</c> layer (§1a):
/// <c>{"critical":{"identity":{"docker-reference":…},"image":{"docker-manifest-digest":"sha256:…"},"type":"cosign container image signature"},"optional":…}</c>.
/// "Parse case-insensitively"; "critical.type MUST equal cosign container image signature"; the claim is
/// <c>critical.image.docker-manifest-digest == "sha256:&lt;hex&gt;"</c> (§4.7 step 5). cosign "does not check"
/// docker-reference, so neither does this. The payload is only read, never re-serialised.
/// </summary>
internal static class SimpleSigningPayload
{
    public const string CosignType = "cosign container image signature";

    public static Failure? Check(ReadOnlyMemory<byte> payload, string imageDigest)
    {
        string? type;
        string? digest;
        try
        {
            using var doc = JsonDocument.Parse(payload, GoJson.Options);
            var top = doc.RootElement;
            if (top.ValueKind != JsonValueKind.Object)
            {
                return Malformed($"expected a JSON object, found {top.ValueKind}");
            }
            if (!GoJson.TryGet(top, "critical", out var critical) || critical.ValueKind != JsonValueKind.Object)
            {
                return Malformed("expected a \"critical\" object; found none");
            }
            type = GoJson.String(critical, "type");
            digest = GoJson.TryGet(critical, "image", out var image) && image.ValueKind == JsonValueKind.Object
                ? GoJson.String(image, "docker-manifest-digest")
                : null;
            // Go would refuse a non-object "identity" or "optional" of the wrong shape while unmarshalling.
            if (GoJson.TryGet(critical, "identity", out var identity) && identity.ValueKind != JsonValueKind.Object)
            {
                return Malformed($"expected critical.identity to be an object, found {identity.ValueKind}");
            }
            if (GoJson.TryGet(top, "optional", out var optional) && optional.ValueKind != JsonValueKind.Object)
            {
                return Malformed($"expected optional to be an object or null, found {optional.ValueKind}");
            }
        }
        catch (JsonException e)
        {
            return Malformed($"not valid JSON: {e.Message}");
        }
        catch (FormatException e)
        {
            return Malformed(e.Message);
        }
        if (type != CosignType)
        {
            return new Failure(LegacyReasons.PayloadNotCosign,
                $"expected critical.type \"{CosignType}\" in the simple-signing payload; found {(type is null ? "none" : $"\"{GoJson.Truncate(type)}\"")}");
        }
        if (!string.Equals(digest, imageDigest, StringComparison.Ordinal))
        {
            return new Failure(LegacyReasons.PayloadDigestMismatch,
                $"expected critical.image.docker-manifest-digest {imageDigest}; the signature is for {(digest is null ? "no digest" : GoJson.Truncate(digest))}");
        }
        return null;
    }

    private static Failure Malformed(string message) =>
        new(LegacyReasons.PayloadMalformed, "simple-signing payload: " + message);
}
