using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.Crypto;

namespace ImageGate.Sigstore.Certificates;

/// <summary>
/// "Is certificate X signed by Y": name chaining plus the signature over the TBS with the issuer's key, the hash
/// named by the signature algorithm OID (ECDSA and RSA PKCS#1 v1.5 with SHA-256/384/512, Ed25519).
/// </summary>
internal static class CertificateSignature
{
    /// <summary>
    /// Checks that <paramref name="issuer"/>'s subject is <paramref name="child"/>'s issuer and that its key
    /// verifies <paramref name="child"/>'s signature. Null on success; <c>cert.untrusted-chain</c> otherwise.
    /// </summary>
    public static Failure? VerifyIssuedBy(X509Certificate2 child, X509Certificate2 issuer)
    {
        if (ParsedCertificate.TryGet(child, out var c) is { } f1)
        {
            return f1;
        }
        if (ParsedCertificate.TryGet(issuer, out var p) is { } f2)
        {
            return f2;
        }
        if (!c.Issuer.Span.SequenceEqual(p.Subject.Span))
        {
            return new Failure(ReasonCodes.CertificateUntrustedChain,
                $"expected {c.Describe()} to name {p.Describe()} as its issuer, found issuer \"{child.Issuer}\"");
        }
        if (!c.IsSignedBy(p))
        {
            return new Failure(ReasonCodes.CertificateUntrustedChain,
                $"expected the {c.SignatureAlgorithm} signature of {c.Describe()} to verify with the key of {p.Describe()}, found it does not");
        }
        return null;
    }

    /// <summary>Checks that <paramref name="key"/> verifies <paramref name="certificate"/>'s signature over its TBS.</summary>
    public static Failure? VerifySignedBy(X509Certificate2 certificate, VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (ParsedCertificate.TryGet(certificate, out var c) is { } failure)
        {
            return failure;
        }
        return SignatureAlgorithms.Verify(key, c.SignatureAlgorithm, c.Tbs.Span, c.Signature.Span)
            ? null
            : new Failure(ReasonCodes.CertificateUntrustedChain,
                $"expected the {c.SignatureAlgorithm} signature of {c.Describe()} to verify with the {key.Description} key, found it does not");
    }
}
