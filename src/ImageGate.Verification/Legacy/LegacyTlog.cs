using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Transparency;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// §4.7 step 2, the tlog check from the <c>bundle</c> annotation: "body signature (b64 string) == annotation
/// signature string (skipped for attestations)"; "body key/cert DER == annotation cert DER"; "body hash (hashedrekord
/// data.hash, dsse envelopeHash, intoto content.hash), which must be sha256, == hex SHA-256(layer payload bytes)";
/// "SET (§4.2) including the log-key validity window"; "no inclusion proof exists in this format"; and with no
/// bundle annotation offline → fail.
/// </summary>
internal static class LegacyTlog
{
    public static Failure? Verify(IReadOnlyDictionary<string, string> annotations, LoggedContent content, TrustedRoot root, out TlogEntry? entry, out VerifiedTimestamp? integrated)
    {
        entry = null;
        integrated = null;
        if (!annotations.TryGetValue(LegacyAnnotationKeys.Bundle, out var json) || string.IsNullOrWhiteSpace(json))
        {
            return new Failure(ReasonCodes.LegacyNoBundleAnnotation,
                $"expected a Rekor bundle in annotation {LegacyAnnotationKeys.Bundle}; found none, and offline the log cannot be asked (pass RequireTlog = false only for signatures that were never logged)");
        }
        var failure = RekorBundleAnnotation.TryParse(json, out var parsed, out var body);
        if (failure is not null)
        {
            return failure;
        }
        failure = CheckKind(body!, content.Kind)
            ?? CheckSignature(body!, content)
            ?? CheckSigner(body!, content);
        if (failure is not null)
        {
            return failure;
        }
        var log = root.FindTransparencyLog(parsed!.LogId);
        if (log is null)
        {
            return new Failure(ReasonCodes.LegacyUnknownLog,
                $"expected the bundle's logID to name a transparency log of the trusted root; found {Convert.ToHexStringLower(parsed.LogId)}, which it does not hold");
        }
        failure = SignedEntryTimestamp.Verify(parsed, log);
        if (failure is not null)
        {
            return failure;
        }
        failure = CheckHash(body!, content);
        if (failure is not null)
        {
            return failure;
        }
        entry = parsed;
        integrated = new VerifiedTimestamp(TimestampSource.TransparencyLog, DateTimeOffset.FromUnixTimeSeconds(parsed.IntegratedTime), log.BaseUrl);
        return null;
    }

    /// <summary>Signatures are logged as hashedrekord; attestations as "intoto v0.0.2", "dsse v0.0.1" or "intoto v0.0.1" (§1b).</summary>
    private static Failure? CheckKind(RekorBody body, LegacyLayerKind kind)
    {
        bool fits = kind == LegacyLayerKind.Signature
            ? body is { Kind: "hashedrekord", ApiVersion: "0.0.1" }
            : body is { Kind: "intoto", ApiVersion: "0.0.1" or "0.0.2" } or { Kind: "dsse", ApiVersion: "0.0.1" };
        return fits
            ? null
            : Mismatch($"expected a {(kind == LegacyLayerKind.Signature ? "hashedrekord 0.0.1" : "intoto 0.0.1/0.0.2 or dsse 0.0.1")} entry for a legacy {kind.ToString().ToLowerInvariant()}; found {body.Kind} {body.ApiVersion}");
    }

    /// <summary>cosign compares the base64 texts; Rekor stores canonical standard base64, so re-encoding the logged bytes gives its text.</summary>
    private static Failure? CheckSignature(RekorBody body, LoggedContent content)
    {
        if (content.SignatureText is null)
        {
            return null;
        }
        string logged = body.Signature is null ? "(none)" : Convert.ToBase64String(body.Signature);
        return string.Equals(logged, content.SignatureText, StringComparison.Ordinal)
            ? null
            : Mismatch($"expected the logged signature to be the annotation's \"{GoJson.Truncate(content.SignatureText)}\"; found \"{GoJson.Truncate(logged)}\"");
    }

    private static Failure? CheckSigner(RekorBody body, LoggedContent content)
    {
        if (content.LeafDer is { } leaf)
        {
            return body.Certificate is { } logged && logged.AsSpan().SequenceEqual(leaf)
                ? null
                : Mismatch($"expected the entry to log the annotation's signing certificate; found {(body.Certificate is null ? "a bare public key" : "another certificate")}");
        }
        var spki = body.PublicKey ?? CertificateKey(body.Certificate);
        return spki is not null && content.Key.SameKeyAs(spki)
            ? null
            : Mismatch("expected the entry to log the trusted public key; found another key");
    }

    private static Failure? CheckHash(RekorBody body, LoggedContent content)
    {
        var logged = content.Kind == LegacyLayerKind.Signature ? body.DataHash : body.EnvelopeHash;
        string field = content.Kind == LegacyLayerKind.Signature ? "data.hash" : body.Kind == "dsse" ? "envelopeHash" : "content.hash";
        var expected = SHA256.HashData(content.HashedBytes.Span);
        if (logged is not { Algorithm: "sha256" } || !logged.Digest.AsSpan().SequenceEqual(expected))
        {
            string what = content.Kind == LegacyLayerKind.Signature ? "payload" : "layer";
            return Mismatch($"expected the entry's {field} to be sha256:{Convert.ToHexStringLower(expected)} (the {what} bytes); found {logged?.ToString() ?? "none"}");
        }
        return null;
    }

    private static byte[]? CertificateKey(byte[]? der)
    {
        if (der is null)
        {
            return null;
        }
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return certificate.PublicKey.ExportSubjectPublicKeyInfo();
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static Failure Mismatch(string message) => new(ReasonCodes.TlogBodyMismatch, message);
}
