namespace ImageGate.Sigstore;

/// <summary>
/// What the deployment guarantees (sigstore-go's verifier options as cosign sets them, §4.0). Thresholds are
/// 1 everywhere by default; raising one is stricter, lowering to 0 is refused.
/// </summary>
public sealed class VerifierOptions
{
    public int TlogThreshold { get; init; } = 1;

    public int SctThreshold { get; init; } = 1;

    /// <summary>Require RFC 3161 timestamps instead of integrated times (cosign --use-signed-timestamps).
    /// Switched on automatically when every tlog entry is Rekor v2 (no integrated time), as cosign does.</summary>
    public bool RequireSignedTimestamps { get; init; }

    public static VerifierOptions Default { get; } = new();
}
