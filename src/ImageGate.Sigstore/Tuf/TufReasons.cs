namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// The reason codes of the offline TUF check (docs/trust-root.md §2). Never rename or reuse one. Evidence that the
/// metadata or the trust root was altered (a signature, a version, a hash) is a rejection (exit 1); input that cannot
/// be used as it stands (missing, malformed, too large, stale under <c>--tuf-require-fresh</c>) must be changed (exit 2).
/// </summary>
public static class TufReasons
{
    /// <summary>A metadata file that is not TUF 1.0 JSON of the expected role, or that cannot be canonicalised.</summary>
    public const string Malformed = "tuf.malformed";

    /// <summary>A file the check needs is not in the metadata directory.</summary>
    public const string Missing = "tuf.missing";

    /// <summary>A file over its size cap, or a root chain longer than allowed.</summary>
    public const string LimitExceeded = "tuf.limit-exceeded";

    /// <summary>Fewer valid signatures by distinct keys of the role than its threshold.</summary>
    public const string ThresholdNotMet = "tuf.threshold-not-met";

    /// <summary>A version other than the one its file name or its signed parent names (a rollback or a mix of sets).</summary>
    public const string VersionMismatch = "tuf.version-mismatch";

    /// <summary>A snapshot or targets file whose length or hashes differ from what its signed parent lists.</summary>
    public const string HashMismatch = "tuf.hash-mismatch";

    /// <summary>The signed targets list no <c>trusted_root.json</c> (or only in a delegation, which is not followed).</summary>
    public const string TargetMissing = "tuf.target-missing";

    /// <summary>The trust root's length or hashes differ from the published target: it is not the one Sigstore signed.</summary>
    public const string TargetMismatch = "tuf.target-mismatch";

    /// <summary>Expired metadata when fresh metadata is required (<c>--tuf-require-fresh</c>).</summary>
    public const string Expired = "tuf.expired";
}
