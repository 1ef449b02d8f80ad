namespace ImageGate.Sigstore.Identity;

/// <summary>
/// Who must have signed (cosign's --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp]):
/// exact strings compare exactly, regexes are RE2 and match unanchored as Go's MatchString does.
/// Both a SAN criterion and an issuer criterion are required. <see cref="Extensions"/> are optional exact
/// matches on Fulcio extension OIDs (1.3.6.1.4.1.57264.1.N).
/// </summary>
public sealed class IdentityMatcher
{
    public string? SubjectAlternativeName { get; init; }

    public string? SubjectAlternativeNameRegex { get; init; }

    public string? Issuer { get; init; }

    public string? IssuerRegex { get; init; }

    /// <summary>Fulcio extension OID to the exact value required.</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; init; } = new Dictionary<string, string>();

    public override string ToString()
    {
        string san = SubjectAlternativeName ?? $"=~{SubjectAlternativeNameRegex}";
        string issuer = Issuer ?? $"=~{IssuerRegex}";
        return $"identity {san} issued by {issuer}";
    }
}
