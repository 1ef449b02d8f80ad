using ImageGate.Sigstore;
using ImageGate.Sigstore.Certificates;
using ImageGate.Sigstore.Identity;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// §5 with cosign's legacy semantics (§8 item 11): "cosign legacy collects all SANs (DNS, email, IP, URI, otherName)
/// and passes if any one matches"; the issuer is "1.1 only" ("cosign's legacy path reads only 1.1"). Exact strings
/// compare exactly; regexes are RE2 and "unanchored (substring) matching". Required Fulcio extension values
/// (e.g. the deprecated 1.2–1.6 of <c>--certificate-github-workflow-*</c>) compare exactly.
/// </summary>
internal static class LegacyIdentity
{
    public static Failure? Check(IdentityMatcher matcher, CertificateIdentity identity, out string? matchedSan)
    {
        matchedSan = null;
        if (matcher.SubjectAlternativeName is null && matcher.SubjectAlternativeNameRegex is null)
        {
            return new Failure(ReasonCodes.PolicyInvalid, "no subject alternative name was required; keyless verification needs one");
        }
        if (matcher.Issuer is null && matcher.IssuerRegex is null)
        {
            return new Failure(ReasonCodes.PolicyInvalid, "no OIDC issuer was required; keyless verification needs one");
        }
        var sanRegex = Compile(matcher.SubjectAlternativeNameRegex, out var invalid);
        if (invalid is not null)
        {
            return invalid;
        }
        foreach (var san in identity.AllSubjectAlternativeNames)
        {
            var outcome = Matches(matcher.SubjectAlternativeName, sanRegex, san.Value);
            if (outcome == Re2MatchOutcome.TimedOut)
            {
                return new Failure(ReasonCodes.IdentityMismatch, $"matching subject alternative name \"{san.Value}\" against =~\"{matcher.SubjectAlternativeNameRegex}\" timed out");
            }
            if (outcome == Re2MatchOutcome.Match)
            {
                matchedSan = san.Value;
                break;
            }
        }
        if (matchedSan is null)
        {
            var found = identity.AllSubjectAlternativeNames.Count == 0
                ? "none"
                : string.Join(", ", identity.AllSubjectAlternativeNames.Select(s => $"\"{GoJson.Truncate(s.Value, 200)}\""));
            return new Failure(ReasonCodes.IdentityMismatch,
                $"expected a subject alternative name {Describe(matcher.SubjectAlternativeName, matcher.SubjectAlternativeNameRegex)}; the certificate has {found}");
        }

        var issuerRegex = Compile(matcher.IssuerRegex, out invalid);
        if (invalid is not null)
        {
            return invalid;
        }
        string? issuer = identity.LegacyIssuer;
        var issuerOutcome = issuer is null ? Re2MatchOutcome.NoMatch : Matches(matcher.Issuer, issuerRegex, issuer);
        if (issuerOutcome != Re2MatchOutcome.Match)
        {
            string found = issuer is null
                ? $"no issuer extension {FulcioOids.Issuer}{(identity.Issuer is { } v2 ? $" (only {FulcioOids.IssuerV2} \"{v2}\", which cosign's legacy path does not read)" : string.Empty)}"
                : $"\"{GoJson.Truncate(issuer, 200)}\" in {FulcioOids.Issuer}";
            return new Failure(ReasonCodes.IssuerMismatch,
                $"expected OIDC issuer {Describe(matcher.Issuer, matcher.IssuerRegex)}{(issuerOutcome == Re2MatchOutcome.TimedOut ? " (the match timed out)" : string.Empty)}; found {found}");
        }

        foreach (var (oid, expected) in matcher.Extensions)
        {
            identity.Extensions.TryGetValue(oid, out var value);
            if (!string.Equals(value, expected, StringComparison.Ordinal))
            {
                return new Failure(ReasonCodes.ExtensionMismatch,
                    $"expected certificate extension {oid} = \"{expected}\"; found {(value is null ? "none" : $"\"{value}\"")}");
            }
        }
        return null;
    }

    private static Re2Regex? Compile(string? pattern, out Failure? invalid)
    {
        invalid = null;
        if (pattern is null)
        {
            return null;
        }
        if (!Re2Regex.TryCreate(pattern, out var regex, out var failure))
        {
            invalid = failure;
            return null;
        }
        return regex;
    }

    /// <summary>Both criteria, when both are given, must hold (exact and regex), as in the bundle path.</summary>
    private static Re2MatchOutcome Matches(string? exact, Re2Regex? regex, string value)
    {
        if (exact is not null && !string.Equals(exact, value, StringComparison.Ordinal))
        {
            return Re2MatchOutcome.NoMatch;
        }
        return regex?.Match(value) ?? Re2MatchOutcome.Match;
    }

    private static string Describe(string? exact, string? pattern) =>
        exact is not null ? $"\"{exact}\"" : $"matching =~\"{pattern}\"";
}
