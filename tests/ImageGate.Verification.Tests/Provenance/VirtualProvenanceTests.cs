using System.Text;
using ImageGate.Sigstore;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Testing.VirtualSigstore;
using ImageGate.Verification.Provenance;

namespace ImageGate.Verification.Tests.Provenance;

/// <summary>
/// Provenance signed by a virtual Sigstore as a SLSA GitHub builder would sign it, one rule broken at a time
/// (docs/provenance.md §1 to §4): each rule has its positive and its tampered negative, with the reason code and
/// slsa-verifier's words. The default is generic-generator v0.2 provenance of acme/widget's tag v1.4.2, pushed
/// from main, signed by generator_generic_slsa3.yml@refs/tags/v2.1.0.
/// </summary>
public sealed class VirtualProvenanceTests : IDisposable
{
    private const string Source = "github.com/acme/widget";
    private static readonly string Artifact = ArtifactProvenanceVerifier.Sha256Hex("widget-linux-amd64"u8);
    private static readonly string Other = ArtifactProvenanceVerifier.Sha256Hex("gadget-linux-amd64"u8);

    private readonly VirtualSigstore _sigstore = new(name: "slsa");
    private readonly TrustedRoot _root;

    public VirtualProvenanceTests()
    {
        Assert.Null(TrustedRootParser.TryParse(_sigstore.TrustedRootJson(), out var root));
        _root = root!;
    }

    public void Dispose() => _sigstore.Dispose();

    private static SlsaStatements Statement => new() { SubjectSha256 = [Artifact] };

    /// <summary>One bundle line: the statement signed by <paramref name="san"/>, a certificate for <paramref name="repository"/>.</summary>
    private byte[] Sign(byte[] statement, string san = SlsaStatements.Generic + "@refs/tags/v2.1.0", string repository = "acme/widget",
        string issuer = VirtualSigstore.DefaultIssuer) =>
        _sigstore.SignDsse(statement, new SignOptions
        {
            SubjectAlternativeName = san,
            Issuer = issuer,
            ExtraExtensions = [FulcioExtensions.For(5, repository), FulcioExtensions.For(12, "https://github.com/" + repository)],
        }).ToBytes();

    private Failure? Verify(byte[] file, ProvenanceExpectations expected, params string[] artifacts) =>
        Verify(file, expected, out _, artifacts);

    private Failure? Verify(byte[] file, ProvenanceExpectations expected, out IReadOnlyList<VerifiedArtifact> verified, params string[] artifacts) =>
        new ArtifactProvenanceVerifier(_root, _sigstore.Clock).Verify(file, artifacts.Length == 0 ? [Artifact] : artifacts, expected, out verified,
            TestContext.Current.CancellationToken);

    private static void Fails(string code, string words, Failure? failure)
    {
        Assert.True(failure?.Code == code, $"expected {code}; got {failure?.ToString() ?? "PASS"}");
        Assert.Contains(words, failure!.Message, StringComparison.Ordinal);
    }

    private static ProvenanceExpectations Expect(string source = Source) => new(source);

    [Fact]
    public void Generic_generator_provenance_passes_with_every_flag_it_meets()
    {
        var failure = Verify(Sign(Statement.V02()), Expect() with
        {
            Branch = "main", Tag = "v1.4.2", BuilderId = SlsaStatements.Generic + "@v2.1.0",
        }, out var verified);
        Assert.Null(failure);
        Assert.Equal(SlsaStatements.Generic + "@refs/tags/v2.1.0", Assert.Single(verified).BuilderId);
    }

    // Source.

    [Fact]
    public void Another_source_fails_against_the_certificate()
    {
        Assert.Null(Verify(Sign(Statement.V02()), Expect("git+https://github.com/acme/widget")));
        Fails(ProvenanceReasons.SourceMismatch, "expected source 'acme/gadget'; found 'acme/widget'", Verify(Sign(Statement.V02()), Expect("github.com/acme/gadget")));
    }

    [Fact]
    public void A_statement_whose_source_is_not_the_certificates_fails()
    {
        var forged = Statement with { Repository = "acme/gadget" };
        Fails(ProvenanceReasons.SourceMismatch, "found trigger \"git+https://github.com/acme/gadget@refs/tags/v1.4.2\"", Verify(Sign(forged.V02()), Expect()));
        var material = Statement with { MaterialRepository = "acme/gadget" };
        Fails(ProvenanceReasons.SourceMismatch, "found material", Verify(Sign(material.V02()), Expect()));
    }

    // Branch.

    [Fact]
    public void Another_branch_fails()
    {
        var branchBuild = Statement with { Ref = "refs/heads/release", EventName = "workflow_dispatch", PushBaseRef = null };
        Assert.Null(Verify(Sign(branchBuild.V02()), Expect() with { Branch = "release" }));
        Fails(ProvenanceReasons.BranchMismatch, "expected branch 'main', got 'release'", Verify(Sign(branchBuild.V02()), Expect() with { Branch = "main" }));
    }

    [Fact]
    public void A_tag_build_has_the_branch_it_was_pushed_from_and_none_without_one()
    {
        Assert.Null(Verify(Sign(Statement.V02()), Expect() with { Branch = "main" }));
        var detached = Statement with { PushBaseRef = null };
        Fails(ProvenanceReasons.BranchMismatch, "found no branch", Verify(Sign(detached.V02()), Expect() with { Branch = "main" }));
    }

    // Tag.

    [Fact]
    public void Another_tag_fails()
    {
        Assert.Null(Verify(Sign(Statement.V02()), Expect() with { Tag = "v1.4.2" }));
        Fails(ProvenanceReasons.TagMismatch, "expected tag 'v1.4.3', got 'v1.4.2'", Verify(Sign(Statement.V02()), Expect() with { Tag = "v1.4.3" }));
    }

    [Fact]
    public void A_branch_build_has_no_tag()
    {
        var branchBuild = Statement with { Ref = "refs/heads/main", EventName = "workflow_dispatch" };
        Fails(ProvenanceReasons.TagMismatch, "no tag", Verify(Sign(branchBuild.V02()), Expect() with { Tag = "v1.4.2" }));
    }

    // Versioned tag.

    [Theory]
    [InlineData("v1", null)]
    [InlineData("v1.4", null)]
    [InlineData("v1.4.2", null)]
    [InlineData("v1.5", "minor version expected '5', got '4'")]
    [InlineData("v2", "major version expected 'v2', got 'v1'")]
    [InlineData("v1.4.3", "patch version expected '3', got '2'")]
    public void A_versioned_tag_matches_major_then_minor_then_patch(string expected, string? words)
    {
        var failure = Verify(Sign(Statement.V02()), Expect() with { VersionedTag = expected });
        if (words is null)
        {
            Assert.Null(failure);
        }
        else
        {
            Fails(ProvenanceReasons.VersionedTagMismatch, words, failure);
        }
    }

    // Builder.

    [Fact]
    public void Another_builder_id_fails()
    {
        Assert.Null(Verify(Sign(Statement.V02()), Expect() with { BuilderId = SlsaStatements.Generic }));
        Fails(ProvenanceReasons.BuilderMismatch, "builderID does not match provenance",
            Verify(Sign(Statement.V02()), Expect() with { BuilderId = SlsaStatements.Workflows + "builder_go_slsa3.yml" }));
        Fails(ProvenanceReasons.BuilderMismatch, "builderID does not match provenance",
            Verify(Sign(Statement.V02()), Expect() with { BuilderId = SlsaStatements.Generic + "@v2.0.0" }));
    }

    [Fact]
    public void An_untrusted_workflow_fails_and_is_trusted_only_when_named()
    {
        string own = "https://github.com/acme/widget/.github/workflows/release.yml";
        var statement = Statement with { BuilderId = own + "@refs/tags/v1.0.0" };
        Fails(ProvenanceReasons.BuilderMismatch, "untrusted reusable workflow", Verify(Sign(statement.V02(), san: own + "@refs/tags/v1.0.0"), Expect()));
        // Named, it is matched, but no provenance format is known for it.
        Fails(ProvenanceReasons.BuilderMismatch, "no provenance format is known", Verify(Sign(statement.V02(), san: own + "@refs/tags/v1.0.0"), Expect() with { BuilderId = own }));
    }

    [Theory]
    [InlineData("@refs/heads/main")]
    [InlineData("@refs/tags/v2.1.0-rc.1")]
    [InlineData("@refs/tags/v2.1")]
    [InlineData("@0123456789abcdef0123456789abcdef01234567")]
    public void A_trusted_builder_at_anything_but_a_release_tag_fails(string reference)
    {
        var statement = Statement with { BuilderId = SlsaStatements.Generic + reference };
        var line = Sign(statement.V02(), san: SlsaStatements.Generic + reference);
        Fails(ProvenanceReasons.BuilderRefInvalid, "invalid ref", Verify(line, Expect()));
        Fails(ProvenanceReasons.BuilderRefInvalid, "invalid ref", Verify(line, Expect() with { BuilderId = SlsaStatements.Generic + reference }));
    }

    [Fact]
    public void A_statement_naming_another_builder_than_its_certificate_fails()
    {
        var statement = Statement with { BuilderId = SlsaStatements.Generic + "@refs/tags/v2.0.0" };
        Fails(ProvenanceReasons.BuilderMismatch, "the signing certificate's", Verify(Sign(statement.V02()), Expect()));
    }

    [Fact]
    public void A_build_type_the_builder_does_not_write_fails()
    {
        var statement = Statement with { BuildType = "https://github.com/slsa-framework/slsa-github-generator/container@v1" };
        Fails(ProvenanceReasons.Malformed, "buildType is invalid", Verify(Sign(statement.V02()), Expect()));
    }

    [Fact]
    public void A_certificate_from_another_issuer_fails()
    {
        var failure = Verify(Sign(Statement.V02(), issuer: "https://accounts.google.com"), Expect());
        Assert.Equal(ReasonCodes.IssuerMismatch, failure?.Code);
    }

    // Artifact hash.

    [Fact]
    public void An_artifact_the_statement_does_not_name_fails_with_the_artifact_hash()
    {
        Fails(ProvenanceReasons.ArtifactHashMismatch, "artifact hash does not match provenance subject", Verify(Sign(Statement.V02()), Expect(), Other));
        Fails(ProvenanceReasons.ArtifactHashMismatch, "artifact hash does not match provenance subject", Verify(Sign(Statement.V02()), Expect(), Artifact, Other));
    }

    [Fact]
    public void Several_artifacts_pass_from_one_statement_or_from_one_line_each()
    {
        var both = Statement with { SubjectSha256 = [Artifact, Other] };
        Assert.Null(Verify(Sign(both.V02()), Expect(), Artifact, Other));
        var file = Concat(Sign(Statement.V02()), "\n\n"u8.ToArray(), Sign((Statement with { SubjectSha256 = [Other] }).V02()), "\n"u8.ToArray());
        Assert.Null(Verify(file, Expect(), out var verified, Artifact, Other));
        Assert.Equal([Artifact, Other], verified.Select(v => v.Sha256));
    }

    [Fact]
    public void A_line_that_names_the_artifact_but_fails_a_rule_is_the_verdict()
    {
        var file = Concat(Sign((Statement with { SubjectSha256 = [Other] }).V02()), "\n"u8.ToArray(), Sign(Statement.V02()));
        Fails(ProvenanceReasons.TagMismatch, "expected tag 'v9'", Verify(file, Expect() with { Tag = "v9" }));
    }

    // The provenance file.

    [Fact]
    public void A_bare_dsse_envelope_line_cannot_be_verified_offline()
    {
        var envelope = _sigstore.SignDsse(Statement.V02()).DsseEnvelope!.ToJsonString();
        Fails(ProvenanceReasons.Unverifiable, "bare DSSE envelope", Verify(Encoding.UTF8.GetBytes(envelope + "\n"), Expect()));
    }

    [Fact]
    public void An_empty_file_holds_no_provenance()
    {
        Fails(ProvenanceReasons.Malformed, "no line", Verify("\n \n"u8.ToArray(), Expect()));
    }

    // SLSA v1.0.

    [Fact]
    public void Container_based_builder_v1_provenance_passes_and_fails_as_v02_does()
    {
        var v1 = Statement with
        {
            BuilderId = SlsaStatements.ContainerBased + "@refs/tags/v2.1.0",
            BuildType = "https://slsa.dev/container-based-build/v0.1?draft",
        };
        var line = Sign(v1.V1(), san: SlsaStatements.ContainerBased + "@refs/tags/v2.1.0");
        Assert.Null(Verify(line, Expect() with { Branch = "main", VersionedTag = "v1.4", BuilderId = SlsaStatements.ContainerBased }, out var verified));
        Assert.Contains("https://slsa.dev/provenance/v1", Encoding.UTF8.GetString(Assert.Single(verified).Statement.Span), StringComparison.Ordinal);
        Fails(ProvenanceReasons.TagMismatch, "expected tag 'v1.4.3', got 'v1.4.2'", Verify(line, Expect() with { Tag = "v1.4.3" }));
        Fails(ProvenanceReasons.SourceMismatch, "acme/gadget", Verify(line, Expect("github.com/acme/gadget")));
        // The generic generator writes v0.2 only.
        var generic = v1 with { BuilderId = SlsaStatements.Generic + "@refs/tags/v2.1.0" };
        Fails(ProvenanceReasons.Malformed, "buildType is invalid", Verify(Sign(generic.V1()), Expect()));
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
