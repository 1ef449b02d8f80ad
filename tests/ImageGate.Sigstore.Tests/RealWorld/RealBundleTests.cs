using System.Text;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.Identity;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Tests.RealWorld;

/// <summary>
/// Real bundles signed by the public-good Sigstore, beyond the conformance suite, with the verdicts given in
/// their NOTICE files: they pass with the right identity and artifact, and fail with any other.
/// </summary>
public sealed class RealBundleTests
{
    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);

    private static readonly TrustedRoot Production = LoadRoot();

    private static TrustedRoot LoadRoot()
    {
        Assert.Null(TrustedRootParser.TryParse(File.ReadAllBytes(Fixture("trusted-roots", "production.trusted_root.json")), out var root));
        return root!;
    }

    private static SigstoreBundle Bundle(byte[] json)
    {
        Assert.Null(BundleParser.TryParse(json, out var bundle));
        return bundle!;
    }

    private static VerificationResult Verify(SigstoreBundle bundle, ArtifactPolicy artifact, string san, string issuer) =>
        new BundleVerifier(Production).Verify(bundle, artifact, SignerPolicy.ForIdentity(new IdentityMatcher { SubjectAlternativeName = san, Issuer = issuer }));

    private const string CosignDigest = "732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4";

    private static SigstoreBundle CosignAttestation => Bundle(File.ReadAllBytes(Fixture("cosign-bundle", "oci-attestation.sigstore.json")));

    [Fact]
    public void Cosign_new_format_attestation_verifies_for_its_image_digest_and_signer()
    {
        var result = Verify(CosignAttestation, ArtifactPolicy.ForDigest("sha256", Convert.FromHexString(CosignDigest)), "cody@soyland.com", "https://github.com/login/oauth");
        Assert.True(result.IsVerified, result.Failure?.ToString());
        Assert.Equal("https://cosign.sigstore.dev/attestation/v1", result.PredicateType);
        Assert.Equal("cody@soyland.com", result.SignerIdentity);
        var entry = Assert.Single(result.LogEntries);
        Assert.Equal(175508996, entry.LogIndex);
        Assert.Contains(result.Timestamps, t => t.Time == DateTimeOffset.FromUnixTimeSeconds(1740770291));
    }

    [Fact]
    public void Cosign_attestation_fails_for_another_identity()
    {
        var result = Verify(CosignAttestation, ArtifactPolicy.ForDigest("sha256", Convert.FromHexString(CosignDigest)), "mallory@example.com", "https://github.com/login/oauth");
        Assert.Equal(ReasonCodes.IdentityMismatch, result.Failure?.Code);
    }

    [Fact]
    public void Cosign_attestation_fails_for_another_issuer()
    {
        var result = Verify(CosignAttestation, ArtifactPolicy.ForDigest("sha256", Convert.FromHexString(CosignDigest)), "cody@soyland.com", "https://accounts.google.com");
        Assert.Equal(ReasonCodes.IssuerMismatch, result.Failure?.Code);
    }

    [Fact]
    public void Cosign_attestation_fails_for_another_digest()
    {
        var other = Convert.FromHexString(CosignDigest);
        other[^1] ^= 1;
        var result = Verify(CosignAttestation, ArtifactPolicy.ForDigest("sha256", other), "cody@soyland.com", "https://github.com/login/oauth");
        Assert.Equal(ReasonCodes.SubjectMismatch, result.Failure?.Code);
    }

    private const string GenericGenerator = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0";

    [Theory]
    [InlineData("binary-linux-amd64-push-v14.2.intoto.jsonl")]
    [InlineData("binary-linux-amd64-workflow_dispatch.intoto.jsonl")]
    public void Slsa_generic_generator_provenance_verifies_for_its_binary(string file)
    {
        var artifact = ArtifactPolicy.ForArtifact(File.ReadAllBytes(Fixture("slsa-generic-artifact", "binary-linux-amd64")));
        foreach (var line in File.ReadAllLines(Fixture("slsa-generic-artifact", file)).Where(l => l.Length > 0))
        {
            var result = Verify(Bundle(Encoding.UTF8.GetBytes(line)), artifact, GenericGenerator, "https://token.actions.githubusercontent.com");
            Assert.True(result.IsVerified, result.Failure?.ToString());
            Assert.Equal("https://slsa.dev/provenance/v0.2", result.PredicateType);
            Assert.Equal("https://github.com/slsa-framework/example-package", result.Certificate?.SourceRepositoryUri);
        }
    }

    [Fact]
    public void Slsa_provenance_fails_for_a_changed_binary()
    {
        var bytes = File.ReadAllBytes(Fixture("slsa-generic-artifact", "binary-linux-amd64"));
        bytes[100] ^= 0xff;
        var line = File.ReadAllLines(Fixture("slsa-generic-artifact", "binary-linux-amd64-push-v14.2.intoto.jsonl"))[0];
        var result = Verify(Bundle(Encoding.UTF8.GetBytes(line)), ArtifactPolicy.ForArtifact(bytes), GenericGenerator, "https://token.actions.githubusercontent.com");
        Assert.Equal(ReasonCodes.SubjectMismatch, result.Failure?.Code);
    }

    [Fact]
    public void Slsa_provenance_fails_for_a_regex_that_names_another_builder()
    {
        var line = File.ReadAllLines(Fixture("slsa-generic-artifact", "binary-linux-amd64-push-v14.2.intoto.jsonl"))[0];
        var artifact = ArtifactPolicy.ForArtifact(File.ReadAllBytes(Fixture("slsa-generic-artifact", "binary-linux-amd64")));
        var matcher = new IdentityMatcher
        {
            SubjectAlternativeNameRegex = "^https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v[0-9.]+$",
            Issuer = "https://token.actions.githubusercontent.com",
        };
        var result = new BundleVerifier(Production).Verify(Bundle(Encoding.UTF8.GetBytes(line)), artifact, SignerPolicy.ForIdentity(matcher));
        Assert.Equal(ReasonCodes.IdentityMismatch, result.Failure?.Code);
    }
}
