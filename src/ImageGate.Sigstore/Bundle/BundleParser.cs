using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Sigstore.Bundle;

/// <summary>
/// Parses a Sigstore bundle v0.1 to v0.3 from its protobuf-JSON form and applies sigstore-go's structural
/// validation (pkg/bundle/bundle.go <c>validate</c>) and input limits, so later steps see a well-formed bundle.
/// </summary>
public static class BundleParser
{
    public static Failure? TryParse(ReadOnlySpan<byte> json, out SigstoreBundle? bundle) =>
        TryParse(new ReadOnlyMemory<byte>(json.ToArray()), out bundle);

    /// <summary>Parses without copying the input (a bundle may hold a large attestation).</summary>
    public static Failure? TryParse(ReadOnlyMemory<byte> json, out SigstoreBundle? bundle) => TryParse(json, default, out bundle);

    /// <summary>
    /// Parses a bundle whose buffer the caller gives up: a DSSE payload is base64-decoded into the bytes where its
    /// text stood, so a megabytes-large attestation is held once, not as text and again as bytes. On success the
    /// buffer no longer reads as the bundle; on failure it is unchanged (the decode is the last step, validated first).
    /// </summary>
    public static Failure? TryParseInPlace(Memory<byte> json, out SigstoreBundle? bundle) => TryParse(json, json, out bundle);

    private static Failure? TryParse(ReadOnlyMemory<byte> json, Memory<byte> decodeInto, out SigstoreBundle? bundle)
    {
        bundle = null;
        if (json.Length > Limits.MaxBundleBytes)
        {
            return new Failure(ReasonCodes.BundleLimitExceeded, $"the bundle is {json.Length} bytes, more than the {Limits.MaxBundleBytes} allowed");
        }
        try
        {
            using var doc = JsonDocument.Parse(json, Limits.StrictJson);
            return Parse(doc.RootElement, decodeInto, out bundle);
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

    private static Failure? Parse(JsonElement top, Memory<byte> decodeInto, out SigstoreBundle? bundle)
    {
        bundle = null;
        if (top.ValueKind != JsonValueKind.Object)
        {
            return Malformed($"expected a JSON object, found {top.ValueKind}");
        }
        var mediaType = ProtoJson.OptionalString(top, "mediaType", "bundle") ?? string.Empty;
        int minor = BundleMediaType.MinorVersion(mediaType);
        if (minor < 0)
        {
            return new Failure(ReasonCodes.BundleUnsupportedVersion,
                $"unsupported bundle mediaType \"{ProtoJson.Truncate(mediaType)}\"; expected a Sigstore bundle v0.1, v0.2 or v0.3");
        }

        var material = ProtoJson.Object(top, "verificationMaterial", "bundle");
        byte[]? certificate = null;
        bool fromChain = false;
        bool hasKey = false;
        string? hint = null;
        int kinds = 0;
        if (ProtoJson.TryGet(material, "certificate", out var cert))
        {
            kinds++;
            certificate = ProtoJson.Bytes(cert, "rawBytes", "verificationMaterial.certificate");
        }
        if (ProtoJson.TryGet(material, "x509CertificateChain", out var chain))
        {
            kinds++;
            fromChain = true;
            var certs = ProtoJson.Array(chain, "certificates", "verificationMaterial.x509CertificateChain").ToList();
            if (certs.Count == 0)
            {
                return Malformed("verificationMaterial.x509CertificateChain has no certificates");
            }
            if (certs.Count > Limits.MaxCertificatesInChain)
            {
                return new Failure(ReasonCodes.BundleLimitExceeded, $"verificationMaterial.x509CertificateChain has {certs.Count} certificates; at most {Limits.MaxCertificatesInChain} are allowed");
            }
            certificate = ProtoJson.Bytes(certs[0], "rawBytes", "verificationMaterial.x509CertificateChain.certificates[0]");
            // Only [0] is used (v0.1/v0.2 bundles carry leaf first): trust comes from the trust root, never from the
            // rest of the chain, so an intermediate or root listed after the leaf changes nothing (early npm provenance
            // bundles list the whole chain, and sigstore-go, sigstore-js and sigstore-python verify them).
        }
        if (ProtoJson.TryGet(material, "publicKey", out var key))
        {
            kinds++;
            hasKey = true;
            hint = ProtoJson.OptionalString(key, "hint", "verificationMaterial.publicKey") ?? string.Empty;
        }
        if (kinds != 1)
        {
            return Malformed($"verificationMaterial must hold exactly one of certificate, x509CertificateChain or publicKey; found {kinds}");
        }
        if (certificate is { Length: 0 })
        {
            return Malformed("the signing certificate is empty");
        }
        if (minor >= 3 && fromChain)
        {
            return Malformed("a v0.3 bundle must carry a single certificate, not x509CertificateChain");
        }

        var entries = new List<TlogEntry>();
        foreach (var entry in ProtoJson.Array(material, "tlogEntries", "verificationMaterial"))
        {
            if (entries.Count == Limits.MaxTlogEntries)
            {
                return new Failure(ReasonCodes.BundleLimitExceeded, $"the bundle has more than {Limits.MaxTlogEntries} transparency-log entries");
            }
            var parsed = TlogEntryParser.Parse(entry, $"tlogEntries[{entries.Count}]");
            if (minor == 1 && parsed.SignedEntryTimestamp is null)
            {
                return Malformed($"tlogEntries[{entries.Count}] has no inclusionPromise, which a v0.1 bundle requires");
            }
            if (minor >= 2 && parsed.InclusionProof is null)
            {
                return Malformed($"tlogEntries[{entries.Count}] has no inclusionProof, which a v{BundleMediaType.Name(minor)} bundle requires");
            }
            entries.Add(parsed);
        }

        var timestamps = new List<byte[]>();
        if (ProtoJson.TryGet(material, "timestampVerificationData", out var tvd))
        {
            foreach (var ts in ProtoJson.Array(tvd, "rfc3161Timestamps", "timestampVerificationData"))
            {
                if (timestamps.Count == Limits.MaxTimestamps)
                {
                    return new Failure(ReasonCodes.BundleLimitExceeded, $"the bundle has more than {Limits.MaxTimestamps} RFC 3161 timestamps");
                }
                timestamps.Add(ProtoJson.Bytes(ts, "signedTimestamp", $"rfc3161Timestamps[{timestamps.Count}]"));
            }
        }

        bool hasMessage = ProtoJson.TryGet(top, "messageSignature", out var message);
        bool hasDsse = ProtoJson.TryGet(top, "dsseEnvelope", out var dsse);
        if (hasMessage == hasDsse)
        {
            return Malformed("the bundle must hold exactly one of messageSignature or dsseEnvelope");
        }
        MessageSignature? messageSignature = null;
        DsseEnvelope? envelope = null;
        if (hasMessage)
        {
            messageSignature = ParseMessageSignature(message);
        }
        else
        {
            var signatures = ParseSignatures(dsse);
            if (signatures.Count != 1)
            {
                return new Failure(ReasonCodes.DsseMalformed, $"a DSSE envelope in a bundle must have exactly one signature; found {signatures.Count}");
            }
            // Last: decoding in place gives the buffer up, so nothing after it may fail.
            envelope = new DsseEnvelope
            {
                PayloadType = ProtoJson.String(dsse, "payloadType", "dsseEnvelope"),
                Payload = ParsePayload(dsse, decodeInto),
                Signatures = signatures,
            };
        }
        bundle = new SigstoreBundle
        {
            MediaType = mediaType,
            MinorVersion = minor,
            Certificate = certificate,
            FromCertificateChain = fromChain,
            HasPublicKey = hasKey,
            PublicKeyHint = hint,
            TlogEntries = entries,
            Rfc3161Timestamps = timestamps,
            MessageSignature = messageSignature,
            DsseEnvelope = envelope,
        };
        return null;
    }

    private static MessageSignature ParseMessageSignature(JsonElement message)
    {
        const string path = "messageSignature";
        var signature = ProtoJson.Bytes(message, "signature", path);
        if (signature.Length == 0)
        {
            throw new ProtoJsonException("messageSignature.signature is empty");
        }
        string algorithm = string.Empty;
        byte[] digest = [];
        if (ProtoJson.TryGet(message, "messageDigest", out var md))
        {
            algorithm = ProtoJson.OptionalString(md, "algorithm", path + ".messageDigest") ?? string.Empty;
            digest = ProtoJson.OptionalBytes(md, "digest", path + ".messageDigest") ?? [];
            if (digest.Length == 0)
            {
                // Present but empty is not absent: sigstore-python compares it and fails; so do we, never skipping the check.
                throw new ProtoJsonException($"{path}.messageDigest is given with an empty digest");
            }
        }
        return new MessageSignature(algorithm, digest, signature);
    }

    /// <summary>Parses a DSSE envelope in its JSON form (also used for legacy cosign attestation layers).</summary>
    public static DsseEnvelope ParseEnvelope(JsonElement dsse)
    {
        var signatures = ParseSignatures(dsse);
        return new DsseEnvelope
        {
            PayloadType = ProtoJson.String(dsse, "payloadType", "dsseEnvelope"),
            Payload = ProtoJson.Bytes(dsse, "payload", "dsseEnvelope"),
            Signatures = signatures,
        };
    }

    private static List<DsseSignature> ParseSignatures(JsonElement dsse)
    {
        const string path = "dsseEnvelope";
        var signatures = new List<DsseSignature>();
        foreach (var sig in ProtoJson.Array(dsse, "signatures", path))
        {
            if (signatures.Count == Limits.MaxDsseSignatures)
            {
                throw new ProtoJsonException($"the DSSE envelope has more than {Limits.MaxDsseSignatures} signatures");
            }
            var bytes = ProtoJson.Bytes(sig, "sig", path + ".signatures");
            signatures.Add(new DsseSignature(bytes, ProtoJson.OptionalString(sig, "keyid", path + ".signatures") ?? string.Empty));
        }
        return signatures;
    }

    /// <summary>
    /// The payload decoded into <paramref name="buffer"/> where its text stands, when the document was read from that
    /// buffer and the text has no JSON escapes (writers emit none in base64); otherwise decoded into a new array.
    /// </summary>
    private static ReadOnlyMemory<byte> ParsePayload(JsonElement dsse, Memory<byte> buffer)
    {
        if (!ProtoJson.TryGet(dsse, "payload", out var payload) || payload.ValueKind != JsonValueKind.String
            || !TryLocate(buffer, ProtoJson.RawUtf8String(payload), out var text) || text.Span.IndexOf((byte)'\\') >= 0)
        {
            return ProtoJson.Bytes(dsse, "payload", "dsseEnvelope");
        }
        if (!Base64Lenient.TryDecodeInPlace(text.Span, out int written))
        {
            throw new ProtoJsonException("dsseEnvelope.payload is not valid base64");
        }
        return text[..written];
    }

    /// <summary><paramref name="span"/> as a slice of <paramref name="buffer"/>, when it lies inside it.</summary>
    private static bool TryLocate(Memory<byte> buffer, ReadOnlySpan<byte> span, out Memory<byte> slice)
    {
        slice = default;
        if (buffer.IsEmpty)
        {
            return false;
        }
        long offset = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(buffer.Span), ref MemoryMarshal.GetReference(span));
        if (offset < 0 || offset + span.Length > buffer.Length)
        {
            return false;
        }
        slice = buffer.Slice((int)offset, span.Length);
        return true;
    }

    private static Failure Malformed(string message) => new(ReasonCodes.BundleMalformed, "bundle: " + message);
}
