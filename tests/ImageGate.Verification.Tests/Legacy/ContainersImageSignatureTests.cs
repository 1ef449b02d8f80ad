using System.Text;
using ImageGate.Sigstore;
using ImageGate.Verification.Legacy;

namespace ImageGate.Verification.Tests.Legacy;

/// <summary>
/// tests/fixtures/containers-image: real key-signed cosign .sig layers without Rekor, in containers/image's
/// file format (signature-N = "\0sigstore-json\n" + {mimeType, payload, annotations}; the image digest is the
/// SHA-256 of manifest.json). Verified with cosign.pub and InsecureIgnoreTlog (--insecure-ignore-tlog);
/// an image passes when at least one signature verifies.
/// </summary>
public sealed class ContainersImageSignatureTests
{
    private static readonly VerifierOptions IgnoreTlog = new() { InsecureIgnoreTlog = true };

    private static List<ContainersImageFixture.Layer> Signatures(string name) => ContainersImageFixture.Signatures(name);

    private static string? ImageDigest(string name) => ContainersImageFixture.ImageDigest(name);

    private static List<VerificationResult> VerifyAll(string name, string key = "cosign.pub", VerifierOptions? options = null)
    {
        var digest = ImageDigest(name);
        Assert.NotNull(digest);
        var signer = LegacyFixtures.KeySigner(key);
        return Signatures(name)
            .Select(layer => new LegacyLayerVerifier(LegacyFixtures.ProductionRoot, options ?? IgnoreTlog, LegacyFixtures.Now).VerifySignature(layer.Payload, layer.Annotations, digest!, signer, TestContext.Current.CancellationToken))
            .ToList();
    }

    [Theory]
    [InlineData("valid", 1)]
    [InlineData("valid-2", 2)]
    [InlineData("mixed", 1)]
    public void Images_with_a_good_signature_pass(string name, int good)
    {
        var results = VerifyAll(name);

        Assert.Equal(good, results.Count(r => r.IsVerified));
        var passed = results.First(r => r.IsVerified);
        Assert.Null(passed.SignerIdentity);
        Assert.Empty(passed.LogEntries);
    }

    [Fact]
    public void The_unknown_key_signature_of_mixed_fails_its_signature_check()
    {
        var results = VerifyAll("mixed");

        Assert.Equal(ReasonCodes.SignatureInvalid, results[0].Failure?.Code);
    }

    [Fact]
    public void A_modified_manifest_fails_the_digest_claim()
    {
        var result = Assert.Single(VerifyAll("modified-manifest"));

        Assert.Equal(LegacyReasons.PayloadDigestMismatch, result.Failure?.Code);
        Assert.Contains(ImageDigest("modified-manifest")!, result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_whose_digest_is_not_the_signed_one_fails()
    {
        var result = Assert.Single(VerifyAll("manifest-digest-error"));

        Assert.Equal(LegacyReasons.PayloadDigestMismatch, result.Failure?.Code);
    }

    [Fact]
    public void Another_attachment_is_not_a_cosign_signature()
    {
        var layer = Assert.Single(Signatures("other-attachment"));
        Assert.Equal("text/plain", layer.MimeType);

        var result = Assert.Single(VerifyAll("other-attachment"));

        Assert.False(result.IsVerified);
        Assert.Equal(ReasonCodes.SignatureInvalid, result.Failure?.Code);
    }

    [Fact]
    public void Without_a_manifest_there_is_no_digest_to_verify()
    {
        Assert.Null(ImageDigest("no-manifest"));
        Assert.Single(Signatures("no-manifest"));
    }

    [Fact]
    public void Another_key_fails()
    {
        var result = Assert.Single(VerifyAll("valid", key: "cosign2.pub"));

        Assert.Equal(ReasonCodes.SignatureInvalid, result.Failure?.Code);
    }

    [Fact]
    public void The_tlog_is_required_by_default()
    {
        var result = Assert.Single(VerifyAll("valid", options: VerifierOptions.Default));

        Assert.Equal(LegacyReasons.NoBundleAnnotation, result.Failure?.Code);
    }

    [Fact]
    public void A_keyless_policy_needs_a_certificate()
    {
        var layer = Assert.Single(Signatures("valid"));

        var result = new LegacyLayerVerifier(LegacyFixtures.ProductionRoot, IgnoreTlog, LegacyFixtures.Now).VerifySignature(layer.Payload, layer.Annotations, ImageDigest("valid")!, LegacyFixtures.SlsaSigner(), TestContext.Current.CancellationToken);

        // Without a certificate annotation the layer is key-signed, which no certificate identity accepts.
        Assert.Equal(ReasonCodes.KeyMismatch, result.Failure?.Code);
    }

    [Fact]
    public void One_changed_payload_byte_fails_the_signature()
    {
        var layer = Assert.Single(Signatures("valid"));
        var payload = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(layer.Payload).Replace("\"optional\":null", "\"optional\":{}", StringComparison.Ordinal));

        var result = new LegacyLayerVerifier(LegacyFixtures.ProductionRoot, IgnoreTlog, LegacyFixtures.Now).VerifySignature(payload, layer.Annotations, ImageDigest("valid")!, LegacyFixtures.KeySigner("cosign.pub"), TestContext.Current.CancellationToken);

        Assert.Equal(ReasonCodes.SignatureInvalid, result.Failure?.Code);
    }

    [Fact]
    public void A_signature_annotation_that_is_not_base64_fails()
    {
        var layer = Assert.Single(Signatures("valid"));
        var annotations = new Dictionary<string, string>(layer.Annotations) { [LegacyAnnotationKeys.Signature] = "MEYCIQ*not-base64" };

        var result = new LegacyLayerVerifier(LegacyFixtures.ProductionRoot, IgnoreTlog, LegacyFixtures.Now).VerifySignature(layer.Payload, annotations, ImageDigest("valid")!, LegacyFixtures.KeySigner("cosign.pub"), TestContext.Current.CancellationToken);

        Assert.Equal(LegacyReasons.AnnotationMalformed, result.Failure?.Code);
    }
}
