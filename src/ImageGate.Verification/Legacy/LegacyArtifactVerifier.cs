using ImageGate.Sigstore;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Verification.Discovery;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// Dispatches a discovered legacy layer to its verifier by its storage format: a <c>.sig</c> simple-signing layer
/// or a <c>.att</c> DSSE layer. Only the exact layer bytes and the layer descriptor's annotations are used.
/// </summary>
public static class LegacyArtifactVerifier
{
    private static readonly IReadOnlyDictionary<string, string> NoAnnotations = new Dictionary<string, string>();

    public static VerificationResult Verify(
        DiscoveredArtifact artifact,
        string imageDigest,
        TrustedRoot root,
        SignerPolicy signer,
        VerifierOptions options,
        TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var annotations = artifact.LayerAnnotations ?? NoAnnotations;
        return artifact.Format switch
        {
            ArtifactFormat.LegacySignature => LegacySignatureVerifier.Verify(artifact.Content, annotations, imageDigest, root, signer, options, time, cancellationToken),
            ArtifactFormat.LegacyAttestation => LegacyAttestationVerifier.Verify(artifact.Content, annotations, imageDigest, root, signer, options, time, cancellationToken),
            _ => throw new ArgumentException($"expected a legacy .sig or .att layer, got a {artifact.Format} artifact", nameof(artifact)),
        };
    }
}
