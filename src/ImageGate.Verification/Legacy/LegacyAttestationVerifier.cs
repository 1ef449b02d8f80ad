using ImageGate.Sigstore;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// Verifies one cosign legacy <c>.att</c> layer (§1b): adapted into a DSSE bundle (<see cref="LegacyBundleAdapter"/>)
/// and verified by <see cref="BundleVerifier"/> with cosign's legacy option set, which also checks what cosign's
/// IntotoSubjectClaimVerifier checks: a subject whose sha256 is the image digest. The statement bytes are returned
/// exactly as signed.
/// </summary>
public static class LegacyAttestationVerifier
{
    /// <param name="layer">The exact layer bytes: the DSSE envelope JSON.</param>
    /// <param name="annotations">The layer descriptor's annotations.</param>
    /// <param name="imageDigest">The digest being verified, <c>sha256:&lt;hex&gt;</c>.</param>
    /// <param name="options">The policy's settings, as for a bundle; the legacy option set is added here.</param>
    public static VerificationResult Verify(
        ReadOnlyMemory<byte> layer,
        IReadOnlyDictionary<string, string> annotations,
        string imageDigest,
        TrustedRoot root,
        SignerPolicy signer,
        VerifierOptions options,
        TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        return LegacyLayerVerification.AdaptAndVerify(LegacyBundleAdapter.FromAttestationLayer, layer, annotations, imageDigest,
            digest => ArtifactPolicy.ForDigest("sha256", digest), root, signer, options, time, cancellationToken);
    }
}
