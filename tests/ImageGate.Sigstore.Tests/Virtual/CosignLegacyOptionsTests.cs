using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>The cosign legacy option set relaxes rules for legacy material only, and legacy material never goes without it.</summary>
public sealed class CosignLegacyOptionsTests : VirtualTestBase
{
    private static readonly VerifierOptions Legacy = new() { Legacy = CosignLegacyOptions.Cosign };

    private TrustedRoot Root()
    {
        Assert.Null(TrustedRootParser.TryParse(Sigstore.TrustedRootJson(), out var root));
        return root!;
    }

    [Fact]
    public void A_sigstore_bundle_is_never_verified_with_the_legacy_rules()
    {
        Assert.Null(BundleParser.TryParse(Sigstore.SignDsse(Statement).ToBytes(), out var bundle));

        Assert.Throws<ArgumentException>(() => new BundleVerifier(Root(), Legacy, Sigstore.Clock).Verify(bundle!, ForArtifact, DefaultIdentity));
    }

    [Fact]
    public void Legacy_material_is_never_verified_without_them()
    {
        Assert.Null(BundleParser.TryParse(Sigstore.SignDsse(Statement).ToBytes(), out var parsed));
        var adapted = new SigstoreBundle
        {
            MediaType = "application/vnd.dsse.envelope.v1+json",
            MinorVersion = 0,
            Certificate = parsed!.Certificate,
            TlogEntries = parsed.TlogEntries,
            Rfc3161Timestamps = [],
            DsseEnvelope = parsed.DsseEnvelope,
        };

        Assert.Throws<ArgumentException>(() => new BundleVerifier(Root(), null, Sigstore.Clock).Verify(adapted, ForArtifact, DefaultIdentity));
        // An envelope without its exact bytes cannot be bound the way a legacy entry binds it.
        Assert.Throws<ArgumentException>(() => new BundleVerifier(Root(), Legacy, Sigstore.Clock).Verify(adapted, ForArtifact, DefaultIdentity));
    }
}
