using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Certificates;
using ImageGate.Sigstore.Identity;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// §4.7 step 3, in its order: "chain validated against trust-root CAs at cert.NotBefore (not at integratedTime)";
/// "identity check (§5, legacy semantics)"; "embedded SCT required (§4.5)". The chain annotation is ignored:
/// "Intermediates = the CA's other certs only" (§4.4).
/// </summary>
internal static class LegacyCertificate
{
    public static Failure? Check(
        X509Certificate2 leaf,
        TrustedRoot root,
        IdentityMatcher matcher,
        out IReadOnlyList<X509Certificate2> chain,
        out CertificateIdentity? identity,
        out string? matchedSan)
    {
        identity = null;
        matchedSan = null;
        var notBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var failure = FulcioChainValidator.Validate(leaf, root.CertificateAuthorities, notBefore, out chain);
        if (failure is not null)
        {
            return failure;
        }
        failure = CertificateIdentity.TryRead(leaf, out identity);
        if (failure is not null)
        {
            return failure;
        }
        failure = LegacyIdentity.Check(matcher, identity!, out matchedSan);
        if (failure is not null)
        {
            return failure;
        }
        // The SCT's issuer_key_hash is over chain[1], the certificate that issued the leaf (§4.5 step 5).
        return EmbeddedSctVerifier.Verify(leaf, chain[1], root);
    }
}
