using ImageGate.Oci;
using ImageGate.Sigstore;
using ImageGate.Verification.Discovery;
using ImageGate.Verification.Legacy;

namespace ImageGate.Verification.Tests.Legacy;

public sealed class LegacyLayerVerifierTests
{
    private static DiscoveredArtifact Artifact(ArtifactFormat format, byte[] content, IReadOnlyDictionary<string, string> annotations) => new()
    {
        Source = ArtifactSource.Layout,
        Format = format,
        ManifestDigest = Digest.Compute("manifest"u8),
        MediaType = format == ArtifactFormat.LegacySignature ? "application/vnd.dev.cosign.simplesigning.v1+json" : "application/vnd.dsse.envelope.v1+json",
        Digest = Digest.Compute(content),
        LayerAnnotations = annotations,
        Content = content,
    };

    [Fact]
    public void A_discovered_attestation_layer_goes_to_the_attestation_verifier()
    {
        var layout = LegacyFixtures.SaveLayout;

        var result = new LegacyLayerVerifier(LegacyFixtures.ProductionRoot, VerifierOptions.Default, LegacyFixtures.Now).Verify(Artifact(ArtifactFormat.LegacyAttestation, layout.Layer, layout.Annotations), layout.ImageDigest, LegacyFixtures.SlsaSigner(), TestContext.Current.CancellationToken);

        Assert.True(result.IsVerified, result.Failure?.ToString());
        Assert.Equal(LegacyFixtures.SlsaProvenance02, result.PredicateType);
    }

    [Fact]
    public void A_discovered_signature_layer_goes_to_the_signature_verifier()
    {
        var layer = Assert.Single(ContainersImageFixture.Signatures("valid"));

        var result = new LegacyLayerVerifier(LegacyFixtures.ProductionRoot, new VerifierOptions { InsecureIgnoreTlog = true }, LegacyFixtures.Now).Verify(Artifact(ArtifactFormat.LegacySignature, layer.Payload, layer.Annotations), ContainersImageFixture.ImageDigest("valid")!, LegacyFixtures.KeySigner("cosign.pub"), TestContext.Current.CancellationToken);

        Assert.True(result.IsVerified, result.Failure?.ToString());
    }

    [Fact]
    public void A_bundle_artifact_is_not_a_legacy_layer()
    {
        var layout = LegacyFixtures.SaveLayout;

        Assert.Throws<ArgumentException>(() => new LegacyLayerVerifier(LegacyFixtures.ProductionRoot, VerifierOptions.Default, LegacyFixtures.Now).Verify(Artifact(ArtifactFormat.Bundle, layout.Layer, layout.Annotations), layout.ImageDigest, LegacyFixtures.SlsaSigner(), TestContext.Current.CancellationToken));
    }
}
