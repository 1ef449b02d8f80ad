using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Certificates;

/// <summary>
/// §4.4: the Fulcio leaf must chain, at the verified time t, to one of the trust root's Fulcio CAs — using only
/// that CA's certificates, never a chain carried by the bundle.
/// </summary>
internal static class FulcioChainValidator
{
    /// <summary>
    /// Validates <paramref name="leaf"/> at <paramref name="time"/> against each CA whose validFor contains it;
    /// the first CA that validates wins. <paramref name="chain"/> is then [leaf, intermediates..., root].
    /// </summary>
    public static Failure? Validate(X509Certificate2 leaf, IReadOnlyList<CertificateAuthority> fulcioCas, DateTimeOffset time, out IReadOnlyList<X509Certificate2> chain)
    {
        ArgumentNullException.ThrowIfNull(fulcioCas);
        chain = [];
        if (ParsedCertificate.TryGet(leaf, out var parsedLeaf) is { } malformed)
        {
            return malformed;
        }
        // "Required EKU = codeSigning" (§4.4). Fulcio always sets the EKU; a leaf without one is refused here
        // rather than read as Go's "unrestricted".
        var ekus = parsedLeaf.ExtendedKeyUsages;
        if (ekus is null || !(ChainBuilder.Contains(ekus, X509Oids.EkuCodeSigning) || ChainBuilder.Contains(ekus, X509Oids.EkuAny)))
        {
            return new Failure(ReasonCodes.CertificateUntrustedChain,
                $"expected the signing certificate's extended key usage to include codeSigning ({X509Oids.EkuCodeSigning}), found {(ekus is null ? "no extendedKeyUsage extension" : "[" + string.Join(", ", ekus) + "]")}");
        }
        if (fulcioCas.Count == 0)
        {
            return new Failure(ReasonCodes.CertificateUntrustedChain, "expected the trusted root to hold at least one Fulcio certificate authority, found none");
        }
        var reasons = new List<string>();
        foreach (var ca in fulcioCas)
        {
            // "validFor.start ≤ t ≤ validFor.end (skip the CA otherwise)" (§4.4).
            if (!ca.Validity.Contains(time))
            {
                reasons.Add($"CA {Name(ca)} is trusted for {ca.Validity}, which does not contain {TimeText.Format(time)}");
                continue;
            }
            if (!TryParseChain(ca, out var intermediates, out var root, out var problem))
            {
                reasons.Add($"CA {Name(ca)}: {problem}");
                continue;
            }
            var failure = ChainBuilder.Build(parsedLeaf, intermediates, root, time, X509Oids.EkuCodeSigning, out var path);
            if (failure is null)
            {
                var result = new X509Certificate2[path.Count];
                for (int i = 0; i < path.Count; i++)
                {
                    result[i] = path[i].Certificate;
                }
                chain = result;
                return null;
            }
            reasons.Add($"CA {Name(ca)}: {failure}");
        }
        return new Failure(ReasonCodes.CertificateUntrustedChain,
            $"expected the signing certificate to chain to a trusted Fulcio CA at {TimeText.Format(time)}, found none that does: {string.Join("; ", reasons)}");
    }

    /// <summary>Fulcio CAs: the last certificate is the root, all the others are intermediates (§3).</summary>
    private static bool TryParseChain(CertificateAuthority ca, out List<ParsedCertificate> intermediates, [NotNullWhen(true)] out ParsedCertificate? root, out string problem)
    {
        intermediates = [];
        root = null;
        problem = string.Empty;
        for (int i = 0; i < ca.Chain.Count; i++)
        {
            if (ParsedCertificate.TryGet(ca.Chain[i], out var parsed) is { } failure)
            {
                problem = $"certificate {i} of its chain does not parse: {failure.Message}";
                return false;
            }
            if (i == ca.Chain.Count - 1)
            {
                root = parsed;
            }
            else
            {
                intermediates.Add(parsed);
            }
        }
        if (root is null)
        {
            problem = "its chain is empty";
            return false;
        }
        return true;
    }

    private static string Name(CertificateAuthority ca) => ca.Uri.Length > 0 ? ca.Uri : ca.CommonName;
}
