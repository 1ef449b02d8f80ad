namespace ImageGate.Testing.VirtualSigstore;

/// <summary>An RFC 6962 inclusion proof and the signed checkpoint for the same tree size and root.</summary>
public sealed record InclusionProofData(long LogIndex, long TreeSize, byte[] RootHash, IReadOnlyList<byte[]> Hashes, string Checkpoint);
