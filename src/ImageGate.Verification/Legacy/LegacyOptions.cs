namespace ImageGate.Verification.Legacy;

/// <summary>
/// cosign's switches for the legacy-annotation flow (sigstore-offline-verification.md §4.7). The defaults are
/// cosign's defaults with <c>--trusted-root</c> and no network: a Rekor bundle annotation is required.
/// </summary>
public sealed class LegacyOptions
{
    /// <summary>
    /// Require and verify the <c>dev.sigstore.cosign/bundle</c> annotation. False is cosign's
    /// <c>--insecure-ignore-tlog</c>: the annotation is then not read at all, as cosign does not read it. Needed for
    /// key-signed signatures that were never logged (the containers/image fixtures).
    /// </summary>
    public bool RequireTlog { get; init; } = true;

    /// <summary>
    /// cosign's <c>--use-signed-timestamps</c>: the <c>dev.sigstore.cosign/rfc3161timestamp</c> annotation must be
    /// present and verify. When false, a timestamp that verifies still adds its time to the expiry check, and one
    /// that does not is ignored (cosign does not read it at all without the flag).
    /// </summary>
    public bool RequireSignedTimestamp { get; init; }

    public static LegacyOptions Default { get; } = new();
}
