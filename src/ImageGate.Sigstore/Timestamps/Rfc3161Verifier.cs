using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.Certificates;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Timestamps;

/// <summary>
/// §4.3: an RFC 3161 signed timestamp over the bundle's signature bytes, trusted when one of the trust root's
/// timestamping authorities verifies it (sigstore-go pkg/verify/tsa.go, timestamp-authority
/// pkg/verification/verify.go). CMS, chain and EKU are checked by hand: no SignedCms, no X509Chain.
/// </summary>
internal static class Rfc3161Verifier
{
    /// <summary>
    /// Verifies <paramref name="timeStampResponseDer"/> (a TimeStampResp, or a bare TimeStampToken) over
    /// <paramref name="signedBytes"/> against each TSA in turn; the first that verifies gives
    /// <paramref name="genTime"/> and <paramref name="authority"/> (callers count each TSA once, rule 9).
    /// Structural problems are <c>tsa.invalid</c>; a token no trusted TSA vouches for is <c>tsa.untrusted</c>.
    /// </summary>
    public static Failure? Verify(
        ReadOnlySpan<byte> timeStampResponseDer,
        ReadOnlySpan<byte> signedBytes,
        IReadOnlyList<CertificateAuthority> timestampAuthorities,
        out DateTimeOffset genTime,
        out CertificateAuthority? authority)
    {
        ArgumentNullException.ThrowIfNull(timestampAuthorities);
        genTime = default;
        authority = null;

        // Rule 1: parse; status must be granted.
        var problem = TimestampToken.TryDecode(timeStampResponseDer.ToArray(), out var token);
        if (problem is not null)
        {
            return Invalid(problem);
        }
        // Rule 2: SHA-256/384/512 only; SHA-1 is refused.
        if (!SignatureAlgorithms.TryGetHash(token!.ImprintAlgorithm, out var imprintHash))
        {
            return Invalid($"expected the message imprint to use SHA-256, SHA-384 or SHA-512, found algorithm {token.ImprintAlgorithm}{(token.ImprintAlgorithm == X509Oids.Sha1 ? " (SHA-1)" : string.Empty)}");
        }
        // Rule 7: messageImprint.hashedMessage == H(signature bytes).
        var expected = SignatureAlgorithms.Hash(imprintHash, signedBytes);
        if (!CryptographicOperations.FixedTimeEquals(expected, token.HashedMessage))
        {
            return Invalid($"expected the timestamp's message imprint to be {imprintHash.Name} of the signature ({Convert.ToHexStringLower(expected)}), found {Convert.ToHexStringLower(token.HashedMessage)}");
        }
        // Rule 3, first half: the signed attributes must bind the TSTInfo (RFC 5652 §5.4 and RFC 5652 §11).
        problem = CheckContentBinding(token);
        if (problem is not null)
        {
            return Invalid(problem);
        }
        if (timestampAuthorities.Count == 0)
        {
            return new Failure(ReasonCodes.TimestampUntrusted, "expected the trusted root to hold at least one timestamping authority, found none");
        }
        var reasons = new List<string>();
        foreach (var candidate in timestampAuthorities)
        {
            problem = VerifyWithAuthority(token, candidate);
            if (problem is null)
            {
                genTime = token.GenTime;
                authority = candidate;
                return null;
            }
            reasons.Add($"TSA {(candidate.Uri.Length > 0 ? candidate.Uri : candidate.CommonName)}: {problem}");
        }
        return new Failure(ReasonCodes.TimestampUntrusted,
            $"expected a trusted timestamping authority to have signed the timestamp, found none: {string.Join("; ", reasons)}");
    }

    private static string? CheckContentBinding(TimestampToken token)
    {
        if (!SignatureAlgorithms.TryGetHash(token.DigestAlgorithm, out var digest))
        {
            return $"expected the CMS digest algorithm to be SHA-256, SHA-384 or SHA-512, found {token.DigestAlgorithm}";
        }
        if (token.SignedAttributes is null)
        {
            return null; // the signature then covers the TSTInfo itself
        }
        if (token.ContentTypeAttribute != TimestampOids.TstInfo)
        {
            return $"expected the signed contentType attribute to be TSTInfo ({TimestampOids.TstInfo}), found {token.ContentTypeAttribute ?? "none"}";
        }
        var actual = SignatureAlgorithms.Hash(digest, token.TstInfoDer);
        if (token.MessageDigestAttribute is null || !CryptographicOperations.FixedTimeEquals(actual, token.MessageDigestAttribute))
        {
            return $"expected the signed messageDigest attribute to be {digest.Name} of the TSTInfo ({Convert.ToHexStringLower(actual)}), found {(token.MessageDigestAttribute is null ? "none" : Convert.ToHexStringLower(token.MessageDigestAttribute))}";
        }
        return null;
    }

    private static string? VerifyWithAuthority(TimestampToken token, CertificateAuthority authority)
    {
        if (!TrustedTsaChain.TryCreate(authority, out var trusted, out var problem))
        {
            return problem;
        }
        var tokenCertificates = new List<ParsedCertificate>();
        foreach (var certificate in token.Certificates)
        {
            if (ParsedCertificate.TryGet(certificate, out var parsed) is { } malformed)
            {
                return $"a certificate in the token does not parse: {malformed.Message}";
            }
            tokenCertificates.Add(parsed);
        }
        // Rule 4: the signer certificate comes from the token, else it is the trusted leaf; when the trust root
        // names a leaf, the signer must be that certificate.
        var candidates = tokenCertificates.Count > 0 ? tokenCertificates : trusted.Leaf is { } leaf ? [leaf] : [];
        ParsedCertificate? signer = null;
        foreach (var candidate in candidates)
        {
            if (IsSigner(token, candidate))
            {
                signer = candidate;
                break;
            }
        }
        if (signer is null)
        {
            return tokenCertificates.Count > 0
                ? "expected the token's certificates to include the one its SignerInfo names, found none that matches"
                : trusted.Leaf is null
                    ? "expected the token to embed its signing certificate or the trust root to name the TSA's leaf, found neither"
                    : "expected the trust root's TSA certificate to be the one the token's SignerInfo names, found another";
        }
        if (trusted.Leaf is { } trustedLeaf && !trustedLeaf.Raw.Span.SequenceEqual(signer.Raw.Span))
        {
            return $"expected the timestamp to be signed by the trust root's TSA certificate {trustedLeaf.Describe()}, found {signer.Describe()}";
        }
        // Rule 3: the CMS signature verifies with the signer's key.
        var key = signer.Key;
        var signedContent = token.SignedAttributes ?? token.TstInfoDer;
        SignatureAlgorithms.TryGetHash(token.DigestAlgorithm, out var digest);
        if (key is null || !SignatureAlgorithms.VerifyCms(key, token.SignatureAlgorithm, digest, signedContent, token.Signature))
        {
            return $"expected the CMS signature ({token.SignatureAlgorithm}) to verify with the key of {signer.Describe()}, found it does not";
        }
        // Rule 6: the leaf's EKU is critical and is exactly timeStamping (RFC 3161 §2.3); not a CA (chain check).
        var ekus = signer.ExtendedKeyUsages;
        if (ekus is null || !signer.ExtendedKeyUsageCritical || ekus.Count != 1 || ekus[0] != X509Oids.EkuTimeStamping)
        {
            string found = ekus is null ? "no extendedKeyUsage" : $"{(signer.ExtendedKeyUsageCritical ? "critical" : "non-critical")} [{string.Join(", ", ekus)}]";
            return $"expected the TSA certificate's extended key usage to be critical and only timeStamping ({X509Oids.EkuTimeStamping}), found {found}";
        }
        // Rule 5: chain to the TSA root with the trusted intermediates plus the token's certificates, at genTime;
        // the EKU nests so intermediates with an EKU list must allow timeStamping.
        var intermediates = new List<ParsedCertificate>(trusted.Intermediates);
        foreach (var certificate in tokenCertificates)
        {
            if (!ReferenceEquals(certificate, signer))
            {
                intermediates.Add(certificate);
            }
        }
        problem = ChainBuilder.Build(signer, intermediates, trusted.Root, token.GenTime, X509Oids.EkuTimeStamping, out _);
        if (problem is not null)
        {
            return problem;
        }
        // Rule 8: genTime within the TSA's validFor, inclusive.
        if (!authority.Validity.Contains(token.GenTime))
        {
            return $"expected the timestamp's genTime {TimeText.Format(token.GenTime)} to be within the TSA's validity {authority.Validity}, found it outside";
        }
        return null;
    }

    /// <summary>RFC 5652 §5.3 SignerIdentifier: issuer Name and serial number, or subjectKeyIdentifier.</summary>
    private static bool IsSigner(TimestampToken token, ParsedCertificate candidate)
    {
        if (token.SignerIssuer is { } issuer)
        {
            return issuer.Span.SequenceEqual(candidate.Issuer.Span)
                && token.SignerSerial == new BigInteger(candidate.SerialNumber.Span, isUnsigned: false, isBigEndian: true);
        }
        if (token.SignerKeyIdentifier is { } ski && candidate.FindExtension(X509Oids.SubjectKeyIdentifier) is { } extension)
        {
            try
            {
                var reader = new AsnReader(extension.Value, AsnEncodingRules.DER);
                return reader.ReadOctetString().AsSpan().SequenceEqual(ski);
            }
            catch (AsnContentException)
            {
                return false;
            }
        }
        return false;
    }

    private static Failure Invalid(string problem) => new(ReasonCodes.TimestampInvalid, "RFC 3161 timestamp: " + problem);
}
