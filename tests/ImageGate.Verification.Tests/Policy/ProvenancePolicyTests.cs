using ImageGate.Sigstore;
using ImageGate.Verification.Policy;
using ImageGate.Verification.Provenance;

namespace ImageGate.Verification.Tests.Policy;

/// <summary>
/// The <c>provenance:</c> block of an ImagePolicy attestation (docs/policy.md) and <c>verify</c>'s slsa-verifier
/// flags added to a policy (<see cref="ProvenanceFlagsBinding"/>): what is accepted, what each setting changes, and
/// that every contradiction is a configuration error before anything is read.
/// </summary>
public sealed class ProvenancePolicyTests
{
    private static string Policy(string attestation) => $"""
        apiVersion: imagegate.dev/v1
        kind: ImagePolicy
        name: provenance
        attestations:
          - name: provenance
        {attestation}
        """;

    private static Failure? Read(string attestation, out ImagePolicy? policy) =>
        ImagePolicyReader.TryRead(Policy(attestation), "policy.yaml", null, out policy);

    private static void Refused(string words, string attestation)
    {
        var failure = Read(attestation, out var policy);
        Assert.True(failure?.Code == PolicyReasons.Invalid, $"expected {PolicyReasons.Invalid}; got {failure?.ToString() ?? "a policy"}");
        Assert.Contains(words, failure!.Message, StringComparison.Ordinal);
        Assert.Null(policy);
    }

    [Fact]
    public void A_block_alone_requires_slsa_provenance_from_any_github_workflow_with_every_key_read()
    {
        Assert.Null(Read("""
                provenance:
                  sourceUri: github.com/acme/widget
                  sourceBranch: main
                  sourceVersionedTag: v1.4
                  builderId: https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml
            """, out var policy));

        var requirement = Assert.Single(policy!.Attestations);
        Assert.Equal(ProvenanceStatement.SlsaV02, requirement.PredicateType);
        Assert.Equal(KnownBuilders.AnyGitHubWorkflow, Assert.Single(requirement.Signers.Identities));
        Assert.Equal(new ProvenanceExpectations("github.com/acme/widget")
        {
            Branch = "main",
            VersionedTag = "v1.4",
            BuilderId = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml",
        }, requirement.Provenance);
    }

    [Fact]
    public void A_block_keeps_the_identities_it_is_given()
    {
        Assert.Null(Read("""
                predicateType: slsaprovenance1
                identities:
                  - issuer: https://token.actions.githubusercontent.com
                    subject: https://github.com/acme/builder/.github/workflows/b.yml@refs/tags/v1.0.0
                provenance:
                  sourceTag: v1.4.2
                  sourceUri: github.com/acme/widget
            """, out var policy));

        var requirement = Assert.Single(policy!.Attestations);
        Assert.Equal(ProvenanceStatement.SlsaV1, requirement.PredicateType);
        Assert.Equal("https://github.com/acme/builder/.github/workflows/b.yml@refs/tags/v1.0.0", Assert.Single(requirement.Signers.Identities).SubjectAlternativeName);
        Assert.Equal("v1.4.2", requirement.Provenance!.Tag);
    }

    [Fact]
    public void Without_a_block_an_attestation_has_no_provenance_rules_and_still_needs_its_type_and_signers()
    {
        Refused("predicateType is required", "    identities: []");
        Refused("must name either identities (keyless) or keys", "    predicateType: slsaprovenance");
    }

    [Theory]
    [InlineData("      sourceBranch: main", "sourceUri is required")]
    [InlineData("      sourceUri: ''", "sourceUri is empty")]
    [InlineData("      sourceUri: github.com/a/b\n      sourceBranch: ''", "sourceBranch is empty")]
    [InlineData("      sourceUri: github.com/a/b\n      sourceTag: v1.0.0\n      sourceVersionedTag: v1", "sourceTag and sourceVersionedTag were both given")]
    [InlineData("      sourceUri: github.com/a/b\n      sourceVersionedTag: one", "sourceVersionedTag \"one\" is not a semantic version")]
    [InlineData("      sourceUri: github.com/a/b\n      builderId: a@b@c", "builderId \"a@b@c\" is not a builder id")]
    [InlineData("      sourceUri: github.com/a/b\n      sourceRef: main", "sourceRef")]
    public void A_malformed_block_is_refused(string block, string words) => Refused(words, "    provenance:\n" + block);

    [Fact]
    public void A_block_on_another_predicate_type_or_with_keys_is_refused()
    {
        Refused("expected predicateType slsaprovenance or slsaprovenance1; found \"cyclonedx\"", """
                predicateType: cyclonedx
                provenance:
                  sourceUri: github.com/a/b
            """);
        Refused("not keys", """
                keys: [cosign.pub]
                provenance:
                  sourceUri: github.com/a/b
            """);
    }

    // verify's --source flags.

    private static ImagePolicy PmgPreset()
    {
        Assert.Null(Presets.TryGet("pmg-exporter", out var preset));
        return preset!;
    }

    [Fact]
    public void The_preset_checks_its_provenance_source_and_flags_add_a_versioned_tag_to_it()
    {
        var preset = PmgPreset();
        Assert.Equal("github.com/natrontech/pmg-exporter", preset.Attestations.Single(a => a.Name == "provenance").Provenance?.SourceUri);

        Assert.Null(ProvenanceFlagsBinding.TryApply(preset, new ProvenanceExpectations("github.com/natrontech/pmg-exporter") { VersionedTag = "v0.2" }, out var bound));

        var provenance = bound.Attestations.Single(a => a.Name == "provenance");
        Assert.Equal(new ProvenanceExpectations("github.com/natrontech/pmg-exporter") { VersionedTag = "v0.2" }, provenance.Provenance);
        Assert.Equal(preset.Attestations.Count, bound.Attestations.Count);
        Assert.NotEqual(preset.Digest, bound.Digest);
    }

    [Fact]
    public void A_flag_that_contradicts_the_policys_block_is_refused()
    {
        var failure = ProvenanceFlagsBinding.TryApply(PmgPreset(), new ProvenanceExpectations("github.com/acme/fork"), out _);
        Assert.Equal(PolicyReasons.Invalid, failure?.Code);
        Assert.Contains("--source-uri \"github.com/acme/fork\" contradicts the provenance block of the policy's \"provenance\" requirement, which says \"github.com/natrontech/pmg-exporter\"", failure!.Message, StringComparison.Ordinal);

        Assert.Null(ProvenanceFlagsBinding.TryApply(PmgPreset(), new ProvenanceExpectations("github.com/natrontech/pmg-exporter") { Tag = "v0.2.2" }, out var tagged));
        var both = ProvenanceFlagsBinding.TryApply(tagged, new ProvenanceExpectations("github.com/natrontech/pmg-exporter") { VersionedTag = "v0.2" }, out _);
        Assert.Contains("were both given", both?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_without_slsa_provenance_gains_a_requirement_signed_by_a_trusted_builder()
    {
        Assert.Null(ImagePolicyReader.TryRead("""
            apiVersion: imagegate.dev/v1
            kind: ImagePolicy
            name: signature-only
            signature:
              identities:
                - issuer: https://token.actions.githubusercontent.com
                  subject: https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.4.2
            """, "p.yaml", null, out var policy));

        Assert.Null(ProvenanceFlagsBinding.TryApply(policy!, new ProvenanceExpectations("github.com/acme/widget"), out var bound));

        Assert.NotNull(bound.Signature);
        var added = Assert.Single(bound.Attestations);
        Assert.Equal(ProvenanceFlagsBinding.RequirementName, added.Name);
        Assert.Equal(KnownBuilders.AnyGitHubWorkflow, Assert.Single(added.Signers.Identities));
        Assert.Equal("github.com/acme/widget", added.Provenance!.SourceUri);
    }
}
