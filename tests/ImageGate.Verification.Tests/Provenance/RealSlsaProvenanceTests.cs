using ImageGate.Sigstore.TrustRoot;
using ImageGate.Verification.Provenance;

namespace ImageGate.Verification.Tests.Provenance;

/// <summary>
/// The real SLSA generic-generator v2.1.0 provenance of <c>binary-linux-amd64</c> (tests/fixtures/slsa-generic-artifact,
/// from slsa-framework/slsa-verifier aaf98fd, Apache-2.0), verified against the production trust root. Each row is a
/// combination of flags with the verdict slsa-verifier's rules give it (docs/provenance.md §1 to §4): the
/// <c>workflow_dispatch</c> file was built from branch main (no tag); the <c>push-v14.2</c> file from tag v14.2,
/// pushed from main. Null: PASS; otherwise the reason code of the failure.
/// </summary>
public sealed class RealSlsaProvenanceTests
{
    private const string Dispatch = "binary-linux-amd64-workflow_dispatch.intoto.jsonl";
    private const string Push = "binary-linux-amd64-push-v14.2.intoto.jsonl";
    private const string Source = "github.com/slsa-framework/example-package";
    private const string Generic = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml";
    private const string Workflows = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/";

    private const string SourceMismatch = ProvenanceReasons.SourceMismatch;
    private const string BranchMismatch = ProvenanceReasons.BranchMismatch;
    private const string TagMismatch = ProvenanceReasons.TagMismatch;
    private const string Versioned = ProvenanceReasons.VersionedTagMismatch;
    private const string Builder = ProvenanceReasons.BuilderMismatch;

    private static readonly TrustedRoot Production = LoadRoot();

    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);

    private static TrustedRoot LoadRoot()
    {
        Assert.Null(TrustedRootParser.TryParse(File.ReadAllBytes(Fixture("trusted-roots", "production.trusted_root.json")), out var root));
        return root!;
    }

    private static readonly string ArtifactSha256 = ArtifactProvenanceVerifier.Sha256Hex(File.ReadAllBytes(Fixture("slsa-generic-artifact", "binary-linux-amd64")));

    private static string? Verify(string file, ProvenanceExpectations expected, string? artifactSha256 = null)
    {
        var failure = new ArtifactProvenanceVerifier(Production).Verify(File.ReadAllBytes(Fixture("slsa-generic-artifact", file)),
            [artifactSha256 ?? ArtifactSha256], expected, out var verified, TestContext.Current.CancellationToken);
        if (failure is null)
        {
            Assert.Equal(Generic + "@refs/tags/v2.1.0", Assert.Single(verified).BuilderId);
        }
        return failure?.Code;
    }

    public static TheoryData<string, string, string?, string?, string?, string?, string?> Table() => new()
    {
        // file, --source-uri, --source-branch, --source-tag, --source-versioned-tag, --builder-id, expected failure
        { Dispatch, Source, null, null, null, null, null },
        { Push, Source, null, null, null, null, null },
        { Dispatch, "git+https://github.com/slsa-framework/example-package", null, null, null, null, null },
        { Push, "git+https://github.com/slsa-framework/example-package", null, null, null, null, null },
        // Source: exact, never a prefix; https:// is not one of slsa-verifier's accepted spellings.
        { Push, "github.com/slsa-framework/example-packag", null, null, null, null, SourceMismatch },
        { Push, "github.com/slsa-framework/example-package-2", null, null, null, null, SourceMismatch },
        { Dispatch, "github.com/slsa-framework/example", null, null, null, null, SourceMismatch },
        { Dispatch, "github.com/laurentsimon/example-package", null, null, null, null, SourceMismatch },
        { Dispatch, "github.com/slsa-framework/example-package/", null, null, null, null, SourceMismatch },
        { Dispatch, "github.com/Slsa-Framework/example-package", null, null, null, null, SourceMismatch },
        { Dispatch, "https://github.com/slsa-framework/example-package", null, null, null, null, SourceMismatch },
        { Dispatch, "gitlab.com/slsa-framework/example-package", null, null, null, null, SourceMismatch },
        // Branch: refs/heads/B; a tag pushed from main has branch main (the push event's base_ref).
        { Dispatch, Source, "main", null, null, null, null },
        { Push, Source, "main", null, null, null, null },
        { Dispatch, Source, "master", null, null, null, BranchMismatch },
        { Push, Source, "release", null, null, null, BranchMismatch },
        { Dispatch, Source, "refs/heads/main", null, null, null, BranchMismatch },
        // Tag: exactly refs/tags/T; a branch build has no tag.
        { Push, Source, null, "v14.2", null, null, null },
        { Push, Source, null, "v14", null, null, TagMismatch },
        { Push, Source, null, "v14.2.0", null, null, TagMismatch },
        { Push, Source, null, "refs/tags/v14.2", null, null, TagMismatch },
        { Dispatch, Source, null, "v14.2", null, null, TagMismatch },
        // Versioned tag: major, then minor and patch when given; v14.2 is v14.2.0.
        { Push, Source, null, null, "v14", null, null },
        { Push, Source, null, null, "v14.2", null, null },
        { Push, Source, null, null, "v14.2.0", null, null },
        { Push, Source, null, null, "v14.2.0+build7", null, null },
        // slsa-verifier cuts the version at dots before it drops the build, so a dotted build stays in the patch.
        { Push, Source, null, null, "v14.2.0+build.7", null, Versioned },
        { Push, Source, null, null, "v14.1", null, Versioned },
        { Push, Source, null, null, "v14.3", null, Versioned },
        { Push, Source, null, null, "v14.1.1", null, Versioned },
        { Push, Source, null, null, "v14.2.1", null, Versioned },
        { Push, Source, null, null, "v14.2.0-rc.1", null, Versioned },
        { Push, Source, null, null, "v15", null, Versioned },
        { Push, Source, null, null, "v13", null, Versioned },
        { Push, Source, null, null, "v0", null, Versioned },
        { Dispatch, Source, null, null, "v14", null, Versioned },
        // Builder id: the workflow at any version, or at exactly that ref (vX.Y.Z standing for refs/tags/vX.Y.Z).
        { Dispatch, Source, null, null, null, Generic, null },
        { Push, Source, null, null, null, Generic + "@refs/tags/v2.1.0", null },
        { Push, Source, null, null, null, Generic + "@v2.1.0", null },
        { Dispatch, Source, null, null, null, Generic + "@v2.0.0", Builder },
        { Dispatch, Source, null, null, null, Generic + "@refs/heads/main", Builder },
        { Dispatch, Source, null, null, null, Workflows + "builder_go_slsa3.yml", Builder },
        { Dispatch, Source, null, null, null, Workflows + "generator_container_slsa3.yml", Builder },
        { Dispatch, Source, null, null, null, Workflows + "not-trusted.yml", Builder },
        { Dispatch, Source, null, null, null, "https://cloudbuild.googleapis.com/GoogleHostedWorker", Builder },
        // Combinations: every rule must hold; the first to fail (in slsa-verifier's order) is the verdict.
        { Push, Source, "main", "v14.2", null, Generic, null },
        { Push, Source, "main", null, "v14", Generic + "@v2.1.0", null },
        { Push, Source, "master", "v14.2", null, null, BranchMismatch },
        { Push, Source, "main", "v14.3", null, null, TagMismatch },
        { Push, Source, "main", null, "v15", null, Versioned },
        { Push, Source, null, "v14.2", null, Generic + "@v2.1.1", Builder },
        { Dispatch, Source, "main", "v1.2.3", null, null, TagMismatch },
        { Dispatch, "github.com/slsa-framework/other", "master", null, null, null, SourceMismatch },
        { Dispatch, "github.com/slsa-framework/other", null, null, null, Workflows + "builder_go_slsa3.yml", Builder },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Flags_give_slsa_verifiers_verdict(string file, string source, string? branch, string? tag, string? versionedTag, string? builderId, string? expected)
    {
        var code = Verify(file, new ProvenanceExpectations(source) { Branch = branch, Tag = tag, VersionedTag = versionedTag, BuilderId = builderId });
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData(Dispatch)]
    [InlineData(Push)]
    public void A_changed_artifact_fails_with_the_artifact_hash(string file)
    {
        var changed = File.ReadAllBytes(Fixture("slsa-generic-artifact", "binary-linux-amd64"));
        changed[^1] ^= 0x01;
        var failure = new ArtifactProvenanceVerifier(Production).Verify(File.ReadAllBytes(Fixture("slsa-generic-artifact", file)),
            [ArtifactProvenanceVerifier.Sha256Hex(changed)], new ProvenanceExpectations(Source), out _, TestContext.Current.CancellationToken);
        Assert.Equal(ProvenanceReasons.ArtifactHashMismatch, failure?.Code);
        Assert.Contains("artifact hash does not match provenance subject", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_verified_statement_is_returned_byte_for_byte_as_signed()
    {
        Assert.Null(new ArtifactProvenanceVerifier(Production).Verify(File.ReadAllBytes(Fixture("slsa-generic-artifact", Push)),
            [ArtifactSha256], new ProvenanceExpectations(Source), out var verified, TestContext.Current.CancellationToken));
        var statement = System.Text.Encoding.UTF8.GetString(Assert.Single(verified).Statement.Span);
        Assert.StartsWith("{\"_type\":\"https://in-toto.io/Statement/v0.1\"", statement, StringComparison.Ordinal);
        Assert.Contains(ArtifactSha256, statement, StringComparison.Ordinal);
    }
}
