using ImageGate.Re2;
using ImageGate.Sigstore.Certificates;

namespace ImageGate.Sigstore.Identity;

/// <summary>
/// §5: the signer's SAN, then its issuer, then any required Fulcio extension values. Exact strings compare
/// exactly; regexes are RE2 and unanchored (users anchor with ^...$). A regex that times out fails closed.
/// </summary>
internal static class IdentityVerifier
{
    /// <summary>Passes when any matcher accepts the identity; otherwise reports the first matcher's mismatch.</summary>
    public static Failure? CheckAny(IReadOnlyList<IdentityMatcher> matchers, CertificateIdentity identity)
    {
        Failure? first = null;
        foreach (var matcher in matchers)
        {
            var failure = Check(matcher, identity);
            if (failure is null)
            {
                return null;
            }
            first ??= failure;
        }
        return first is null || matchers.Count == 1
            ? first
            : first with { Message = $"{first.Message} (and {matchers.Count - 1} other accepted identit{(matchers.Count == 2 ? "y" : "ies")} did not match)" };
    }

    public static Failure? Check(IdentityMatcher matcher, CertificateIdentity identity)
    {
        var failure = Match("subject alternative name", matcher.SubjectAlternativeName, matcher.SubjectAlternativeNameRegex,
            identity.SubjectAlternativeName, ReasonCodes.IdentityMismatch);
        if (failure is not null)
        {
            return failure;
        }
        failure = Match("OIDC issuer", matcher.Issuer, matcher.IssuerRegex, identity.Issuer, ReasonCodes.IssuerMismatch);
        if (failure is not null)
        {
            return failure;
        }
        foreach (var (oid, expected) in matcher.Extensions)
        {
            identity.Extensions.TryGetValue(oid, out var found);
            if (found != expected)
            {
                return new Failure(ReasonCodes.ExtensionMismatch,
                    $"expected certificate extension {FulcioOids.NameOf(oid)} ({oid}) = \"{expected}\"; found {(found is null ? "none" : $"\"{found}\"")}");
            }
        }
        return null;
    }

    private static Failure? Match(string what, string? exact, string? pattern, string? found, string code)
    {
        if (exact is null && pattern is null)
        {
            return new Failure(ReasonCodes.IdentityInvalid, $"no {what} was required; keyless verification needs one");
        }
        string shown = found is null ? "none" : $"\"{found}\"";
        if (found is null)
        {
            return new Failure(code, $"expected {what} {Describe(exact, pattern)}; the certificate has none");
        }
        if (exact is not null && !string.Equals(exact, found, StringComparison.Ordinal))
        {
            return new Failure(code, $"expected {what} \"{exact}\"; found {shown}");
        }
        if (pattern is not null)
        {
            if (!Re2Regex.TryCreate(pattern, Limits.RegexTimeout, out var regex, out var invalid))
            {
                return new Failure(ReasonCodes.IdentityInvalid, invalid);
            }
            switch (regex.Match(found))
            {
                case Re2MatchOutcome.Match:
                    break;
                case Re2MatchOutcome.TimedOut:
                    return new Failure(code, $"matching {what} {shown} against =~\"{pattern}\" timed out");
                default:
                    return new Failure(code, $"expected {what} matching =~\"{pattern}\"; found {shown}");
            }
        }
        return null;
    }

    private static string Describe(string? exact, string? pattern) => exact is not null ? $"\"{exact}\"" : $"matching =~\"{pattern}\"";
}
