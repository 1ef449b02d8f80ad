using ImageGate.Oci.Models;

namespace ImageGate.Oci;

/// <summary>
/// Where images and their attached artifacts come from: a registry repository or a local layout.
/// Everything returned has been checked against its digest and size and bounded by <see cref="OciLimits"/>.
/// </summary>
public interface IOciSource
{
    /// <summary>For messages: <c>registry ghcr.io/org/image</c> or <c>layout /path</c>.</summary>
    string Description { get; }

    /// <summary>
    /// Resolves a tag or digest to its manifest; throws <see cref="SourceReason.NotFound"/> when absent (a layout:
    /// <see cref="SourceReason.UnknownTag"/> for a tag its index.json does not name; it also takes a full reference).
    /// </summary>
    Task<FetchedManifest> GetManifestAsync(string reference, CancellationToken cancellationToken);

    /// <summary>A manifest by tag, or null when the tag does not exist (the referrers and cosign tags are optional).</summary>
    Task<FetchedManifest?> TryGetManifestByTagAsync(string tag, CancellationToken cancellationToken);

    /// <summary>The manifest a descriptor names, checked against the descriptor's digest and size.</summary>
    Task<FetchedManifest> GetManifestAsync(Descriptor descriptor, CancellationToken cancellationToken);

    /// <summary>
    /// A blob checked against the descriptor's digest and size; larger than <paramref name="maxBytes"/> is
    /// <see cref="SourceReason.TooLarge"/>. The array is new and the caller's own (it may decode into it).
    /// </summary>
    Task<byte[]> GetBlobAsync(Descriptor descriptor, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Every manifest that names <paramref name="subject"/> as its subject, unfiltered, with where each was found.</summary>
    Task<IReadOnlyList<Referrer>> GetReferrersAsync(Digest subject, CancellationToken cancellationToken);
}
