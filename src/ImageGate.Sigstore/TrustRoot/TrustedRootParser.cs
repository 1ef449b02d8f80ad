using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Sigstore.TrustRoot;

/// <summary>
/// Parses <c>trusted_root.json</c> v0.1 and v0.2 (protos/sigstore_trustroot.proto). A log whose key type is not
/// supported is kept without a key (clients that failed on the Ed25519 Rekor v2 key broke for everyone);
/// a log without <c>validFor.start</c> or <c>logId</c> is an error, as in sigstore-go.
/// </summary>
public static class TrustedRootParser
{
    private static readonly string[] MediaTypes =
    [
        "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
        "application/vnd.dev.sigstore.trustedroot+json;version=0.2",
        "application/vnd.dev.sigstore.trustedroot.v0.1+json",
        "application/vnd.dev.sigstore.trustedroot.v0.2+json",
    ];

    public static Failure? TryParse(ReadOnlySpan<byte> json, out TrustedRoot? root)
    {
        root = null;
        if (json.Length > Limits.MaxTrustedRootBytes)
        {
            return Malformed($"the file is {json.Length} bytes, more than the {Limits.MaxTrustedRootBytes} allowed");
        }
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray(), Limits.StrictJson);
            var top = doc.RootElement;
            if (top.ValueKind != JsonValueKind.Object)
            {
                return Malformed($"expected a JSON object, found {top.ValueKind}");
            }
            var mediaType = ProtoJson.OptionalString(top, "mediaType", "trustedRoot") ?? string.Empty;
            if (System.Array.IndexOf(MediaTypes, mediaType) < 0)
            {
                return Malformed($"unsupported mediaType \"{ProtoJson.Truncate(mediaType)}\"; expected trustedroot v0.1 or v0.2");
            }
            root = new TrustedRoot
            {
                MediaType = mediaType,
                TransparencyLogs = ParseLogs(top, "tlogs"),
                CtLogs = ParseLogs(top, "ctlogs"),
                CertificateAuthorities = ParseAuthorities(top, "certificateAuthorities"),
                TimestampAuthorities = ParseAuthorities(top, "timestampAuthorities"),
                Sha256 = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(json)),
            };
            return null;
        }
        catch (JsonException e)
        {
            return Malformed($"not valid JSON: {e.Message}");
        }
        catch (ProtoJsonException e)
        {
            return Malformed(e.Message);
        }
    }

    private static List<TransparencyLog> ParseLogs(JsonElement top, string name)
    {
        var logs = new List<TransparencyLog>();
        int i = 0;
        foreach (var log in ProtoJson.Array(top, name, "trustedRoot"))
        {
            string path = $"{name}[{i++}]";
            var publicKey = ProtoJson.Object(log, "publicKey", path);
            var validFor = ProtoJson.TryGet(publicKey, "validFor", out var v) ? v : default;
            var start = validFor.ValueKind == JsonValueKind.Object ? ProtoJson.OptionalTimestamp(validFor, "start", path + ".publicKey.validFor") : null;
            if (start is null)
            {
                throw new ProtoJsonException($"{path}.publicKey.validFor.start is missing");
            }
            var end = ProtoJson.OptionalTimestamp(validFor, "end", path + ".publicKey.validFor");
            var logId = ProtoJson.Bytes(ProtoJson.Object(log, "logId", path), "keyId", path + ".logId");
            var spki = ProtoJson.OptionalBytes(publicKey, "rawBytes", path + ".publicKey") ?? [];
            var keyDetails = ProtoJson.OptionalString(publicKey, "keyDetails", path + ".publicKey") ?? "PUBLIC_KEY_DETAILS_UNSPECIFIED";
            if (SpkiShape.Check(spki, keyDetails, out bool supported) is { } malformedKey)
            {
                throw new ProtoJsonException($"{path}.publicKey.rawBytes {malformedKey} (log {ProtoJson.OptionalString(log, "baseUrl", path) ?? "without baseUrl"})");
            }
            var hashAlgorithm = ProtoJson.OptionalString(log, "hashAlgorithm", path);
            if (hashAlgorithm is not null && hashAlgorithm != "SHA2_256")
            {
                throw new ProtoJsonException($"{path}.hashAlgorithm must be SHA2_256, found \"{hashAlgorithm}\"");
            }
            byte[]? checkpointKeyId = ProtoJson.TryGet(log, "checkpointKeyId", out var ck)
                ? ProtoJson.Bytes(ck, "keyId", path + ".checkpointKeyId")
                : null;
            logs.Add(new TransparencyLog
            {
                BaseUrl = ProtoJson.OptionalString(log, "baseUrl", path) ?? string.Empty,
                LogId = logId,
                SubjectPublicKeyInfo = spki,
                KeyDetails = keyDetails,
                KeySupported = supported,
                Validity = new ValidityPeriod(start.Value, end),
                CheckpointKeyId = checkpointKeyId,
            });
        }
        return logs;
    }

    private static List<CertificateAuthority> ParseAuthorities(JsonElement top, string name)
    {
        var authorities = new List<CertificateAuthority>();
        int i = 0;
        foreach (var ca in ProtoJson.Array(top, name, "trustedRoot"))
        {
            string path = $"{name}[{i++}]";
            var chain = new List<byte[]>();
            foreach (var cert in ProtoJson.Array(ProtoJson.Object(ca, "certChain", path), "certificates", path + ".certChain"))
            {
                var der = ProtoJson.Bytes(cert, "rawBytes", path + ".certChain.certificates");
                if (!IsCertificateShape(der))
                {
                    throw new ProtoJsonException($"{path}.certChain.certificates[{chain.Count}] is not a DER X.509 certificate ({ProtoJson.OptionalString(ca, "uri", path) ?? "no uri"})");
                }
                chain.Add(der);
            }
            if (chain.Count == 0)
            {
                throw new ProtoJsonException($"{path}.certChain has no certificates");
            }
            var validFor = ProtoJson.TryGet(ca, "validFor", out var v) ? v : default;
            var start = validFor.ValueKind == JsonValueKind.Object ? ProtoJson.OptionalTimestamp(validFor, "start", path + ".validFor") : null;
            var end = validFor.ValueKind == JsonValueKind.Object ? ProtoJson.OptionalTimestamp(validFor, "end", path + ".validFor") : null;
            string commonName = ProtoJson.TryGet(ca, "subject", out var subject)
                ? ProtoJson.OptionalString(subject, "commonName", path + ".subject") ?? string.Empty
                : string.Empty;
            authorities.Add(new CertificateAuthority
            {
                Uri = ProtoJson.OptionalString(ca, "uri", path) ?? string.Empty,
                CommonName = commonName,
                ChainDer = chain,
                // A CA without validFor.start has been valid since forever (sigstore-go treats a zero start so).
                Validity = new ValidityPeriod(start ?? DateTimeOffset.MinValue, end),
            });
        }
        return authorities;
    }

    /// <summary>
    /// A cheap structural check at load time: Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm
    /// SEQUENCE, signatureValue BIT STRING } (RFC 5280 §4.1), nothing after it. The certificates themselves are
    /// parsed when used; this catches a garbage entry while it can still be named.
    /// </summary>
    private static bool IsCertificateShape(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var certificate = reader.ReadSequence();
            var tbs = certificate.ReadSequence();
            certificate.ReadSequence();
            certificate.ReadBitString(out _);
            // version [0] EXPLICIT (optional), serialNumber INTEGER: enough to tell a certificate from another SEQUENCE.
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
            }
            tbs.ReadIntegerBytes();
            return !certificate.HasData && !reader.HasData;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static Failure Malformed(string message) => new(ReasonCodes.TrustRootMalformed, "trusted root: " + message);
}
