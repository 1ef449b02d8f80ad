namespace ImageGate.Sigstore.Bundle;

/// <summary>One transparency-log entry of a bundle (TransparencyLogEntry in sigstore_rekor.proto).</summary>
public sealed class TlogEntry
{
    /// <summary>Rekor v1: the global index (the SET signs it); Rekor v2: the only index.</summary>
    public required long LogIndex { get; init; }

    public required byte[] LogId { get; init; }

    public required string Kind { get; init; }

    public required string KindVersion { get; init; }

    /// <summary>Unix seconds; 0 when absent (Rekor v2).</summary>
    public required long IntegratedTime { get; init; }

    public byte[]? SignedEntryTimestamp { get; init; }

    public InclusionProof? InclusionProof { get; init; }

    public required byte[] CanonicalizedBody { get; init; }
}

public sealed class InclusionProof
{
    /// <summary>Rekor v1: the index within the shard, not the global index.</summary>
    public required long LogIndex { get; init; }

    public required byte[] RootHash { get; init; }

    public required long TreeSize { get; init; }

    public required IReadOnlyList<byte[]> Hashes { get; init; }

    /// <summary>The signed-note text of the checkpoint; null when the proof has none.</summary>
    public string? Checkpoint { get; init; }
}
