using ImageGate.Sigstore;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// Verifies one cosign legacy <c>.sig</c> layer (§1a): adapted into a bundle (<see cref="LegacyBundleAdapter"/>),
/// verified by <see cref="BundleVerifier"/> with cosign's legacy option set, then cosign's claim check on the payload
/// it verified (§4.7 step 5). "Each layer is one signature"; the caller accepts the image when at least one layer
/// verifies. The chain of binding is "payload → docker-manifest-digest → image".
/// </summary>
public static class LegacySignatureVerifier
{
    /// <param name="payload">The exact layer bytes: the simple-signing payload as signed.</param>
    /// <param name="annotations">The layer descriptor's annotations.</param>
    /// <param name="imageDigest">The digest being verified, <c>sha256:&lt;hex&gt;</c>.</param>
    /// <param name="options">The policy's settings, as for a bundle; the legacy option set is added here.</param>
    public static VerificationResult Verify(
        ReadOnlyMemory<byte> payload,
        IReadOnlyDictionary<string, string> annotations,
        string imageDigest,
        TrustedRoot root,
        SignerPolicy signer,
        VerifierOptions options,
        TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        // What is signed is the payload itself (Sign(sha256(payload)), §1a): the payload is the artifact.
        var result = LegacyLayerVerification.AdaptAndVerify(LegacyBundleAdapter.FromSignatureLayer, payload, annotations, imageDigest,
            _ => ArtifactPolicy.ForArtifact(payload), root, signer, options, time, cancellationToken);
        if (!result.IsVerified)
        {
            return result;
        }
        cancellationToken.ThrowIfCancellationRequested();

        // SimpleClaimVerifier: "critical.image.docker-manifest-digest == sha256:<hex>", on the verified payload.
        var failure = SimpleSigningPayload.Check(payload, imageDigest);
        return failure is null ? result : VerificationResult.Failed(failure);
    }
}
