using ImageGate.Sigstore;
using ImageGate.Testing.VirtualSigstore;
using ImageGate.Verification.Discovery;
using ImageGate.Verification.Policy;
using ImageGate.Verification.Provenance;
using ImageGate.Verification.Report;
using ImageGate.Verification.Tests.Provenance;

namespace ImageGate.Verification.Tests.Pipeline;

/// <summary>
/// slsa-verifier's <c>verify-image</c> rules inside <see cref="ImageGate.Verification.Pipeline.ImageVerifier"/>
/// (docs/provenance.md §5): an attestation requirement with <see cref="AttestationRequirement.Provenance"/> meets
/// only provenance from a trusted builder at a release tag that names the expected source, branch and tag. Each rule
/// passes as signed and fails one change away; the image digest is the subject, in both storage formats.
/// </summary>
public sealed class ImageProvenanceTests : IDisposable
{
    private const string ContainerGenerator = SlsaStatements.Workflows + "generator_container_slsa3.yml";
    private const string ContainerBuildType = "https://github.com/slsa-framework/slsa-github-generator/container@v1";

    private readonly VirtualImage _image = new();

    public void Dispose() => _image.Dispose();

    public static TheoryData<StoredAs> Formats => [StoredAs.Bundle, StoredAs.Att];

    private SlsaStatements Statement => new()
    {
        SubjectSha256 = [_image.Digest.Encoded],
        BuilderId = ContainerGenerator + "@refs/tags/v2.1.0",
        BuildType = ContainerBuildType,
    };

    private static SignOptions By(string builder, string repository = "acme/widget") => new()
    {
        SubjectAlternativeName = builder,
        ExtraExtensions = [FulcioExtensions.For(3, "0123456789abcdef0123456789abcdef01234567"), FulcioExtensions.For(5, repository), FulcioExtensions.For(12, "https://github.com/" + repository)],
    };

    private DiscoveredArtifact Signed(StoredAs format, byte[] statement, string predicateType = VirtualImage.ProvenanceType, string builder = ContainerGenerator + "@refs/tags/v2.1.0") =>
        format == StoredAs.Bundle ? _image.Bundle(statement, predicateType, By(builder)) : _image.Att(statement, predicateType, By(builder));

    private static ImagePolicy PolicyExpecting(ProvenanceExpectations? expected) => VirtualImage.Policy(signature: null,
    [
        new AttestationRequirement
        {
            Name = "provenance",
            PredicateType = VirtualImage.ProvenanceType,
            Signers = new SignerSet { Identities = [KnownBuilders.AnyGitHubWorkflow] },
            Provenance = expected,
        },
    ]);

    private static ProvenanceExpectations Expect(string source = "github.com/acme/widget") => new(source);

    private static void Met(VerificationReport report)
    {
        var outcome = Assert.Single(report.Requirements);
        Assert.True(outcome.Satisfied, $"expected the provenance to be met; it failed with {outcome.Failure}");
    }

    private static void Unmet(string code, string words, VerificationReport report)
    {
        var failure = Assert.Single(report.Requirements).Failure;
        Assert.True(failure?.Code == code, $"expected {code}; got {failure?.ToString() ?? "met"}");
        Assert.Contains(words, failure!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Container_generator_provenance_of_the_source_is_met_and_records_the_builder(StoredAs format)
    {
        var report = _image.Verify(PolicyExpecting(Expect()), Signed(format, Statement.V02()));

        Met(report);
        var evidence = Assert.Single(report.Requirements).Evidence!;
        Assert.Equal(ContainerGenerator + "@refs/tags/v2.1.0", evidence.BuilderId);
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", evidence.SourceCommit);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Another_source_is_refused_and_without_the_rules_the_same_provenance_passes(StoredAs format)
    {
        var artifact = Signed(format, Statement.V02());

        Unmet(ProvenanceReasons.SourceMismatch, "expected source 'acme/gadget'; found 'acme/widget'", _image.Verify(PolicyExpecting(Expect("github.com/acme/gadget")), artifact));
        Met(_image.Verify(PolicyExpecting(null), artifact));
        Assert.Null(Assert.Single(_image.Verify(PolicyExpecting(null), artifact).Requirements).Evidence!.BuilderId);
    }

    [Fact]
    public void A_builder_outside_the_image_defaults_is_refused_unless_the_builder_id_names_it()
    {
        var generic = Statement with { BuilderId = SlsaStatements.Generic + "@refs/tags/v2.1.0", BuildType = "https://github.com/slsa-framework/slsa-github-generator/generic@v1" };
        var artifact = Signed(StoredAs.Att, generic.V02(), builder: SlsaStatements.Generic + "@refs/tags/v2.1.0");

        Unmet(ProvenanceReasons.BuilderMismatch, "untrusted reusable workflow", _image.Verify(PolicyExpecting(Expect()), artifact));
        Met(_image.Verify(PolicyExpecting(Expect() with { BuilderId = SlsaStatements.Generic }), artifact));
        Unmet(ProvenanceReasons.BuilderMismatch, "expected " + SlsaStatements.Generic + "@v2.0.0",
            _image.Verify(PolicyExpecting(Expect() with { BuilderId = SlsaStatements.Generic + "@v2.0.0" }), artifact));
    }

    [Fact]
    public void A_builder_at_a_branch_is_refused()
    {
        var artifact = Signed(StoredAs.Att, (Statement with { BuilderId = ContainerGenerator + "@refs/heads/main" }).V02(), builder: ContainerGenerator + "@refs/heads/main");

        Unmet(ProvenanceReasons.BuilderRefInvalid, "found " + ContainerGenerator + "@refs/heads/main", _image.Verify(PolicyExpecting(Expect()), artifact));
    }

    [Fact]
    public void Tag_versioned_tag_and_branch_hold_as_built_and_fail_one_step_away()
    {
        var artifact = Signed(StoredAs.Bundle, Statement.V02());

        Met(_image.Verify(PolicyExpecting(Expect() with { Tag = "v1.4.2", Branch = "main" }), artifact));
        Met(_image.Verify(PolicyExpecting(Expect() with { VersionedTag = "v1.4" }), artifact));
        Unmet(ProvenanceReasons.TagMismatch, "v1.4.3", _image.Verify(PolicyExpecting(Expect() with { Tag = "v1.4.3" }), artifact));
        Unmet(ProvenanceReasons.VersionedTagMismatch, "minor version expected '5', got '4'", _image.Verify(PolicyExpecting(Expect() with { VersionedTag = "v1.5" }), artifact));
        Unmet(ProvenanceReasons.BranchMismatch, "dev", _image.Verify(PolicyExpecting(Expect() with { Branch = "dev" }), artifact));
    }

    [Fact]
    public void A_statement_whose_builder_id_is_not_the_certificates_is_refused()
    {
        var artifact = Signed(StoredAs.Att, (Statement with { BuilderId = ContainerGenerator + "@refs/tags/v2.0.0" }).V02());

        Unmet(ProvenanceReasons.BuilderMismatch, "builderID does not match provenance", _image.Verify(PolicyExpecting(Expect()), artifact));
    }

    [Fact]
    public void With_the_rules_v1_provenance_is_routed_to_the_requirement_and_its_builder_decides()
    {
        var v1 = Statement with { BuilderId = SlsaStatements.ContainerBased + "@refs/tags/v2.1.0", BuildType = "https://slsa.dev/container-based-build/v0.1?draft" };
        var artifact = Signed(StoredAs.Bundle, v1.V1(), ProvenanceStatement.SlsaV1, SlsaStatements.ContainerBased + "@refs/tags/v2.1.0");

        Met(_image.Verify(PolicyExpecting(Expect() with { BuilderId = SlsaStatements.ContainerBased }), artifact));
        var plain = _image.Verify(PolicyExpecting(null), artifact);
        Assert.Equal("not-required", Assert.Single(plain.Artifacts).Verdict);
        Assert.Equal(PolicyReasons.RequirementMissing, Assert.Single(plain.Requirements).Failure!.Code);
    }
}
