using ImageGate.Oci;
using ImageGate.Oci.Models;

namespace ImageGate.Verification.Discovery;

/// <summary>The image as resolved and everything cosign attached to it.</summary>
public sealed record DiscoveryResult
{
    public required Digest Digest { get; init; }

    public required string MediaType { get; init; }

    /// <summary>Platforms of an index's entries (empty for a single manifest).</summary>
    public required IReadOnlyList<Platform> Platforms { get; init; }

    public required IReadOnlyList<DiscoveredArtifact> Artifacts { get; init; }

    public required IReadOnlyList<DiscoveryNote> Notes { get; init; }

    /// <summary>The resolved manifest itself (its bytes are what signatures cover).</summary>
    public required FetchedManifest Manifest { get; init; }
}
