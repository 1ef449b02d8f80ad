using System.Security.Cryptography;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Identity;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Testing.VirtualSigstore;
using ImageGate.Verification.Legacy;

namespace ImageGate.Verification.Tests.Legacy;

/// <summary>
/// Legacy <c>.sig</c> and <c>.att</c> layers from a virtual Sigstore, properly logged, through the one verification
/// walk: the checks a tampered real layer never reaches (its logged hash refuses it first), and each point of
/// <see cref="CosignLegacyOptions"/> against what a bundle would do with the same material.
/// </summary>
public sealed class LegacyLayerWalkTests : IDisposable
{
    private readonly VirtualSigstore _sigstore = new();
    private readonly byte[] _digest = SHA256.HashData("the image manifest"u8);

    public void Dispose() => _sigstore.Dispose();

    private string ImageDigest => "sha256:" + Convert.ToHexStringLower(_digest);

    private static SignerPolicy Signer => SignerPolicy.ForIdentity(new IdentityMatcher
    {
        SubjectAlternativeName = VirtualSigstore.DefaultIdentity,
        Issuer = VirtualSigstore.DefaultIssuer,
    });

    private TrustedRoot Root(TrustedRootOptions? options = null)
    {
        Assert.Null(TrustedRootParser.TryParse(_sigstore.TrustedRootJson(options), out var root));
        return root!;
    }

    private byte[] Statement(byte[]? subject = null) => InTotoStatements.Statement([subject ?? _digest], "https://slsa.dev/provenance/v0.2");

    private VerificationResult VerifyAtt(LegacyLayer layer, TrustedRootOptions? root = null, VerifierOptions? options = null) =>
        new LegacyLayerVerifier(Root(root), options ?? VerifierOptions.Default, _sigstore.Clock).VerifyAttestation(layer.Payload, layer.Annotations, ImageDigest, Signer, TestContext.Current.CancellationToken);

    private VerificationResult VerifySig(LegacyLayer layer, TrustedRootOptions? root = null, VerifierOptions? options = null, string? digest = null) =>
        new LegacyLayerVerifier(Root(root), options ?? VerifierOptions.Default, _sigstore.Clock).VerifySignature(layer.Payload, layer.Annotations, digest ?? ImageDigest, Signer, TestContext.Current.CancellationToken);

    private static void AssertFails(string code, VerificationResult result) =>
        Assert.True(result.Failure?.Code == code, $"expected {code}; got {(result.IsVerified ? "verified" : result.Failure!.ToString())}");

    private static void AssertVerified(VerificationResult result) =>
        Assert.True(result.IsVerified, $"expected the layer to verify; it failed with {result.Failure}");

    [Fact]
    public void A_logged_attestation_verifies_with_its_set_alone()
    {
        var result = VerifyAtt(_sigstore.AttestImageLegacy(Statement()));

        AssertVerified(result);
        var entry = Assert.Single(result.LogEntries);
        Assert.Null(entry.InclusionProof);
        Assert.Equal(VirtualSigstore.DefaultIdentity, result.SignerIdentity);
    }

    [Fact]
    public void An_intoto_0_0_2_attestation_binds_its_content_hash_to_the_layer()
    {
        AssertVerified(VerifyAtt(_sigstore.AttestImageLegacy(Statement(), new SignOptions { Kind = RekorKind.IntotoV002 })));
    }

    [Fact]
    public void A_logged_attestation_whose_envelope_signature_is_wrong_fails_the_signature()
    {
        AssertFails(ReasonCodes.SignatureInvalid, VerifyAtt(_sigstore.AttestImageLegacy(Statement(), new SignOptions { SignOtherBytes = true })));
    }

    [Fact]
    public void A_logged_attestation_of_another_payload_type_is_refused()
    {
        AssertFails(ReasonCodes.DsseMalformed, VerifyAtt(_sigstore.AttestImageLegacy(Statement(), new SignOptions { PayloadType = "application/json" })));
    }

    [Fact]
    public void A_logged_attestation_about_another_image_fails_its_subject()
    {
        AssertFails(ReasonCodes.SubjectMismatch, VerifyAtt(_sigstore.AttestImageLegacy(Statement(SHA256.HashData("another image"u8)))));
    }

    [Fact]
    public void A_logged_signature_that_is_wrong_fails_the_signature()
    {
        AssertFails(ReasonCodes.SignatureInvalid, VerifySig(_sigstore.SignImageLegacy("registry.virtual.test/app", ImageDigest, new SignOptions { SignOtherBytes = true })));
    }

    [Fact]
    public void A_logged_signature_for_another_digest_fails_the_claim()
    {
        var layer = _sigstore.SignImageLegacy("registry.virtual.test/app", "sha256:" + new string('1', 64));

        AssertFails(LegacyReasons.PayloadDigestMismatch, VerifySig(layer));
    }

    // CosignLegacyOptions.TimestampsCoverEnvelope: the .att token covers the layer, the .sig token the signature.

    [Fact]
    public void An_attestation_timestamp_over_the_whole_layer_is_a_verified_time()
    {
        var result = VerifyAtt(_sigstore.AttestImageLegacy(Statement(), new SignOptions { IncludeTimestamp = true }),
            options: new VerifierOptions { RequireSignedTimestamps = true });

        AssertVerified(result);
        Assert.Contains(result.Timestamps, t => t.Source == TimestampSource.TimestampAuthority);
    }

    [Fact]
    public void An_attestation_timestamp_over_the_signature_alone_is_not()
    {
        var signed = _sigstore.AttestImageLegacy(Statement());
        var layer = _sigstore.AttestImageLegacy(Statement(), new SignOptions { IncludeTimestamp = true, TimestampedBytes = signed.Signature });

        AssertFails(ReasonCodes.TimestampThresholdNotMet, VerifyAtt(layer, options: new VerifierOptions { RequireSignedTimestamps = true }));
    }

    [Fact]
    public void A_signature_timestamp_over_the_signature_is_a_verified_time()
    {
        var result = VerifySig(_sigstore.SignImageLegacy("registry.virtual.test/app", ImageDigest, new SignOptions { IncludeTimestamp = true }),
            options: new VerifierOptions { RequireSignedTimestamps = true });

        AssertVerified(result);
    }

    // CosignLegacyOptions.ValidatesChainAtNotBefore: the chain at the leaf's NotBefore, then expiry at each time.

    [Fact]
    public void The_chain_is_validated_at_the_certificates_not_before_not_at_the_integrated_time()
    {
        // The Fulcio CA is trusted until one minute after the leaf was issued; the entry was integrated two minutes
        // after. cosign's legacy flow accepts this (chain at NotBefore); a bundle would not (chain at integratedTime).
        var root = new TrustedRootOptions { FulcioValidFor = new Window(_sigstore.Created.AddDays(-1), _sigstore.Created.AddMinutes(1)) };
        var late = new SignOptions { IntegratedTimeOffset = TimeSpan.FromMinutes(2) };

        AssertVerified(VerifyAtt(_sigstore.AttestImageLegacy(Statement(), late), root));
        var bundle = _sigstore.SignDsse(Statement(), late);
        Assert.Null(ImageGate.Sigstore.Bundle.BundleParser.TryParse(bundle.ToBytes(), out var parsed));
        var asBundle = new BundleVerifier(Root(root), null, _sigstore.Clock).Verify(parsed!, ArtifactPolicy.ForDigest("sha256", _digest), Signer);
        AssertFails(ReasonCodes.CertificateUntrustedChain, asBundle);
    }

    [Fact]
    public void A_verified_time_outside_the_certificate_fails_the_expiry_check()
    {
        // Integrated inside the leaf's ten minutes, but timestamped twenty minutes after it expired.
        var options = new SignOptions
        {
            CertificateNotBeforeOffset = TimeSpan.FromMinutes(-30),
            IntegratedTimeOffset = TimeSpan.FromMinutes(-25),
            IncludeTimestamp = true,
        };

        var result = VerifyAtt(_sigstore.AttestImageLegacy(Statement(), options));

        AssertFails(ReasonCodes.CertificateUntrustedChain, result);
        Assert.Contains("RFC 3161 time", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layer_signed_after_its_fulcio_ca_ended_fails_the_chain()
    {
        var root = new TrustedRootOptions { FulcioValidFor = new Window(_sigstore.Created.AddDays(-1), _sigstore.Created.AddSeconds(-1)) };

        AssertFails(ReasonCodes.CertificateUntrustedChain, VerifySig(_sigstore.SignImageLegacy("registry.virtual.test/app", ImageDigest), root));
    }

    [Fact]
    public void An_attestation_envelope_with_two_signatures_is_refused()
    {
        var layer = _sigstore.AttestImageLegacy(Statement());
        var envelope = System.Text.Json.Nodes.JsonNode.Parse(layer.Payload)!;
        envelope["signatures"]!.AsArray().Add(envelope["signatures"]![0]!.DeepClone());
        var twice = System.Text.Encoding.UTF8.GetBytes(envelope.ToJsonString());

        var result = new LegacyLayerVerifier(Root(), VerifierOptions.Default, _sigstore.Clock).VerifyAttestation(twice, layer.Annotations, ImageDigest, Signer, TestContext.Current.CancellationToken);

        AssertFails(ReasonCodes.DsseMalformed, result);
    }
}
