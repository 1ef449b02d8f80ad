using System.Text.Json;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// <c>dev.sigstore.cosign/bundle</c>: Go's <c>RekorBundle</c>,
/// <c>{"SignedEntryTimestamp":"&lt;b64&gt;","Payload":{"body":"&lt;b64 body&gt;","integratedTime":N,"logIndex":N,"logID":"&lt;hex&gt;"}}</c>
/// (§1a). "Go decodes JSON field names case-insensitively, so parse leniently"; integers may be numbers or strings.
/// logIndex is the GLOBAL index, which is what the SET signs; "no inclusion proof exists in this format". The entry's
/// kind and version are read from the body, where the bundle format states them beside it; the body itself is
/// parsed and bound by the verification walk, as a bundle's is.
/// </summary>
internal static class RekorBundleAnnotation
{
    public static Failure? TryParse(string json, out TlogEntry? entry)
    {
        entry = null;
        byte[] set;
        byte[] canonicalizedBody;
        long integratedTime;
        long logIndex;
        byte[] logId;
        try
        {
            using var doc = JsonDocument.Parse(json, GoJson.Options);
            var top = doc.RootElement;
            if (top.ValueKind != JsonValueKind.Object)
            {
                return Malformed($"expected a JSON object, found {top.ValueKind}");
            }
            // Go's []byte field: standard base64.
            var setText = GoJson.String(top, "SignedEntryTimestamp");
            if (setText is null || !TryStdBase64(setText, out set) || set.Length == 0)
            {
                return Malformed($"expected SignedEntryTimestamp to be standard base64 of a signature; found {(setText is null ? "none" : $"\"{GoJson.Truncate(setText)}\"")}");
            }
            if (!GoJson.TryGet(top, "Payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                return Malformed("expected a Payload object; found none");
            }
            var bodyText = GoJson.String(payload, "body");
            if (bodyText is null || !TryStdBase64(bodyText, out canonicalizedBody) || canonicalizedBody.Length == 0)
            {
                return Malformed($"expected Payload.body to be base64 of a Rekor entry; found {(bodyText is null ? "none" : $"\"{GoJson.Truncate(bodyText)}\"")}");
            }
            integratedTime = GoJson.Int64(payload, "integratedTime") ?? 0;
            logIndex = GoJson.Int64(payload, "logIndex") ?? -1;
            var logIdText = GoJson.String(payload, "logID");
            if (logIdText is null || !Hex.TryDecode(logIdText, out logId) || logId.Length == 0)
            {
                return Malformed($"expected Payload.logID to be the hex log id; found {(logIdText is null ? "none" : $"\"{GoJson.Truncate(logIdText)}\"")}");
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
        if (integratedTime <= 0 || logIndex < 0)
        {
            return Malformed($"expected a positive Payload.integratedTime and a non-negative Payload.logIndex; found {integratedTime} and {logIndex}");
        }
        var (kind, version) = KindOf(canonicalizedBody);
        entry = new TlogEntry
        {
            LogIndex = logIndex,
            LogId = logId,
            Kind = kind,
            KindVersion = version,
            IntegratedTime = integratedTime,
            SignedEntryTimestamp = set,
            InclusionProof = null,
            CanonicalizedBody = canonicalizedBody,
        };
        return null;
    }

    /// <summary>The body's <c>kind</c> and <c>apiVersion</c>; empty when unreadable, so the walk, which parses the
    /// body first, reports it as malformed.</summary>
    private static (string Kind, string Version) KindOf(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body, GoJson.Options);
            var top = doc.RootElement;
            if (top.ValueKind == JsonValueKind.Object
                && top.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
                && top.TryGetProperty("apiVersion", out var version) && version.ValueKind == JsonValueKind.String)
            {
                return (kind.GetString()!, version.GetString()!);
            }
        }
        catch (JsonException)
        {
        }
        return (string.Empty, string.Empty);
    }

    private static bool TryStdBase64(string text, out byte[] bytes)
    {
        bytes = [];
        var buffer = new byte[text.Length / 4 * 3 + 3];
        if (text.AsSpan().ContainsAny(" \t\r\n") || !Convert.TryFromBase64String(text, buffer, out int written))
        {
            return false;
        }
        bytes = buffer[..written];
        return true;
    }

    private static Failure Malformed(string message) =>
        new(LegacyReasons.AnnotationMalformed, $"annotation {LegacyAnnotationKeys.Bundle}: {message}");
}
