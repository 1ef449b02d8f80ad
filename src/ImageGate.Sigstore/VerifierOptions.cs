namespace ImageGate.Sigstore;

/// <summary>
/// What the deployment guarantees (sigstore-go's verifier options as cosign sets them, §4.0). Thresholds are
/// 1 everywhere by default; raising one is stricter, lowering to 0 is refused.
/// </summary>
public sealed record VerifierOptions
{
    /// <summary>Entries verified in at least this many distinct trusted transparency logs (policy <c>thresholds.tlog</c>).</summary>
    public int TlogThreshold { get; init; } = 1;

    /// <summary>Embedded SCTs verified by at least this many distinct trusted CT logs (policy <c>thresholds.sct</c>).</summary>
    public int SctThreshold { get; init; } = 1;

    /// <summary>Require RFC 3161 timestamps instead of integrated times (cosign --use-signed-timestamps).
    /// Switched on automatically when every tlog entry is Rekor v2 (no integrated time), as cosign does.</summary>
    public bool RequireSignedTimestamps { get; init; }

    /// <summary>
    /// cosign's <c>--insecure-ignore-tlog</c>: log entries are not read and no threshold applies. Only for material
    /// that was never logged (key-signed containers/image signatures); a keyless signature then still needs a time
    /// proven by an RFC 3161 timestamp, so the "current time" fallback of sigstore-go is never used.
    /// </summary>
    public bool InsecureIgnoreTlog { get; init; }

    /// <summary>
    /// Set exactly when the bundle was adapted from a cosign legacy layer (its <see cref="Bundle.SigstoreBundle.MinorVersion"/>
    /// is 0): the few rules that differ for that format (§4.7). Null for Sigstore bundles.
    /// </summary>
    public CosignLegacyOptions? Legacy { get; init; }

    public static VerifierOptions Default { get; } = new();
}
