namespace ImageGate.Verification.Discovery;

/// <summary>Something found and not counted as a Sigstore artifact, with why (for inspect output and debugging).</summary>
public sealed record DiscoveryNote(string Where, string Reason);
