using System.Text.Json.Nodes;
using ImageGate.Cue;

namespace ImageGate.Cue.Tests;

/// <summary>
/// pmg-exporter's own policy.cue and policy-sbom.cue, unchanged, against statements in the shape its release
/// produces, and a tampered copy for every field the policies constrain.
/// </summary>
public sealed class PmgExporterPolicyTests
{
    private const string Folder = "pmg-exporter";
    private static readonly CuePolicy Provenance = CueFixtures.Policy(Folder, "policy.cue");
    private static readonly CuePolicy Sbom = CueFixtures.Policy(Folder, "policy-sbom.cue");
    private static readonly JsonNode ProvenanceStatement = JsonNode.Parse(CueFixtures.Text(Folder, "provenance.statement.json"))!;
    private static readonly JsonNode SbomStatement = JsonNode.Parse(CueFixtures.Text(Folder, "sbom.statement.json"))!;

    [Fact]
    public void Release_provenance_satisfies_policy_cue() =>
        Assert.Equal(CueVerdict.Satisfied, CueFixtures.Evaluate(Provenance, ProvenanceStatement).Verdict);

    [Fact]
    public void Release_sbom_satisfies_policy_sbom_cue() =>
        Assert.Equal(CueVerdict.Satisfied, CueFixtures.Evaluate(Sbom, SbomStatement).Verdict);

    [Fact]
    public void Provenance_does_not_satisfy_the_sbom_policy()
    {
        var result = CueFixtures.Evaluate(Sbom, ProvenanceStatement);
        Assert.Equal(CueVerdict.Violated, result.Verdict);
        Assert.Equal(
            "predicateType: conflicting values \"https://cyclonedx.org/bom\" and \"https://slsa.dev/provenance/v0.2\"",
            Assert.Single(result.Violations).ToString());
    }

    [Fact]
    public void Sbom_does_not_satisfy_the_provenance_policy() =>
        Assert.Equal(CueVerdict.Violated, CueFixtures.Evaluate(Provenance, SbomStatement).Verdict);

    [Fact]
    public void Evil_source_repository_is_reported_with_path_and_both_sides()
    {
        var tampered = CueFixtures.With(ProvenanceStatement, "predicate.invocation.configSource.uri", "git+https://github.com/evil/x@refs/tags/v1");
        var result = CueFixtures.Evaluate(Provenance, tampered);
        Assert.Equal(CueVerdict.Violated, result.Verdict);
        Assert.Equal(
            "predicate.invocation.configSource.uri: \"git+https://github.com/evil/x@refs/tags/v1\" does not match "
            + "=~\"^git\\\\+https://github.com/natrontech/pmg-exporter@refs/tags/v[0-9]+.[0-9]+.[0-9]+(-rc.[0-9]+)?$\"",
            Assert.Single(result.Violations).ToString());
    }

    public static TheoryData<string, string, string> TamperedProvenance => new()
    {
        { "predicateType", "https://slsa.dev/provenance/v1", "predicateType: conflicting values" },
        { "predicateType", "https://cyclonedx.org/bom", "predicateType: conflicting values" },
        { "predicate.builder.id", "https://github.com/evil/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v2.1.0", "predicate.builder.id:" },
        { "predicate.builder.id", "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0", "predicate.builder.id:" },
        { "predicate.builder.id", "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/heads/main", "predicate.builder.id:" },
        { "predicate.builder.id", "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v2.1.0-rc.1", "predicate.builder.id:" },
        { "predicate.builder.id", "xhttps://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v2.1.0", "predicate.builder.id:" },
        { "predicate.invocation.configSource.entryPoint", ".github/workflows/ci.yml", "predicate.invocation.configSource.entryPoint: conflicting values \".github/workflows/release.yml\" and \".github/workflows/ci.yml\"" },
        { "predicate.invocation.configSource.entryPoint", ".github/workflows/release.yml ", "entryPoint: conflicting values" },
        { "predicate.invocation.configSource.uri", "git+https://github.com/natrontech/pmg-exporter@refs/heads/main", "configSource.uri:" },
        { "predicate.invocation.configSource.uri", "git+https://github.com/natrontech/pmg-exporter-fork@refs/tags/v0.2.2", "configSource.uri:" },
        { "predicate.invocation.configSource.uri", "git+https://github.com/natrontech/pmg-exporter@refs/tags/v0.2.2\n", "configSource.uri:" },
        { "predicate.invocation.configSource.uri", "https://github.com/natrontech/pmg-exporter@refs/tags/v0.2.2", "configSource.uri:" },
        { "predicate.invocation.configSource.uri", "git+https://github.com/natrontech/pmg-exporter@refs/tags/v0.2.2.git", "configSource.uri:" },
    };

    [Theory]
    [MemberData(nameof(TamperedProvenance))]
    public void Tampered_provenance_field_is_violated(string path, string value, string expected)
    {
        var result = CueFixtures.Evaluate(Provenance, CueFixtures.With(ProvenanceStatement, path, value));
        Assert.Equal(CueVerdict.Violated, result.Verdict);
        Assert.Contains(expected, string.Join("\n", result.Violations), StringComparison.Ordinal);
    }

    public static TheoryData<string, JsonNode?> TamperedTypes => new()
    {
        { "predicate.builder.id", JsonValue.Create(2) },
        { "predicate.builder", JsonValue.Create("flat") },
        { "predicate.invocation.configSource", new JsonArray() },
        { "predicate.invocation.configSource.uri", null },
        { "predicate", JsonValue.Create(true) },
    };

    [Theory]
    [MemberData(nameof(TamperedTypes))]
    public void Provenance_field_of_wrong_type_is_violated(string path, JsonNode? value) =>
        Assert.Equal(CueVerdict.Violated, CueFixtures.Evaluate(Provenance, CueFixtures.With(ProvenanceStatement, path, value?.DeepClone())).Verdict);

    [Theory]
    [InlineData("git+https://github.com/natrontech/pmg-exporter@refs/tags/v0.2.2-rc.1")]
    [InlineData("git+https://github.com/natrontech/pmg-exporter@refs/tags/v10.20.30")]
    public void Release_candidate_and_multi_digit_tags_are_accepted(string uri) =>
        Assert.Equal(CueVerdict.Satisfied,
            CueFixtures.Evaluate(Provenance, CueFixtures.With(ProvenanceStatement, "predicate.invocation.configSource.uri", uri)).Verdict);

    [Fact]
    public void Unconstrained_fields_may_change()
    {
        var changed = CueFixtures.With(ProvenanceStatement, "predicate.buildType", "anything");
        changed = CueFixtures.With(changed, "predicate.invocation.configSource.digest", new JsonObject { ["sha1"] = "0" });
        changed = CueFixtures.With(changed, "subject", new JsonArray());
        Assert.Equal(CueVerdict.Satisfied, CueFixtures.Evaluate(Provenance, changed).Verdict);
    }

    [Fact]
    public void Absent_predicate_type_passes_even_when_concrete_because_the_policy_supplies_it()
    {
        // CUE semantics: `predicateType: "..."` makes the field concrete on its own. The gate checks the predicate
        // type outside CUE (ImagePolicy predicateType), which is why this gap is harmless there.
        var stripped = CueFixtures.Without(ProvenanceStatement, "predicateType");
        Assert.Equal(CueVerdict.Satisfied, CueFixtures.Evaluate(Provenance, stripped).Verdict);
        var strict = Provenance.Evaluate(System.Text.Encoding.UTF8.GetBytes(stripped.ToJsonString()),
            new CueEvaluationOptions { RequireConcrete = true }, TestContext.Current.CancellationToken);
        Assert.Equal(CueVerdict.Satisfied, strict.Verdict);
    }

    [Theory]
    [InlineData("predicate.builder.id")]
    [InlineData("predicate.invocation.configSource.uri")]
    public void Absent_constrained_field_passes_as_in_cosign_but_not_when_concrete(string path)
    {
        // cosign validates with cue.Final() only: a constraint on an absent field is incomplete, not an error.
        var stripped = CueFixtures.Without(ProvenanceStatement, path);
        Assert.Equal(CueVerdict.Satisfied, CueFixtures.Evaluate(Provenance, stripped).Verdict);
        var strict = Provenance.Evaluate(System.Text.Encoding.UTF8.GetBytes(stripped.ToJsonString()),
            new CueEvaluationOptions { RequireConcrete = true }, TestContext.Current.CancellationToken);
        Assert.Equal(CueVerdict.Violated, strict.Verdict);
        Assert.Contains(path, strict.Violations[0].Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://cyclonedx.org/bom/v1.6")]
    [InlineData("https://spdx.dev/Document")]
    [InlineData("https://sigstore.dev/cosign/sign/v1")]
    public void Tampered_sbom_predicate_type_is_violated(string predicateType)
    {
        var result = CueFixtures.Evaluate(Sbom, CueFixtures.With(SbomStatement, "predicateType", predicateType));
        Assert.Equal(CueVerdict.Violated, result.Verdict);
        Assert.Equal("predicateType", Assert.Single(result.Violations).Path);
    }

    [Fact]
    public void Sbom_content_is_unconstrained_by_the_current_policy() =>
        Assert.Equal(CueVerdict.Satisfied, CueFixtures.Evaluate(Sbom, CueFixtures.With(SbomStatement, "predicate", new JsonObject())).Verdict);

    [Fact]
    public void Historical_sbom_policy_checks_the_root_component_bom_ref()
    {
        var policy = CueFixtures.Policy(Folder, "policy-sbom-e842fe5.cue");
        var ok = CueFixtures.With(SbomStatement, "predicate.metadata.component.bom-ref",
            "pkg:oci/ghcr.io/natrontech/pmg-exporter@sha256:3f1c1d0e9a7b5c2d4e6f8a0b1c3d5e7f9a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d");
        Assert.Equal(CueVerdict.Satisfied, CueFixtures.Evaluate(policy, ok).Verdict);
        var result = CueFixtures.Evaluate(policy, SbomStatement);
        Assert.Equal(CueVerdict.Violated, result.Verdict);
        Assert.StartsWith("predicate.metadata.component.\"bom-ref\": \"4a3c5e7f9b1d2e4f\" does not match", result.Violations[0].ToString(), StringComparison.Ordinal);
        var otherImage = CueFixtures.With(SbomStatement, "predicate.metadata.component.bom-ref",
            "pkg:oci/ghcr.io/natrontech/pbs-exporter@sha256:3f1c1d0e9a7b5c2d4e6f8a0b1c3d5e7f9a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d");
        Assert.Equal(CueVerdict.Violated, CueFixtures.Evaluate(policy, otherImage).Verdict);
    }

    [Fact]
    public void Both_policies_compiled_together_apply_both()
    {
        // One package: the two files unify, so no statement can have both predicate types.
        var both = CueFixtures.Policy(Folder, "policy.cue", "policy-sbom.cue");
        Assert.Equal(CueVerdict.Violated, CueFixtures.Evaluate(both, ProvenanceStatement).Verdict);
    }
}
