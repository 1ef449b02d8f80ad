namespace ImageGate.Sigstore.Certificates;

/// <summary>
/// RFC 5280 path building and validation by hand (X509Chain loads the whole system store cold: 50+ ms), with
/// Go crypto/x509 semantics as sigstore-go uses them: only the given intermediates and root are candidates,
/// every certificate must be valid at the verification time (inclusive), issuers must be CAs allowed to sign
/// certificates within their path length, unknown critical extensions fail, and
/// the EKU nests: a certificate with an EKU list must allow the wanted purpose or anyExtendedKeyUsage.
/// </summary>
internal static class ChainBuilder
{
    /// <summary>
    /// Extensions whose meaning we process or which impose nothing on path validation (Go's x509 treats the same
    /// set as handled). Name constraints, policy constraints and inhibitAnyPolicy are not processed, so a
    /// critical one fails, as RFC 5280 §4.2 requires of an implementation that does not recognise it.
    /// </summary>
    /// <summary>
    /// At most this many partial paths are explored: a TSA token may carry certificates that all name and sign
    /// each other, and enumerating every simple path through them would never end.
    /// </summary>
    private const int MaxPathsExplored = 64;

    private static readonly string[] HandledExtensions =
    [
        X509Oids.SubjectAlternativeName,
        X509Oids.KeyUsage,
        X509Oids.BasicConstraints,
        X509Oids.ExtendedKeyUsage,
        X509Oids.SubjectKeyIdentifier,
        X509Oids.AuthorityKeyIdentifier,
        X509Oids.CertificatePolicies,
        X509Oids.CrlDistributionPoints,
        X509Oids.AuthorityInfoAccess,
    ];

    /// <summary>
    /// Builds a path leaf → intermediates → root and validates it at <paramref name="time"/>. Returns null and
    /// the path on success, otherwise a sentence saying what was expected and what was found.
    /// </summary>
    public static string? Build(
        ParsedCertificate leaf,
        IReadOnlyList<ParsedCertificate> intermediates,
        ParsedCertificate root,
        DateTimeOffset time,
        string requiredEku,
        out List<ParsedCertificate> chain)
    {
        chain = [];
        var candidates = new List<ParsedCertificate> { root };
        foreach (var intermediate in intermediates)
        {
            if (!ContainsSame(candidates, intermediate))
            {
                candidates.Add(intermediate);
            }
        }
        var paths = new List<List<ParsedCertificate>>();
        var reasons = new List<string>();
        int budget = MaxPathsExplored;
        Extend([leaf], root, candidates, paths, reasons, ref budget);
        if (paths.Count == 0)
        {
            string why = reasons.Count > 0 ? string.Join("; ", reasons) : $"no candidate has the subject named by the issuer of {leaf.Describe()}";
            return $"expected a path from the certificate to the root {root.Describe()}, found none: {why}";
        }
        string? first = null;
        foreach (var path in paths)
        {
            var problem = Validate(path, time, requiredEku);
            if (problem is null)
            {
                chain = path;
                return null;
            }
            first ??= problem;
        }
        return first;
    }

    private static void Extend(
        List<ParsedCertificate> path,
        ParsedCertificate root,
        List<ParsedCertificate> candidates,
        List<List<ParsedCertificate>> paths,
        List<string> reasons,
        ref int budget)
    {
        if (--budget < 0)
        {
            if (budget == -1)
            {
                AddOnce(reasons, $"gave up after exploring {MaxPathsExplored} partial paths");
            }
            return;
        }
        if (path.Count >= Limits.MaxCertificatesInChain)
        {
            AddOnce(reasons, $"the path is longer than {Limits.MaxCertificatesInChain} certificates");
            return;
        }
        var current = path[^1];
        foreach (var candidate in candidates)
        {
            if (ContainsSame(path, candidate) || !candidate.Subject.Span.SequenceEqual(current.Issuer.Span))
            {
                continue;
            }
            // Name chaining alone proves nothing: the parent's key must verify the child's signature.
            if (!current.IsSignedBy(candidate))
            {
                AddOnce(reasons, $"{current.Describe()} names {candidate.Describe()} as issuer but its signature ({current.SignatureAlgorithm}) does not verify with that certificate's key");
                continue;
            }
            var next = new List<ParsedCertificate>(path) { candidate };
            if (ReferenceEquals(candidate, root))
            {
                paths.Add(next);
            }
            else
            {
                Extend(next, root, candidates, paths, reasons, ref budget);
            }
        }
    }

    private static string? Validate(List<ParsedCertificate> path, DateTimeOffset time, string requiredEku)
    {
        for (int i = 0; i < path.Count; i++)
        {
            var cert = path[i];
            // "every cert satisfies NotBefore ≤ t ≤ NotAfter" (§4.4), the hybrid model of the Sigstore client spec.
            if (!cert.ValidAt(time))
            {
                return $"expected {cert.Describe()} to be valid at {TimeText.Format(time)}, found it valid from {TimeText.Format(cert.NotBefore)} to {TimeText.Format(cert.NotAfter)}";
            }
            // "unknown critical extensions → fail, except SAN" (§4.4).
            foreach (var extension in cert.Extensions)
            {
                if (extension.Critical && Array.IndexOf(HandledExtensions, extension.Oid) < 0)
                {
                    return $"expected no unhandled critical extension, found critical {extension.Oid} in {cert.Describe()}";
                }
            }
            if (i == 0)
            {
                if (cert.IsCa)
                {
                    return $"expected the end-entity certificate not to be a CA, found basicConstraints cA=true in {cert.Describe()}";
                }
                continue;
            }
            if (!cert.HasBasicConstraints || !cert.IsCa)
            {
                return $"expected issuer {cert.Describe()} to be a CA (basicConstraints cA=true), found {(cert.HasBasicConstraints ? "cA=false" : "no basicConstraints")}";
            }
            if (!cert.AllowsKeyCertSign)
            {
                return $"expected issuer {cert.Describe()} to have keyUsage keyCertSign, found a keyUsage without it";
            }
            // Go: the number of intermediates below a CA may not exceed its pathLenConstraint.
            int below = i - 1;
            if (cert.PathLength is int max && below > max)
            {
                return $"expected at most {max} intermediate(s) below {cert.Describe()} (pathLenConstraint), found {below}";
            }
        }
        // The root is a trust anchor from the trust root: its own signature proves nothing and is not verified
        // (RFC 5280 §6.1, Go's crypto/x509 as sigstore-go uses it); what it signed is.
        // Go-style EKU nesting, root to leaf: an EKU list that lacks both the purpose and anyExtendedKeyUsage
        // forbids the purpose for everything below it.
        for (int i = path.Count - 1; i >= 0; i--)
        {
            var ekus = path[i].ExtendedKeyUsages;
            if (ekus is null || Contains(ekus, X509Oids.EkuAny) || Contains(ekus, requiredEku))
            {
                continue;
            }
            return $"expected the extended key usage of {path[i].Describe()} to allow {requiredEku}, found [{string.Join(", ", ekus)}]";
        }
        return null;
    }

    private static void AddOnce(List<string> reasons, string reason)
    {
        if (!reasons.Contains(reason))
        {
            reasons.Add(reason);
        }
    }

    internal static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var item in list)
        {
            if (item == value)
            {
                return true;
            }
        }
        return false;
    }

    private static bool ContainsSame(List<ParsedCertificate> list, ParsedCertificate cert)
    {
        foreach (var item in list)
        {
            if (ReferenceEquals(item, cert) || item.Raw.Span.SequenceEqual(cert.Raw.Span))
            {
                return true;
            }
        }
        return false;
    }
}
