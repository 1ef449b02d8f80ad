using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Certificates;

/// <summary>
/// §4.5: the leaf's embedded SCTs (RFC 6962 §3.3), each verified against a trusted CT log over the
/// reconstructed precertificate entry. Threshold: SCTs verified by at least that many distinct CT logs of the
/// trust root; a second SCT from a log already counted adds nothing (one log vouching twice is still one witness).
/// </summary>
internal static class EmbeddedSctVerifier
{
    /// <summary>
    /// Verifies the SCTs embedded in <paramref name="leaf"/>; <paramref name="issuer"/> is the certificate that
    /// issued it (chain[1] from <see cref="FulcioChainValidator"/>); <paramref name="threshold"/> is how many
    /// distinct trusted CT logs must have verified SCTs (policy <c>thresholds.sct</c>).
    /// </summary>
    public static Failure? Verify(X509Certificate2 leaf, X509Certificate2 issuer, TrustedRoot root, int threshold)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        if (ParsedCertificate.TryGet(leaf, out var parsedLeaf) is { } f1)
        {
            return f1;
        }
        if (ParsedCertificate.TryGet(issuer, out var parsedIssuer) is { } f2)
        {
            return f2;
        }
        // Step 1: extension 1.3.6.1.4.1.11129.2.4.2, whose extnValue is an OCTET STRING wrapping the TLS list.
        if (parsedLeaf.FindExtension(X509Oids.SctList) is not { } extension)
        {
            return new Failure(ReasonCodes.SctMissing,
                $"expected the signing certificate to embed signed certificate timestamps (extension {X509Oids.SctList}), found none");
        }
        byte[] list;
        try
        {
            var reader = new AsnReader(extension.Value, AsnEncodingRules.DER);
            list = reader.ReadOctetString();
            reader.ThrowIfNotEmpty();
        }
        catch (AsnContentException e)
        {
            return new Failure(ReasonCodes.SctInvalid, $"expected the SCT extension to hold an OCTET STRING, found: {e.Message}");
        }
        var problem = SignedCertificateTimestamp.TryParseList(list, out var scts);
        if (problem is not null)
        {
            return new Failure(ReasonCodes.SctInvalid, $"the embedded SCT list is malformed: {problem}");
        }
        if (scts.Count == 0)
        {
            return new Failure(ReasonCodes.SctMissing, "expected at least one embedded SCT, found an empty SCT list");
        }

        // Step 4: the precertificate TBS; step 5: issuer_key_hash = SHA-256(issuer SPKI).
        byte[] precertTbs;
        try
        {
            precertTbs = PrecertificateTbs.Rebuild(parsedLeaf.Tbs);
        }
        catch (AsnContentException e)
        {
            return new Failure(ReasonCodes.SctInvalid, $"expected a DER TBS certificate to rebuild the precertificate from, found: {e.Message}");
        }
        catch (ArgumentException e)
        {
            // AsnWriter.WriteEncodedValue refuses a TBS field that is not a single DER value.
            return new Failure(ReasonCodes.SctInvalid, $"expected a DER TBS certificate to rebuild the precertificate from, found: {e.Message}");
        }
        var issuerKeyHash = SHA256.HashData(parsedIssuer.SubjectPublicKeyInfo.Span);

        var verifiedLogs = new List<byte[]>();
        var reasons = new List<string>();
        foreach (var sct in scts)
        {
            string logHex = Convert.ToHexStringLower(sct.LogId);
            // Step 3: unknown log → skip; SCT time outside the CT key's validFor → skip.
            var log = root.FindCtLog(sct.LogId);
            if (log is null)
            {
                reasons.Add($"SCT from log {logHex} skipped: the trusted root has no such CT log");
                continue;
            }
            if (log.Key is null)
            {
                reasons.Add($"SCT from log {logHex} skipped: the trusted root's key for it ({log.KeyDetails}) is not supported");
                continue;
            }
            if (sct.Timestamp > (ulong)DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                || !log.Validity.Contains(DateTimeOffset.FromUnixTimeMilliseconds((long)sct.Timestamp)))
            {
                reasons.Add($"SCT from log {logHex} skipped: its time {sct.Timestamp} ms is outside the log key's validity {log.Validity}");
                continue;
            }
            if (sct.Version != 0)
            {
                reasons.Add($"SCT from log {logHex} skipped: expected version v1 (0), found {sct.Version}");
                continue;
            }
            if (!VerifySignature(sct, log.Key, issuerKeyHash, precertTbs, out var why))
            {
                reasons.Add($"SCT from log {logHex} does not verify: {why}");
                continue;
            }
            if (verifiedLogs.Exists(id => id.AsSpan().SequenceEqual(sct.LogId)))
            {
                reasons.Add($"SCT from log {logHex} verifies but does not count again: that log is counted already");
                continue;
            }
            verifiedLogs.Add(sct.LogId);
        }
        if (verifiedLogs.Count >= threshold)
        {
            return null;
        }
        return new Failure(ReasonCodes.SctInvalid,
            $"expected SCTs verified by at least {threshold} distinct trusted CT log(s), found {verifiedLogs.Count} among {scts.Count} SCT(s){(reasons.Count > 0 ? ": " + string.Join("; ", reasons) : string.Empty)}");
    }

    /// <summary>
    /// Step 6, RFC 6962 §3.2 digitally-signed CertificateTimestamp:
    /// <c>0x00 v1 | 0x00 certificate_timestamp | uint64 timestamp | uint16 1 precert_entry | issuer_key_hash[32]
    /// | uint24 len(TBS) | TBS | uint16 len(ext) | ext</c>.
    /// </summary>
    private static bool VerifySignature(SignedCertificateTimestamp sct, VerificationKey key, byte[] issuerKeyHash, byte[] tbs, out string why)
    {
        if (tbs.Length > 0xFFFFFF)
        {
            why = "the TBS is longer than a uint24 length allows";
            return false;
        }
        var input = new byte[2 + 8 + 2 + 32 + 3 + tbs.Length + 2 + sct.Extensions.Length];
        var span = input.AsSpan();
        span[0] = 0; // sct_version v1
        span[1] = 0; // signature_type certificate_timestamp
        BinaryPrimitives.WriteUInt64BigEndian(span[2..], sct.Timestamp);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], 1); // entry_type precert_entry
        issuerKeyHash.CopyTo(span[12..]);
        span[44] = (byte)(tbs.Length >> 16);
        span[45] = (byte)(tbs.Length >> 8);
        span[46] = (byte)tbs.Length;
        tbs.CopyTo(span[47..]);
        int at = 47 + tbs.Length;
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)sct.Extensions.Length);
        sct.Extensions.CopyTo(span[(at + 2)..]);

        // RFC 5246 §7.4.1.4.1: hash 4 = sha256, 5 = sha384, 6 = sha512; signature 1 = rsa, 3 = ecdsa;
        // RFC 8422: 8/7 = intrinsic ed25519.
        HashAlgorithmName hash = sct.HashAlgorithm switch
        {
            4 => HashAlgorithmName.SHA256,
            5 => HashAlgorithmName.SHA384,
            6 => HashAlgorithmName.SHA512,
            8 => HashAlgorithmName.SHA512,
            _ => default,
        };
        bool keyMatches = sct.SignatureAlgorithm switch
        {
            1 => key is RsaKey && sct.HashAlgorithm != 8,
            3 => key is EcdsaKey && sct.HashAlgorithm != 8,
            7 => key is Ed25519Key && sct.HashAlgorithm == 8,
            _ => false,
        };
        if (hash == default || !keyMatches)
        {
            why = $"expected a signature algorithm matching the log's {key.Description} key, found hash {sct.HashAlgorithm} / signature {sct.SignatureAlgorithm}";
            return false;
        }
        if (!key.VerifyData(input, sct.Signature, hash))
        {
            why = $"expected the signature to verify with the log's {key.Description} key, found it does not";
            return false;
        }
        why = string.Empty;
        return true;
    }
}
