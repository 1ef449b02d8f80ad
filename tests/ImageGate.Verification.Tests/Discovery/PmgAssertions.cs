using ImageGate.Oci;
using ImageGate.Testing.Oci;
using ImageGate.Verification.Discovery;

namespace ImageGate.Verification.Tests.Discovery;

/// <summary>What every source of the pmg-exporter-shaped fixture must yield.</summary>
internal static class PmgAssertions
{
    public static void HasAllThree(PmgFixture fixture, DiscoveryResult result, ArtifactSource bundleSource, ArtifactSource legacySource)
    {
        Assert.Equal(fixture.IndexDigest, result.Digest);
        Assert.Equal(MediaTypes.OciIndex, result.MediaType);
        Assert.Equal(["linux/amd64", "linux/arm64"], result.Platforms.Select(p => p.ToString()));
        Assert.Equal(3, result.Artifacts.Count);

        var signature = Assert.Single(result.Artifacts, a => a.Digest == fixture.SignatureBundleDigest);
        Assert.Equal(ArtifactFormat.Bundle, signature.Format);
        Assert.Equal(bundleSource, signature.Source);
        Assert.Equal(PmgFixture.SignPredicate, signature.PredicateType);
        Assert.True(signature.IsSignature);

        var sbom = Assert.Single(result.Artifacts, a => a.Digest == fixture.SbomBundleDigest);
        Assert.Equal(bundleSource, sbom.Source);
        // The manifest annotation says cosign/sign/v1; the payload says CycloneDX, and the payload wins.
        Assert.Equal(PmgFixture.SbomPredicate, sbom.PredicateType);
        Assert.Equal(MediaTypes.SigstoreBundleV03, sbom.MediaType);
        Assert.False(sbom.IsSignature);

        var provenance = Assert.Single(result.Artifacts, a => a.Digest == fixture.ProvenanceLayerDigest);
        Assert.Equal(ArtifactFormat.LegacyAttestation, provenance.Format);
        Assert.Equal(legacySource, provenance.Source);
        Assert.Equal(PmgFixture.SlsaPredicate, provenance.PredicateType);
        Assert.Equal(MediaTypes.DsseEnvelope, provenance.MediaType);
    }
}
