using System.Text;
using ImageGate.Sigstore;
using ImageGate.Verification.Legacy;

namespace ImageGate.Verification.Tests.Legacy;

/// <summary>
/// tests/fixtures/cosign-save-layout: a real keyless SLSA v0.2 provenance in cosign's legacy .att format
/// (testdata README: PASS for the digest in container_workflow_dispatch.digest with the generator identity and
/// the GitHub issuer; FAIL for any other digest or identity).
/// </summary>
public sealed class SaveLayoutAttestationTests
{
    private static SaveLayoutAttestation Layout => LegacyFixtures.SaveLayout;

    [Fact]
    public void The_real_attestation_passes_for_its_digest_identity_and_issuer()
    {
        var result = Layout.Verify();

        Assert.True(result.IsVerified, result.Failure?.ToString());
        Assert.Equal(LegacyFixtures.SlsaIdentity, result.SignerIdentity);
        Assert.Equal(LegacyFixtures.GithubIssuer, result.SignerIssuer);
        Assert.Equal(LegacyFixtures.SlsaProvenance02, result.PredicateType);
        var time = Assert.Single(result.Timestamps);
        Assert.Equal(TimestampSource.TransparencyLog, time.Source);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1711017244), time.Time);
        var entry = Assert.Single(result.LogEntries);
        Assert.Equal(80008005, entry.LogIndex);
        Assert.Equal("dsse", entry.Kind);
        Assert.NotNull(result.Certificate);
        Assert.Contains("\"predicateType\":\"https://slsa.dev/provenance/v0.2\"", Encoding.UTF8.GetString(result.Statement!.Value.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void The_statement_is_returned_as_the_exact_signed_bytes()
    {
        var result = Layout.Verify();

        Assert.True(result.IsVerified, result.Failure?.ToString());
        using var envelope = System.Text.Json.JsonDocument.Parse(Layout.Layer);
        var payload = Convert.FromBase64String(envelope.RootElement.GetProperty("payload").GetString()!);
        Assert.Equal(payload, result.Statement!.Value.ToArray());
    }

    [Fact]
    public void An_unanchored_identity_regex_matches_a_substring_as_go_does()
    {
        var result = Layout.Verify(LegacyFixtures.SlsaSigner(identity: null, issuer: null,
            identityRegex: "slsa-framework/slsa-github-generator/", issuerRegex: "actions\\.githubusercontent"));

        Assert.True(result.IsVerified, result.Failure?.ToString());
        Assert.Equal(LegacyFixtures.SlsaIdentity, result.SignerIdentity);
    }

    [Fact]
    public void The_platform_manifest_digest_fails_because_only_the_index_was_attested()
    {
        var result = Layout.Verify(imageDigest: Layout.PlatformDigest);

        Assert.Equal(ReasonCodes.SubjectMismatch, result.Failure?.Code);
        Assert.Contains(Layout.PlatformDigest, result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_other_digest_fails()
    {
        string other = "sha256:" + new string('0', 64);

        var result = Layout.Verify(imageDigest: other);

        Assert.Equal(ReasonCodes.SubjectMismatch, result.Failure?.Code);
    }

    [Theory]
    [InlineData("https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v1.9.0")]
    [InlineData("https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v1.10.0")]
    [InlineData("https://github.com/evil/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v1.10.0")]
    public void Any_other_identity_fails(string identity)
    {
        var result = Layout.Verify(LegacyFixtures.SlsaSigner(identity: identity));

        Assert.Equal(ReasonCodes.IdentityMismatch, result.Failure?.Code);
        Assert.Contains(identity, result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains(LegacyFixtures.SlsaIdentity, result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_anchored_regex_that_the_identity_does_not_fully_match_fails()
    {
        var result = Layout.Verify(LegacyFixtures.SlsaSigner(identity: null, identityRegex: "^slsa-framework/slsa-github-generator/"));

        Assert.Equal(ReasonCodes.IdentityMismatch, result.Failure?.Code);
    }

    [Fact]
    public void Another_issuer_fails()
    {
        var result = Layout.Verify(LegacyFixtures.SlsaSigner(issuer: "https://accounts.google.com"));

        Assert.Equal(ReasonCodes.IssuerMismatch, result.Failure?.Code);
        Assert.Contains(LegacyFixtures.GithubIssuer, result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_key_policy_does_not_accept_a_keyless_attestation()
    {
        var result = Layout.Verify(LegacyFixtures.KeySigner("cosign.pub"));

        // The layer carries a certificate, so it is keyless; a key policy never accepts a certificate (as for a bundle).
        Assert.Equal(ReasonCodes.KeyMismatch, result.Failure?.Code);
    }

    [Fact]
    public void The_attestation_is_not_an_image_signature()
    {
        var result = new LegacyLayerVerifier(LegacyFixtures.ProductionRoot, VerifierOptions.Default, LegacyFixtures.Now).VerifySignature(Layout.Layer, Layout.Annotations, Layout.ImageDigest, LegacyFixtures.SlsaSigner(), TestContext.Current.CancellationToken);

        // Its signature annotation is the empty string: "the signature lives in the envelope".
        Assert.Equal(LegacyReasons.NoSignatureAnnotation, result.Failure?.Code);
    }

    [Theory]
    [InlineData("sha256:E0A0A765D690A5104331CFBAC88EBBBF01736C1F87AAA3CD455C516A5EA586A5")]
    [InlineData("e0a0a765d690a5104331cfbac88ebbbf01736c1f87aaa3cd455c516a5ea586a5")]
    [InlineData("sha512:e0a0a765d690a5104331cfbac88ebbbf01736c1f87aaa3cd455c516a5ea586a5")]
    public void A_malformed_image_digest_is_a_caller_error(string digest)
    {
        Assert.Throws<ArgumentException>(() => Layout.Verify(imageDigest: digest));
    }
}
