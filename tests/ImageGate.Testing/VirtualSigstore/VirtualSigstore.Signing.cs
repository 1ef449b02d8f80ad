using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageGate.Testing.VirtualSigstore;

public sealed partial class VirtualSigstore
{
    /// <summary>Signs an in-toto statement (or any payload) as a DSSE envelope and returns the bundle.</summary>
    public VirtualBundle SignDsse(byte[] statement, SignOptions? options = null)
    {
        var o = options ?? new SignOptions();
        var kind = o.Kind ?? RekorKind.DsseV001;
        if (kind == RekorKind.HashedRekordV001)
        {
            throw new ArgumentException("Rekor v1 hashedrekord does not log DSSE envelopes", nameof(options));
        }
        var now = Der.WholeSeconds(Clock.GetUtcNow());
        var key = o.Key ?? new SigningKey(o.KeyType);
        var leaf = IssueLeafFor(key, o, now);

        byte[] pae = DssePae.Pae(o.PayloadType, statement);
        byte[] signature = key.Sign(o.SignOtherBytes ? DssePae.Pae(o.PayloadType, [.. statement, (byte)' ']) : pae, o.DsseHash ?? key.DefaultHash);
        var envelope = new JsonObject
        {
            ["payload"] = Convert.ToBase64String(statement),
            ["payloadType"] = o.PayloadType,
            ["signatures"] = new JsonArray(new JsonObject { ["sig"] = Convert.ToBase64String(signature), ["keyid"] = "" }),
        };
        byte[] envelopeJson = Encoding.UTF8.GetBytes(envelope.ToJsonString());
        string verifierPem = leaf is not null ? Der.CertificatePem(leaf.RawData) : key.PublicKeyPem;

        JsonObject? body = kind switch
        {
            RekorKind.DsseV001 => RekorBodies.DsseV001(envelopeJson, statement, signature, verifierPem),
            RekorKind.IntotoV002 => RekorBodies.IntotoV002(envelopeJson, o.PayloadType, statement, signature, verifierPem),
            RekorKind.HashedRekordV002 => RekorBodies.HashedRekordV002(DigestName(key.DefaultHash),
                CryptographicOperations.HashData(key.DefaultHash, pae), signature, leaf?.RawData, key.SubjectPublicKeyInfo, key.KeyDetails),
            _ => null,
        };
        return Assemble(o, key, leaf, now, signature, body, "dsseEnvelope", envelope, payload: statement, artifact: null);
    }

    /// <summary>Signs an artifact as a message signature (digest + signature) and returns the bundle.</summary>
    public VirtualBundle SignMessage(byte[] artifact, SignOptions? options = null)
    {
        var o = options ?? new SignOptions();
        var kind = o.Kind ?? RekorKind.HashedRekordV001;
        if (kind is RekorKind.DsseV001 or RekorKind.IntotoV002)
        {
            throw new ArgumentException("dsse and intoto entries log DSSE envelopes, not message signatures", nameof(options));
        }
        var now = Der.WholeSeconds(Clock.GetUtcNow());
        var key = o.Key ?? new SigningKey(o.KeyType);
        var leaf = IssueLeafFor(key, o, now);

        var hash = key.DefaultHash;
        byte[] digest = CryptographicOperations.HashData(hash, artifact);
        byte[] signature = key.Sign(o.SignOtherBytes ? [.. artifact, (byte)' '] : artifact);
        var messageSignature = new JsonObject
        {
            ["messageDigest"] = new JsonObject { ["algorithm"] = DigestName(hash), ["digest"] = Convert.ToBase64String(digest) },
            ["signature"] = Convert.ToBase64String(signature),
        };
        string verifierPem = leaf is not null ? Der.CertificatePem(leaf.RawData) : key.PublicKeyPem;
        JsonObject? body = kind switch
        {
            RekorKind.HashedRekordV001 => RekorBodies.HashedRekordV001(hash.Name!.ToLowerInvariant(), digest, signature, verifierPem),
            RekorKind.HashedRekordV002 => RekorBodies.HashedRekordV002(DigestName(hash), digest, signature, leaf?.RawData, key.SubjectPublicKeyInfo, key.KeyDetails),
            _ => null,
        };
        return Assemble(o, key, leaf, now, signature, body, "messageSignature", messageSignature, payload: null, artifact);
    }

    /// <summary>The mediaType string of each bundle version.</summary>
    public static string MediaType(BundleVersion version) => version switch
    {
        BundleVersion.V01 => "application/vnd.dev.sigstore.bundle+json;version=0.1",
        BundleVersion.V02 => "application/vnd.dev.sigstore.bundle+json;version=0.2",
        BundleVersion.V03 => "application/vnd.dev.sigstore.bundle+json;version=0.3",
        _ => "application/vnd.dev.sigstore.bundle.v0.3+json",
    };

    private X509Certificate2? IssueLeafFor(SigningKey key, SignOptions o, DateTimeOffset now)
    {
        if (o.Key is not null)
        {
            return null;
        }
        var notBefore = now + o.CertificateNotBeforeOffset;
        return (o.Fulcio ?? Fulcio).IssueLeaf(new LeafRequest
        {
            SubjectKey = key,
            SubjectAlternativeName = o.SubjectAlternativeName,
            SanType = o.SanType,
            Issuer = o.Issuer,
            IssuerV1 = o.IssuerV1,
            IssuerV2 = o.IssuerV2,
            ExtraExtensions = o.ExtraExtensions,
            NotBefore = notBefore,
            NotAfter = notBefore + o.CertificateLifetime,
            CtLog = o.IncludeSct ? o.CtLog ?? CtLog : null,
            AdditionalCtLogs = o.IncludeSct ? o.AdditionalCtLogs : [],
            ForgeSct = o.ForgeSct,
        });
    }

    private VirtualBundle Assemble(SignOptions o, SigningKey key, X509Certificate2? leaf, DateTimeOffset now, byte[] signature,
        JsonObject? proposedBody, string contentName, JsonObject content, byte[]? payload, byte[]? artifact)
    {
        var material = new JsonObject();
        if (leaf is null)
        {
            material["publicKey"] = new JsonObject { ["hint"] = o.KeyHint ?? Convert.ToBase64String(SHA256.HashData(key.SubjectPublicKeyInfo)) };
        }
        else if (o.Version is BundleVersion.V01 or BundleVersion.V02)
        {
            var certificates = new JsonArray();
            foreach (var certificate in new[] { leaf, (o.Fulcio ?? Fulcio).Intermediate })
            {
                certificates.Add((JsonNode)new JsonObject { ["rawBytes"] = Convert.ToBase64String(certificate.RawData) });
            }
            material["x509CertificateChain"] = new JsonObject { ["certificates"] = certificates };
        }
        else
        {
            material["certificate"] = new JsonObject { ["rawBytes"] = Convert.ToBase64String(leaf.RawData) };
        }

        var entries = new JsonArray();
        byte[]? body = null;
        RekorV1Entry? v1Entry = null;
        InclusionProofData? proof = null;
        if (proposedBody is not null)
        {
            o.TamperBody?.Invoke(proposedBody);
            body = Jcs.Canonicalize(proposedBody);
            bool withProof = o.IncludeInclusionProof ?? o.Version != BundleVersion.V01;
            if (o.Kind == RekorKind.HashedRekordV002)
            {
                long index = RekorV2.Append(body);
                proof = withProof ? RekorV2.Prove(index) : null;
                entries.Add((JsonNode)TlogEntryJson(index, RekorV2.KeyId, "hashedrekord", "0.0.2", null, null, proof, body));
            }
            else
            {
                long integratedTime = (now + o.IntegratedTimeOffset).ToUnixTimeSeconds();
                v1Entry = Rekor.Append(body, integratedTime);
                proof = withProof ? Rekor.Prove(v1Entry.ShardIndex) : null;
                string kindName = proposedBody["kind"]!.GetValue<string>();
                string version = proposedBody["apiVersion"]!.GetValue<string>();
                entries.Add((JsonNode)TlogEntryJson(v1Entry.GlobalIndex, Rekor.LogId, kindName, version, integratedTime,
                    o.IncludeSet ? v1Entry.SignedEntryTimestamp : null, proof, body));
                foreach (var log in o.AdditionalRekorLogs)
                {
                    var other = log.Append(body, integratedTime);
                    entries.Add((JsonNode)TlogEntryJson(other.GlobalIndex, log.LogId, kindName, version, integratedTime,
                        o.IncludeSet ? other.SignedEntryTimestamp : null, withProof ? log.Prove(other.ShardIndex) : null, body));
                }
            }
        }
        material["tlogEntries"] = entries;

        var timestamps = new JsonArray();
        if (o.IncludeTimestamp)
        {
            byte[] response = (o.Tsa ?? Tsa).Timestamp(o.TimestampedBytes ?? signature, now + o.TimestampOffset, o.EmbedTsaCertificate, o.TimestampHash);
            timestamps.Add((JsonNode)new JsonObject { ["signedTimestamp"] = Convert.ToBase64String(response) });
        }
        material["timestampVerificationData"] = new JsonObject { ["rfc3161Timestamps"] = timestamps };

        var json = new JsonObject
        {
            ["mediaType"] = MediaType(o.Version),
            ["verificationMaterial"] = material,
            [contentName] = content,
        };
        return new VirtualBundle
        {
            Json = json,
            Certificate = leaf,
            SignerKey = key,
            Signature = signature,
            Payload = payload,
            Artifact = artifact,
            Body = body,
            RekorEntry = v1Entry,
            Proof = proof,
            SignedAt = now,
        };
    }

    private static JsonObject TlogEntryJson(long logIndex, byte[] logId, string kind, string version, long? integratedTime,
        byte[]? set, InclusionProofData? proof, byte[] body)
    {
        // protojson: int64 as decimal strings, bytes as std base64, zero values (v2 integratedTime) omitted.
        var entry = new JsonObject
        {
            ["logIndex"] = Int64(logIndex),
            ["logId"] = new JsonObject { ["keyId"] = Convert.ToBase64String(logId) },
            ["kindVersion"] = new JsonObject { ["kind"] = kind, ["version"] = version },
        };
        if (integratedTime is { } t)
        {
            entry["integratedTime"] = Int64(t);
        }
        if (set is not null)
        {
            entry["inclusionPromise"] = new JsonObject { ["signedEntryTimestamp"] = Convert.ToBase64String(set) };
        }
        if (proof is not null)
        {
            var hashes = new JsonArray();
            foreach (byte[] h in proof.Hashes)
            {
                hashes.Add((JsonNode)Convert.ToBase64String(h));
            }
            entry["inclusionProof"] = new JsonObject
            {
                ["logIndex"] = Int64(proof.LogIndex),
                ["rootHash"] = Convert.ToBase64String(proof.RootHash),
                ["treeSize"] = Int64(proof.TreeSize),
                ["hashes"] = hashes,
                ["checkpoint"] = new JsonObject { ["envelope"] = proof.Checkpoint },
            };
        }
        entry["canonicalizedBody"] = Convert.ToBase64String(body);
        return entry;
    }

    private static string Int64(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string DigestName(HashAlgorithmName hash) => hash.Name switch
    {
        "SHA256" => "SHA2_256",
        "SHA384" => "SHA2_384",
        _ => "SHA2_512",
    };
}
