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

    /// <summary>Artifacts found but left out by a <see cref="FormatChoice"/>, so that a missing requirement can name them.</summary>
    public IReadOnlyList<DiscoveredArtifact> NotCounted { get; init; } = [];

    /// <summary>Why <see cref="NotCounted"/> were left out (the format choice in cosign's words); null when none were.</summary>
    public string? NotCountedWhy { get; init; }

    /// <summary>The resolved manifest itself (its bytes are what signatures cover).</summary>
    public required FetchedManifest Manifest { get; init; }
}
