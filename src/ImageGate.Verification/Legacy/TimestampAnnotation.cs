using System.Text.Json;
using ImageGate.Sigstore;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// <c>dev.sigstore.cosign/rfc3161timestamp</c>, <c>{"SignedRFC3161Timestamp":"&lt;b64 DER TimeStampResp&gt;"}</c>
/// (§1a): the layer's one RFC 3161 timestamp. It becomes the adapted bundle's only timestamp and is verified as a
/// bundle's are (§4.3), over the signature (.sig) or the whole layer (.att, §8 item 14).
/// </summary>
internal static class TimestampAnnotation
{
    /// <summary>The token's DER, or null when the layer has no timestamp. A malformed annotation fails closed.</summary>
    public static Failure? Read(IReadOnlyDictionary<string, string> annotations, out byte[]? token)
    {
        token = null;
        if (!annotations.TryGetValue(LegacyAnnotationKeys.Rfc3161Timestamp, out var json) || string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(json, GoJson.Options);
            var text = GoJson.String(doc.RootElement, "SignedRFC3161Timestamp");
            var buffer = new byte[(text?.Length ?? 0) / 4 * 3 + 3];
            if (text is null || !Convert.TryFromBase64String(text, buffer, out int written) || written == 0)
            {
                return Malformed("expected SignedRFC3161Timestamp to hold standard base64 of a DER TimeStampResp");
            }
            token = buffer[..written];
            return null;
        }
        catch (JsonException e)
        {
            return Malformed($"not valid JSON: {e.Message}");
        }
        catch (FormatException e)
        {
            return Malformed(e.Message);
        }
    }

    private static Failure Malformed(string message) =>
        new(LegacyReasons.AnnotationMalformed, $"annotation {LegacyAnnotationKeys.Rfc3161Timestamp}: {message}");
}
