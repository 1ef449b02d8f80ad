using ImageGate.Sigstore.Identity;

namespace ImageGate.Verification.Provenance;

/// <summary>
/// The SLSA GitHub builders, their reusable workflows and the build types each writes (docs/provenance.md §1):
/// slsa-verifier knows a builder's provenance only by this table, so a statement of another build type is refused
/// even from a trusted builder. Delegated (BYOB) builders are not supported here.
/// </summary>
public static class KnownBuilders
{
    public const string GitHubActionsIssuer = "https://token.actions.githubusercontent.com";
    public const string GitHubPrefix = "https://github.com/";

    private const string Workflows = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/";

    public const string GenericGenerator = Workflows + "generator_generic_slsa3.yml";
    public const string ContainerGenerator = Workflows + "generator_container_slsa3.yml";
    public const string GoBuilder = Workflows + "builder_go_slsa3.yml";
    public const string ContainerBasedBuilder = Workflows + "builder_container-based_slsa3.yml";
    public const string BcrReleaser = "https://github.com/bazel-contrib/.github/.github/workflows/release_ruleset.yaml";
    public const string BcrPublisher = "https://github.com/bazel-contrib/publish-to-bcr/.github/workflows/publish.yaml";

    /// <summary>GitHub's own build type (artifact attestations), whose trigger is <c>externalParameters.workflow</c>.</summary>
    public const string GitHubActionsWorkflowV1 = "https://actions.github.io/buildtypes/workflow/v1";

    /// <summary>
    /// The certificate signer the provenance rules start from: any GitHub Actions workflow. Which workflow is trusted
    /// is then <see cref="BuilderRule"/>'s decision, with slsa-verifier's messages, not a bare identity mismatch.
    /// </summary>
    public static IdentityMatcher AnyGitHubWorkflow { get; } = new()
    {
        SubjectAlternativeNameRegex = "^https://github\\.com/",
        Issuer = GitHubActionsIssuer,
    };

    /// <summary>What <c>verify-artifact</c> trusts without <c>--builder-id</c>.</summary>
    public static IReadOnlySet<string> ArtifactDefaults { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        GenericGenerator, GoBuilder, ContainerBasedBuilder,
    };

    /// <summary>What an image's provenance is trusted from without <c>--builder-id</c>.</summary>
    public static IReadOnlySet<string> ImageDefaults { get; } = new HashSet<string>(StringComparer.Ordinal) { ContainerGenerator };

    private static readonly Dictionary<string, (string PredicateType, string[] BuildTypes)[]> BuildTypes = new(StringComparer.Ordinal)
    {
        [GenericGenerator] = [(ProvenanceStatement.SlsaV02, ["https://github.com/slsa-framework/slsa-github-generator/generic@v1"])],
        [ContainerGenerator] = [(ProvenanceStatement.SlsaV02, ["https://github.com/slsa-framework/slsa-github-generator/container@v1"])],
        [GoBuilder] = [(ProvenanceStatement.SlsaV02,
        [
            "https://github.com/slsa-framework/slsa-github-generator/go@v1",
            "https://github.com/slsa-framework/slsa-github-generator@v1",
            "https://github.com/slsa-framework/slsa-github-generator-go@v1",
        ])],
        [ContainerBasedBuilder] = [(ProvenanceStatement.SlsaV1, ["https://slsa.dev/container-based-build/v0.1?draft"])],
        [BcrReleaser] = [(ProvenanceStatement.SlsaV1, [GitHubActionsWorkflowV1])],
        [BcrPublisher] = [(ProvenanceStatement.SlsaV1, [GitHubActionsWorkflowV1])],
    };

    /// <summary>Whether any provenance format is known for the builder workflow <paramref name="name"/>.</summary>
    public static bool IsKnown(string name) => BuildTypes.ContainsKey(name);

    /// <summary>Whether <paramref name="name"/> writes <paramref name="buildType"/> under <paramref name="predicateType"/>.</summary>
    public static bool Writes(string name, string predicateType, string? buildType) =>
        BuildTypes.TryGetValue(name, out var formats)
        && formats.Any(f => f.PredicateType == predicateType && buildType is not null && f.BuildTypes.Contains(buildType, StringComparer.Ordinal));
}
