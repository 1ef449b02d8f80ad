using ImageGate.Sigstore;

namespace ImageGate.Verification.Provenance;

/// <summary>
/// Who built it (docs/provenance.md §1). The certificate must come from GitHub Actions and name a trusted builder
/// workflow: one of the defaults, or with <c>--builder-id</c> that workflow (without <c>@</c>: any version; with
/// <c>@REF</c>: that ref, <c>@vX.Y.Z</c> also meaning <c>@refs/tags/vX.Y.Z</c>). The ref must be a release tag
/// <c>refs/tags/vX.Y.Z</c>. The statement's own builder id must then be exactly the certificate's workflow and ref.
/// </summary>
public static class BuilderRule
{
    /// <summary>The builder the certificate proves, as <c>workflow@ref</c>, or why it is not trusted.</summary>
    public static Failure? CheckCertificate(WorkflowIdentity identity, string? expectedBuilderId, IReadOnlySet<string> defaults, out string? builderId)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(defaults);
        builderId = null;
        if (identity.Issuer != KnownBuilders.GitHubActionsIssuer)
        {
            return new Failure(ProvenanceReasons.IssuerInvalid, $"invalid OIDC issuer: expected {KnownBuilders.GitHubActionsIssuer}; found \"{identity.Issuer}\"");
        }
        string found = $"{identity.Workflow}@{identity.WorkflowRef}";
        if (expectedBuilderId is null)
        {
            if (!defaults.Contains(identity.Workflow))
            {
                return new Failure(ProvenanceReasons.BuilderMismatch, $"untrusted reusable workflow: expected one of {string.Join(", ", defaults.Order(StringComparer.Ordinal))} (or give --builder-id); found {found}");
            }
        }
        else
        {
            if (ParseBuilderId(expectedBuilderId) is not { } parsed || !parsed.Name.StartsWith(KnownBuilders.GitHubPrefix, StringComparison.Ordinal))
            {
                return new Failure(ProvenanceReasons.BuilderMismatch, $"no verifier supports the builder \"{expectedBuilderId}\": expected a GitHub workflow https://github.com/OWNER/REPO/PATH[@REF]");
            }
            var (name, version) = parsed;
            bool versionMatches = version is null || version == identity.WorkflowRef || "refs/tags/" + version == identity.WorkflowRef;
            if (name != identity.Workflow || !versionMatches)
            {
                return new Failure(ProvenanceReasons.BuilderMismatch, $"untrusted reusable workflow: builderID does not match provenance: expected {expectedBuilderId}; found {found}");
            }
        }
        if (GitRefs.NameOf(identity.WorkflowRef, GitRefs.TagsType) is not { } tag || !IsReleaseTag(tag))
        {
            return new Failure(ProvenanceReasons.BuilderRefInvalid, $"invalid ref: expected the builder at a release tag refs/tags/vX.Y.Z; found {found}");
        }
        builderId = found;
        return null;
    }

    /// <summary>The statement must be a format the builder writes, and name exactly the certificate's builder.</summary>
    public static Failure? CheckStatement(ProvenanceStatement statement, string builderId)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(builderId);
        string workflow = builderId[..builderId.LastIndexOf('@')];
        if (!KnownBuilders.IsKnown(workflow))
        {
            return new Failure(ProvenanceReasons.BuilderMismatch, $"builderID is invalid: no provenance format is known for builder {workflow}");
        }
        if (!KnownBuilders.Writes(workflow, statement.PredicateType, statement.BuildType))
        {
            return new Failure(ProvenanceReasons.Malformed, $"buildType is invalid: builder {workflow} does not write {statement.PredicateType} provenance of buildType {ProvenanceStatement.Quoted(statement.BuildType)}");
        }
        if (statement.BuilderId != builderId)
        {
            return new Failure(ProvenanceReasons.BuilderMismatch, $"builderID does not match provenance: expected {builderId} (the signing certificate's); found {ProvenanceStatement.Quoted(statement.BuilderId)} in the statement");
        }
        return null;
    }

    /// <summary>
    /// <c>NAME</c> or <c>NAME@REF</c>; null for any other shape (two <c>@</c>, an empty ref). The CLI refuses such an
    /// id before anything is read.
    /// </summary>
    public static (string Name, string? Version)? ParseBuilderId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parts = id.Split('@');
        return parts.Length switch
        {
            1 when parts[0].Length > 0 => (parts[0], null),
            2 when parts[0].Length > 0 && parts[1].Length > 0 => (parts[0], parts[1]),
            _ => null,
        };
    }

    /// <summary><c>vX.Y.Z</c>: a valid semantic version of three numbers, no prerelease, no build.</summary>
    private static bool IsReleaseTag(string tag) =>
        GoSemver.IsValid(tag) && tag.Split('.').Length == 3 && GoSemver.Prerelease(tag).Length == 0 && GoSemver.Build(tag).Length == 0;
}
