namespace ImageGate.Verification.Provenance;

/// <summary>
/// What the provenance must say, slsa-verifier's flags: <c>--source-uri</c> (required), and when given
/// <c>--source-branch</c>, <c>--source-tag</c> or <c>--source-versioned-tag</c> (not both tag forms),
/// <c>--builder-id</c>. Null means "not checked". The same five are an ImagePolicy's <c>provenance:</c> block.
/// </summary>
public sealed record ProvenanceExpectations(string SourceUri)
{
    public string? Branch { get; init; }

    public string? Tag { get; init; }

    public string? VersionedTag { get; init; }

    public string? BuilderId { get; init; }

    /// <summary>
    /// Contradictory or malformed expectations, refused before anything is read: null when usable. Names are the
    /// command-line flags, or with <paramref name="policyKeys"/> the policy block's keys.
    /// </summary>
    public string? Validate(bool policyKeys = false)
    {
        string Name(string flag, string key) => policyKeys ? key : flag;
        if (SourceUri.Length == 0)
        {
            return $"{Name("--source-uri", "sourceUri")} is empty: expected the source repository, e.g. github.com/OWNER/REPO";
        }
        foreach (var (value, flag, key) in new[] { (Branch, "--source-branch", "sourceBranch"), (Tag, "--source-tag", "sourceTag"), (VersionedTag, "--source-versioned-tag", "sourceVersionedTag"), (BuilderId, "--builder-id", "builderId") })
        {
            if (value is { Length: 0 })
            {
                return $"{Name(flag, key)} is empty; give a value or leave it out";
            }
        }
        if (Tag is not null && VersionedTag is not null)
        {
            return $"{Name("--source-tag", "sourceTag")} and {Name("--source-versioned-tag", "sourceVersionedTag")} were both given; give one (an exact tag, or a semantic version to match)";
        }
        if (VersionedTag is { } version && !VersionedTagRule.IsValidExpectation(version))
        {
            return $"{Name("--source-versioned-tag", "sourceVersionedTag")} \"{version}\" is not a semantic version: expected vMAJOR, vMAJOR.MINOR or vMAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]";
        }
        if (BuilderId is { } builder && BuilderRule.ParseBuilderId(builder) is null)
        {
            return $"{Name("--builder-id", "builderId")} \"{builder}\" is not a builder id: expected NAME or NAME@REF, one '@' and a non-empty ref";
        }
        return null;
    }

    /// <summary>A stable text of every field, for the policy digest; an absent field differs from every value.</summary>
    public string Canonical() => string.Join('\0', "provenance", SourceUri, Field(Branch), Field(Tag), Field(VersionedTag), Field(BuilderId));

    private static string Field(string? value) => value is null ? "\u0001" : "=" + value;
}
