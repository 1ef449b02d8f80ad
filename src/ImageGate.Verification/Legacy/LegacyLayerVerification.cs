using ImageGate.Sigstore;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// The steps a <c>.sig</c> and an <c>.att</c> layer share: the arguments and the image digest checked, the layer
/// adapted into a bundle (<see cref="LegacyBundleAdapter"/>), and that bundle verified by <see cref="BundleVerifier"/>
/// with cosign's legacy option set. In one place so that the two formats cannot drift apart in what they check.
/// </summary>
internal static class LegacyLayerVerification
{
    public delegate Failure? LayerAdapter(ReadOnlyMemory<byte> layer, IReadOnlyDictionary<string, string> annotations,
        bool readTlog, out SigstoreBundle? bundle);

    /// <param name="artifactFor">What the signature must cover, given the image digest's bytes; called only once
    /// the layer has been adapted, so a layer that cannot be read costs no hashing.</param>
    public static VerificationResult AdaptAndVerify(
        LayerAdapter adapt,
        ReadOnlyMemory<byte> layer,
        IReadOnlyDictionary<string, string> annotations,
        string imageDigest,
        Func<byte[], ArtifactPolicy> artifactFor,
        TrustedRoot root,
        SignerPolicy signer,
        VerifierOptions options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var digest = ImageDigestText.Parse(imageDigest);
        cancellationToken.ThrowIfCancellationRequested();

        var failure = adapt(layer, annotations, !options.InsecureIgnoreTlog, out var bundle);
        if (failure is not null)
        {
            return VerificationResult.Failed(failure);
        }
        return new BundleVerifier(root, options with { Legacy = CosignLegacyOptions.Cosign }, time)
            .Verify(bundle!, artifactFor(digest), signer);
    }
}
