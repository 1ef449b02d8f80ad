using ImageGate.Oci;
using ImageGate.Oci.Models;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Bundle;

namespace ImageGate.Verification.Discovery;

/// <summary>
/// One Sigstore artifact attached to the image. <see cref="PredicateType"/> comes from the signed payload
/// (the DSSE statement), never from annotations; it is null for simple-signing signatures and message
/// signatures, which have none. Nothing here is verified yet: a legacy layer is kept as its raw bytes
/// (<see cref="Content"/>), a bundle as parsed (<see cref="Bundle"/>, or why it does not parse).
/// </summary>
public sealed record DiscoveredArtifact
{
    public required ArtifactSource Source { get; init; }

    public required ArtifactFormat Format { get; init; }

    /// <summary>The manifest that holds the layer (referrer manifest or legacy tag manifest).</summary>
    public required Digest ManifestDigest { get; init; }

    /// <summary>The layer's media type.</summary>
    public required string MediaType { get; init; }

    /// <summary>The layer's digest.</summary>
    public required Digest Digest { get; init; }

    public string? PredicateType { get; init; }

    /// <summary>The payload type of the DSSE envelope, when there is one.</summary>
    public string? PayloadType { get; init; }

    /// <summary>For a bundle: its <c>mediaType</c> field (the bundle version).</summary>
    public string? BundleMediaType { get; init; }

    /// <summary>The layer descriptor's annotations (the legacy formats keep certificate and SET there).</summary>
    public IReadOnlyDictionary<string, string>? LayerAnnotations { get; init; }

    /// <summary>A legacy layer's exact bytes, digest-checked (empty for a bundle: see <see cref="Bundle"/>).</summary>
    public ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>A bundle layer, parsed at discovery; null when it does not parse (see <see cref="BundleFailure"/>).</summary>
    public SigstoreBundle? Bundle { get; init; }

    /// <summary>Why a bundle layer does not parse as a Sigstore bundle.</summary>
    public Failure? BundleFailure { get; init; }

    /// <summary>True for image signatures (legacy <c>.sig</c>, or a bundle over cosign's sign predicate). A legacy
    /// <c>.att</c> is an attestation whatever its predicate type: cosign's <c>verify</c> never reads that tag.</summary>
    public bool IsSignature =>
        Format == ArtifactFormat.LegacySignature || (Format == ArtifactFormat.Bundle && PredicateType == PredicateTypes.CosignSign);
}
