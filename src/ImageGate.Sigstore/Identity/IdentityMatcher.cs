using ImageGate.Re2;
namespace ImageGate.Sigstore.Identity;

/// <summary>
/// Who must have signed (cosign's --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp]):
/// exact strings compare exactly, regexes are RE2 and match unanchored as Go's MatchString does.
/// Both a SAN criterion and an issuer criterion are required. <see cref="Extensions"/> are optional exact
/// matches on Fulcio extension OIDs (1.3.6.1.4.1.57264.1.N).
/// </summary>
public sealed record IdentityMatcher
{
    public string? SubjectAlternativeName { get; init; }

    public string? SubjectAlternativeNameRegex { get; init; }

    public string? Issuer { get; init; }

    public string? IssuerRegex { get; init; }

    /// <summary>Fulcio extension OID to the exact value required.</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Why this matcher cannot be used, or null. A blank criterion is refused rather than read as absent: an empty
    /// regex matches every signer, so <c>--certificate-identity-regexp ''</c> would otherwise accept anyone. Exactly
    /// one SAN criterion and one issuer criterion; both forms at once is contradictory, not stricter.
    /// </summary>
    public Failure? Validate()
    {
        var failure = Criterion("subject alternative name (identity)", SubjectAlternativeName, SubjectAlternativeNameRegex)
            ?? Criterion("OIDC issuer", Issuer, IssuerRegex);
        if (failure is not null)
        {
            return failure;
        }
        foreach (var (oid, value) in Extensions)
        {
            if (!oid.StartsWith(FulcioOidPrefix, StringComparison.Ordinal) || oid.Length == FulcioOidPrefix.Length
                || oid.AsSpan(FulcioOidPrefix.Length).ContainsAnyExcept("0123456789."))
            {
                return Invalid($"expected a Fulcio extension OID {FulcioOidPrefix}N; found \"{oid}\"");
            }
            if (string.IsNullOrWhiteSpace(value))
            {
                return Invalid($"the required value of certificate extension {oid} is empty; give the exact value or leave the extension out");
            }
        }
        return null;
    }

    private const string FulcioOidPrefix = "1.3.6.1.4.1.57264.1.";

    private static Failure? Criterion(string what, string? exact, string? pattern)
    {
        if (exact is null && pattern is null)
        {
            return Invalid($"no {what} was required; keyless verification needs one (exact or regexp)");
        }
        if (exact is not null && pattern is not null)
        {
            return Invalid($"both an exact {what} and a {what} regexp were given; give exactly one");
        }
        if (string.IsNullOrWhiteSpace(exact ?? pattern))
        {
            return Invalid(exact is not null
                ? $"the required {what} is empty; an empty value names no signer"
                : $"the {what} regexp is empty; an empty pattern matches every signer");
        }
        if (pattern is not null && !Re2Regex.TryCreate(pattern, Limits.RegexTimeout, out _, out var invalid))
        {
            return new Failure(ReasonCodes.RegexInvalid, invalid);
        }
        return null;
    }

    private static Failure Invalid(string message) => new(ReasonCodes.IdentityInvalid, message);

    public override string ToString()
    {
        string san = SubjectAlternativeName ?? $"=~{SubjectAlternativeNameRegex}";
        string issuer = Issuer ?? $"=~{IssuerRegex}";
        return $"identity {san} issued by {issuer}";
    }
}
