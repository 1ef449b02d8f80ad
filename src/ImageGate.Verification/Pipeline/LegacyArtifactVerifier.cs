using ImageGate.Sigstore;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Verification.Discovery;
using ImageGate.Verification.Legacy;

namespace ImageGate.Verification.Pipeline;

/// <summary>Hands a legacy cosign layer (.sig simple signing or .att DSSE) to its verifier with cosign's legacy rules.</summary>
internal static class LegacyArtifactVerifier
{
    private static readonly IReadOnlyDictionary<string, string> NoAnnotations = new Dictionary<string, string>();

    public static VerificationResult Verify(DiscoveredArtifact artifact, string digest, TrustedRoot root, SignerPolicy signer, TimeProvider time, CancellationToken cancellationToken)
    {
        var annotations = artifact.LayerAnnotations ?? NoAnnotations;
        return artifact.Format == ArtifactFormat.LegacySignature
            ? LegacySignatureVerifier.Verify(artifact.Content, annotations, digest, root, signer, LegacyOptions.Default, time, cancellationToken)
            : LegacyAttestationVerifier.Verify(artifact.Content, annotations, digest, root, signer, LegacyOptions.Default, time, cancellationToken);
    }
}
