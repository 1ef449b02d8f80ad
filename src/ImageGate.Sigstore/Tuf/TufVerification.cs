namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// The outcome of the offline TUF check: the failure (null when the trust root is the published one), the
/// versions it went through, and each expired file (a warning, or with fresh metadata required, the failure).
/// </summary>
public sealed class TufVerification
{
    public Failure? Failure { get; init; }

    public bool Verified => Failure is null;

    /// <summary>The pinned root version, and the last root version trusted (where the chain ended, or stopped).</summary>
    public long PinnedRootVersion { get; init; }

    public long RootVersion { get; init; }

    public long TimestampVersion { get; init; }

    public long SnapshotVersion { get; init; }

    public long TargetsVersion { get; init; }

    /// <summary>Each metadata file whose <c>expires</c> is before the check's time, in workflow order.</summary>
    public IReadOnlyList<string> Expired { get; init; } = [];
}
