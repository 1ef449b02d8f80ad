using ImageGate.Sigstore;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Verification.Discovery;

namespace ImageGate.Verification.Legacy;

/// <summary>
/// Verifies cosign legacy layers the way <see cref="BundleVerifier"/> verifies bundles, and with it: each layer is
/// adapted into a bundle (<see cref="LegacyBundleAdapter"/>) and verified with cosign's legacy option set added to the
/// policy's options, so a setting means the same for a legacy layer as for a bundle. The two formats share this one
/// path so that they cannot drift apart in what they check. Only the exact layer bytes and the layer descriptor's
/// annotations are used.
/// </summary>
public sealed class LegacyLayerVerifier
{
    private static readonly IReadOnlyDictionary<string, string> NoAnnotations = new Dictionary<string, string>();

    private readonly TrustedRoot _root;
    private readonly VerifierOptions _options;
    private readonly TimeProvider _time;

    /// <param name="options">The policy's settings, as for a bundle; the legacy option set is added here.</param>
    public LegacyLayerVerifier(TrustedRoot root, VerifierOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        (_root, _options, _time) = (root, options, time);
    }

    private delegate Failure? LayerAdapter(ReadOnlyMemory<byte> layer, IReadOnlyDictionary<string, string> annotations,
        bool readTlog, out SigstoreBundle? bundle);

    /// <summary>Dispatches a discovered layer by its storage format: a <c>.sig</c> or an <c>.att</c> layer.</summary>
    public VerificationResult Verify(DiscoveredArtifact artifact, string imageDigest, SignerPolicy signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var annotations = artifact.LayerAnnotations ?? NoAnnotations;
        return artifact.Format switch
        {
            ArtifactFormat.LegacySignature => VerifySignature(artifact.Content, annotations, imageDigest, signer, cancellationToken),
            ArtifactFormat.LegacyAttestation => VerifyAttestation(artifact.Content, annotations, imageDigest, signer, cancellationToken),
            _ => throw new ArgumentException($"expected a legacy .sig or .att layer, got a {artifact.Format} artifact", nameof(artifact)),
        };
    }

    /// <summary>
    /// One <c>.sig</c> layer (§1a), then cosign's claim check on the payload it verified (§4.7 step 5). "Each layer is
    /// one signature"; the caller accepts the image when at least one layer verifies. The chain of binding is
    /// "payload → docker-manifest-digest → image".
    /// </summary>
    /// <param name="payload">The exact layer bytes: the simple-signing payload as signed.</param>
    /// <param name="imageDigest">The digest being verified, <c>sha256:&lt;hex&gt;</c>.</param>
    public VerificationResult VerifySignature(ReadOnlyMemory<byte> payload, IReadOnlyDictionary<string, string> annotations,
        string imageDigest, SignerPolicy signer, CancellationToken cancellationToken = default)
    {
        // What is signed is the payload itself (Sign(sha256(payload)), §1a): the payload is the artifact.
        var result = AdaptAndVerify(LegacyBundleAdapter.FromSignatureLayer, payload, annotations, imageDigest,
            _ => ArtifactPolicy.ForArtifact(payload), signer, cancellationToken);
        if (!result.IsVerified)
        {
            return result;
        }
        cancellationToken.ThrowIfCancellationRequested();

        // SimpleClaimVerifier: "critical.image.docker-manifest-digest == sha256:<hex>", on the verified payload.
        var failure = SimpleSigningPayload.Check(payload, imageDigest);
        return failure is null ? result : VerificationResult.Failed(failure);
    }

    /// <summary>
    /// One <c>.att</c> layer (§1b): a DSSE envelope, whose statement must have a subject whose sha256 is the image
    /// digest (cosign's IntotoSubjectClaimVerifier, checked by <see cref="BundleVerifier"/>). The statement bytes are
    /// returned exactly as signed.
    /// </summary>
    /// <param name="layer">The exact layer bytes: the DSSE envelope JSON.</param>
    /// <param name="imageDigest">The digest being verified, <c>sha256:&lt;hex&gt;</c>.</param>
    public VerificationResult VerifyAttestation(ReadOnlyMemory<byte> layer, IReadOnlyDictionary<string, string> annotations,
        string imageDigest, SignerPolicy signer, CancellationToken cancellationToken = default) =>
        AdaptAndVerify(LegacyBundleAdapter.FromAttestationLayer, layer, annotations, imageDigest,
            digest => ArtifactPolicy.ForDigest("sha256", digest), signer, cancellationToken);

    /// <param name="artifactFor">What the signature must cover, given the image digest's bytes; called only once
    /// the layer has been adapted, so a layer that cannot be read costs no hashing.</param>
    private VerificationResult AdaptAndVerify(LayerAdapter adapt, ReadOnlyMemory<byte> layer, IReadOnlyDictionary<string, string> annotations,
        string imageDigest, Func<byte[], ArtifactPolicy> artifactFor, SignerPolicy signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(signer);
        var digest = ImageDigestText.Parse(imageDigest);
        cancellationToken.ThrowIfCancellationRequested();

        var failure = adapt(layer, annotations, !_options.InsecureIgnoreTlog, out var bundle);
        if (failure is not null)
        {
            return VerificationResult.Failed(failure);
        }
        return new BundleVerifier(_root, _options with { Legacy = CosignLegacyOptions.Cosign }, _time)
            .Verify(bundle!, artifactFor(digest), signer);
    }
}
