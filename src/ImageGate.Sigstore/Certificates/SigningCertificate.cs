using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Certificates;

/// <summary>
/// §4.1 step 3 for a keyless signature: the leaf chains to a trusted Fulcio CA (§4.4) at every verified time, its
/// embedded SCTs meet the SCT threshold (§4.5), and its identity is read for the policy (§5). For a cosign legacy
/// layer the chain is validated at the leaf's NotBefore and then checked for expiry at every verified time
/// (<see cref="CosignLegacyOptions.ValidatesChainAtNotBefore"/>).
/// </summary>
internal static class SigningCertificate
{
    public static Failure? Verify(
        X509Certificate2 leaf,
        ParsedCertificate parsedLeaf,
        IReadOnlyList<VerifiedTimestamp> times,
        TrustedRoot root,
        VerifierOptions options,
        out CertificateIdentity? identity)
    {
        identity = null;
        IReadOnlyList<X509Certificate2> chain = [];
        if (options.Legacy?.ValidatesChainAtNotBefore == true)
        {
            var failure = FulcioChainValidator.Validate(leaf, root.CertificateAuthorities, parsedLeaf.NotBefore, out chain)
                ?? ChainExpiry.Check(chain, times);
            if (failure is not null)
            {
                return failure;
            }
        }
        else
        {
            foreach (var time in times)
            {
                var failure = FulcioChainValidator.Validate(leaf, root.CertificateAuthorities, time.Time, out chain);
                if (failure is not null)
                {
                    return failure;
                }
            }
        }
        // The SCT's issuer_key_hash is over chain[1], the certificate that issued the leaf (§4.5 step 5).
        return EmbeddedSctVerifier.Verify(leaf, chain[1], root, options.SctThreshold)
            ?? CertificateIdentity.TryRead(leaf, out identity);
    }
}
