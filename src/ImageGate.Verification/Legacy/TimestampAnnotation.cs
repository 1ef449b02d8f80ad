using System.Text.Json;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Timestamps;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// §4.7 step 1: the <c>dev.sigstore.cosign/rfc3161timestamp</c> annotation, <c>{"SignedRFC3161Timestamp":"&lt;b64&gt;"}</c>,
/// verified as in §4.3 over "for signatures, the raw signature bytes; for attestations, the whole layer payload
/// (the DSSE JSON), because their annotation signature is empty" (§8 item 14).
/// </summary>
internal static class TimestampAnnotation
{
    /// <summary>
    /// The verified genTime, or null. A missing or failing timestamp is a failure only when
    /// <paramref name="required"/> (cosign's <c>--use-signed-timestamps</c>); otherwise it is ignored.
    /// </summary>
    public static Failure? Verify(IReadOnlyDictionary<string, string> annotations, ReadOnlySpan<byte> signedBytes, TrustedRoot root, bool required, out VerifiedTimestamp? verified)
    {
        verified = null;
        if (!annotations.TryGetValue(LegacyAnnotationKeys.Rfc3161Timestamp, out var json) || string.IsNullOrWhiteSpace(json))
        {
            return required
                ? new Failure(ReasonCodes.TimestampThresholdNotMet, $"expected an RFC 3161 timestamp in annotation {LegacyAnnotationKeys.Rfc3161Timestamp}; found none")
                : null;
        }
        var failure = Read(json, out var der);
        if (failure is null)
        {
            failure = Rfc3161Verifier.Verify(der, signedBytes, root.TimestampAuthorities, out var genTime, out var uri);
            if (failure is null)
            {
                verified = new VerifiedTimestamp(TimestampSource.TimestampAuthority, genTime, uri);
                return null;
            }
        }
        return required ? failure : null;
    }

    private static Failure? Read(string json, out byte[] der)
    {
        der = [];
        try
        {
            using var doc = JsonDocument.Parse(json, GoJson.Options);
            var text = GoJson.String(doc.RootElement, "SignedRFC3161Timestamp");
            var buffer = new byte[(text?.Length ?? 0) / 4 * 3 + 3];
            if (text is null || !Convert.TryFromBase64String(text, buffer, out int written) || written == 0)
            {
                return Malformed("expected SignedRFC3161Timestamp to hold standard base64 of a DER TimeStampResp");
            }
            der = buffer[..written];
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
        new(ReasonCodes.LegacyAnnotationMalformed, $"annotation {LegacyAnnotationKeys.Rfc3161Timestamp}: {message}");
}
