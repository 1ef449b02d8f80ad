using ImageGate.Sigstore;
using ImageGate.Verification.Provenance;

namespace ImageGate.Verification.Pipeline;

/// <summary>
/// An image's SLSA provenance under slsa-verifier's <c>verify-image</c> rules (docs/provenance.md §3), applied to an
/// attestation whose signature, log entries and subject already verified: the certificate must name a trusted
/// builder at a release tag (the container generator, or the policy's builder id), and the statement its source,
/// branch, tag or versioned tag, with the image digest as a subject.
/// </summary>
public static class ProvenanceStep
{
    /// <summary>Null when the provenance meets <paramref name="expected"/>; the verified builder id is then set.</summary>
    public static Failure? Check(VerificationResult result, string imageDigest, ProvenanceExpectations expected, out string? builderId)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(imageDigest);
        ArgumentNullException.ThrowIfNull(expected);
        builderId = null;
        if (result.Certificate is null || result.Statement is null)
        {
            return new Failure(ProvenanceReasons.Malformed,
                $"expected SLSA provenance signed by a builder's certificate; found {(result.Statement is null ? "a message signature" : "a key-signed attestation")}");
        }
        const string Sha256Prefix = "sha256:";
        if (!imageDigest.StartsWith(Sha256Prefix, StringComparison.Ordinal))
        {
            return new Failure(ProvenanceReasons.ArtifactHashMismatch, $"expected a sha256 image digest for the provenance subject; found {imageDigest}");
        }
        return ProvenanceVerifier.Verify(result.Certificate, result.Statement.Value, [imageDigest[Sha256Prefix.Length..]],
            expected, KnownBuilders.ImageDefaults, out builderId);
    }
}
