using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageGate.Testing.VirtualSigstore;

public sealed partial class VirtualSigstore
{
    /// <summary>
    /// A legacy <c>.sig</c> layer: the simple-signing payload (Go json.Marshal field order), its signature, and the
    /// certificate / chain / bundle (SET, no proof) / optional RFC 3161 annotations. Logged as hashedrekord 0.0.1.
    /// </summary>
    public LegacyLayer SignImageLegacy(string dockerReference, string manifestDigest, SignOptions? options = null, JsonObject? optional = null)
    {
        var o = options ?? new SignOptions();
        var payload = new JsonObject
        {
            ["critical"] = new JsonObject
            {
                ["identity"] = new JsonObject { ["docker-reference"] = dockerReference },
                ["image"] = new JsonObject { ["docker-manifest-digest"] = manifestDigest },
                ["type"] = "cosign container image signature",
            },
            ["optional"] = optional,
        };
        byte[] payloadBytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var now = Der.WholeSeconds(Clock.GetUtcNow());
        var key = o.Key ?? new SigningKey(o.KeyType);
        var leaf = IssueLeafFor(key, o, now);
        byte[] signature = key.Sign(o.SignOtherBytes ? [.. payloadBytes, (byte)' '] : payloadBytes);
        string verifierPem = leaf is not null ? Der.CertificatePem(leaf.RawData) : key.PublicKeyPem;
        var body = RekorBodies.HashedRekordV001("sha256", SHA256.HashData(payloadBytes), signature, verifierPem);
        return LegacyLayerFor(o, now, leaf is null ? null : verifierPem, payloadBytes, LegacyLayer.SimpleSigningMediaType,
            Convert.ToBase64String(signature), signature, body, o.TimestampedBytes ?? signature, predicateType: null);
    }

    /// <summary>
    /// A legacy <c>.att</c> layer: the DSSE envelope JSON as the blob, an empty signature annotation, a
    /// predicateType annotation, logged as dsse 0.0.1 (cosign v3) or intoto 0.0.2 (<see cref="SignOptions.Kind"/>).
    /// Its RFC 3161 timestamp is over the whole envelope JSON, as cosign does for attestations.
    /// </summary>
    public LegacyLayer AttestImageLegacy(byte[] statement, SignOptions? options = null)
    {
        var o = options ?? new SignOptions();
        var now = Der.WholeSeconds(Clock.GetUtcNow());
        var key = o.Key ?? new SigningKey(o.KeyType);
        var leaf = IssueLeafFor(key, o, now);
        byte[] pae = DssePae.Pae(o.PayloadType, statement);
        byte[] signature = key.Sign(o.SignOtherBytes ? DssePae.Pae(o.PayloadType, [.. statement, (byte)' ']) : pae);
        var envelope = new JsonObject
        {
            ["payload"] = Convert.ToBase64String(statement),
            ["payloadType"] = o.PayloadType,
            ["signatures"] = new JsonArray(new JsonObject { ["keyid"] = "", ["sig"] = Convert.ToBase64String(signature) }),
        };
        byte[] envelopeJson = Encoding.UTF8.GetBytes(envelope.ToJsonString());
        string verifierPem = leaf is not null ? Der.CertificatePem(leaf.RawData) : key.PublicKeyPem;
        var body = o.Kind == RekorKind.IntotoV002
            ? RekorBodies.IntotoV002(envelopeJson, o.PayloadType, statement, signature, verifierPem)
            : RekorBodies.DsseV001(envelopeJson, statement, signature, verifierPem);
        string predicateType = JsonNode.Parse(statement)?["predicateType"]?.GetValue<string>() ?? "";
        return LegacyLayerFor(o, now, leaf is null ? null : verifierPem, envelopeJson, LegacyLayer.DsseMediaType,
            "", signature, body, o.TimestampedBytes ?? envelopeJson, predicateType);
    }

    private LegacyLayer LegacyLayerFor(SignOptions o, DateTimeOffset now, string? certificatePem, byte[] payload, string mediaType,
        string signatureAnnotation, byte[] signature, JsonObject body, byte[] timestamped, string? predicateType)
    {
        var annotations = new Dictionary<string, string> { [LegacyLayer.SignatureAnnotation] = signatureAnnotation };
        if (predicateType is not null)
        {
            annotations["predicateType"] = predicateType;
        }
        if (certificatePem is not null)
        {
            var fulcio = o.Fulcio ?? Fulcio;
            annotations[LegacyLayer.CertificateAnnotation] = certificatePem;
            annotations[LegacyLayer.ChainAnnotation] = Der.CertificatePem(fulcio.Intermediate.RawData) + Der.CertificatePem(fulcio.Root.RawData);
        }
        RekorV1Entry? entry = null;
        if (o.Kind != RekorKind.None)
        {
            o.TamperBody?.Invoke(body);
            byte[] canonical = Jcs.Canonicalize(body);
            entry = Rekor.Append(canonical, (now + o.IntegratedTimeOffset).ToUnixTimeSeconds());
            // Go's RekorBundle has no JSON tags on the outer struct: PascalCase outside, lowerCamel inside, hex logID.
            annotations[LegacyLayer.BundleAnnotation] = new JsonObject
            {
                ["SignedEntryTimestamp"] = Convert.ToBase64String(entry.SignedEntryTimestamp),
                ["Payload"] = new JsonObject
                {
                    ["body"] = Convert.ToBase64String(canonical),
                    ["integratedTime"] = entry.IntegratedTime,
                    ["logIndex"] = entry.GlobalIndex,
                    ["logID"] = Rekor.LogIdHex,
                },
            }.ToJsonString();
        }
        if (o.IncludeTimestamp)
        {
            byte[] response = (o.Tsa ?? Tsa).Timestamp(timestamped, now + o.TimestampOffset, o.EmbedTsaCertificate);
            annotations[LegacyLayer.TimestampAnnotation] = new JsonObject { ["SignedRFC3161Timestamp"] = Convert.ToBase64String(response) }.ToJsonString();
        }
        return new LegacyLayer { Payload = payload, MediaType = mediaType, Annotations = annotations, Signature = signature, RekorEntry = entry };
    }
}
