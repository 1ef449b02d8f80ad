namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// The offline TUF check (docs/trust-root.md §2): that a <c>trusted_root.json</c> is the one a TUF repository
/// published, from a pinned initial root and a directory of metadata, with no network. TUF 1.0 "Detailed client
/// workflow" 5.3 to 5.6 and the target match of 5.7, without the persisted state of an online client: every
/// check that needs only the files is made, in the spec's order, and the first failure ends the check.
/// </summary>
public sealed class TufVerifier(TimeProvider timeProvider)
{
    public const string TrustedRootTarget = "trusted_root.json";

    /// <param name="pinnedRoot">The initial root the binary trusts (its signatures are checked against itself).</param>
    /// <param name="files">The metadata directory.</param>
    /// <param name="trustRoot">The bytes of the trust root about to be used.</param>
    /// <param name="requireFresh">Expired metadata fails the check (<see cref="TufReasons.Expired"/>) instead of being reported.</param>
    public TufVerification Verify(ReadOnlySpan<byte> pinnedRoot, ITufFiles files, ReadOnlySpan<byte> trustRoot, bool requireFresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        // 5.1: one time for every expiry check of the run.
        var now = timeProvider.GetUtcNow();
        var expired = new List<string>();
        if (MetadataParser.TryParse(pinnedRoot.ToArray(), "the pinned root", "root", out var pinned) is { } bad)
        {
            throw new InvalidOperationException("the pinned TUF root does not parse: " + bad.Message);
        }
        TufMetadata? timestamp = null;
        TufMetadata? snapshot = null;
        TufMetadata? targets = null;
        var failure = RootChain.TryWalk(pinned!, files, cancellationToken, out var root)
            ?? Stale(root, now, expired, requireFresh)
            ?? TopLevelRoles.TryTimestamp(files, root, cancellationToken, out timestamp)
            ?? Stale(timestamp!, now, expired, requireFresh)
            ?? TopLevelRoles.TrySnapshot(files, root, timestamp!, cancellationToken, out snapshot)
            ?? Stale(snapshot!, now, expired, requireFresh)
            ?? TopLevelRoles.TryTargets(files, root, snapshot!, cancellationToken, out targets)
            ?? Stale(targets!, now, expired, requireFresh)
            ?? TargetMatch.Check(targets!, trustRoot);
        return new TufVerification
        {
            Failure = failure,
            PinnedRootVersion = pinned!.Version,
            RootVersion = root.Version,
            TimestampVersion = timestamp?.Version ?? 0,
            SnapshotVersion = snapshot?.Version ?? 0,
            TargetsVersion = targets?.Version ?? 0,
            Expired = expired,
        };
    }

    /// <summary>The freeze-attack check (5.3.10, 5.4.4, 5.5.6, 5.6.4): offline, an expired file is reported unless
    /// fresh metadata is required, since a mounted copy ages between refreshes.</summary>
    private static Failure? Stale(TufMetadata metadata, DateTimeOffset now, List<string> expired, bool requireFresh)
    {
        if (metadata.Expires >= now)
        {
            return null;
        }
        string message = $"{metadata.Describe()} expired at {metadata.Expires:yyyy-MM-dd'T'HH:mm:ss'Z'}";
        expired.Add(message);
        return requireFresh
            ? new Failure(TufReasons.Expired, $"expected unexpired TUF metadata (--tuf-require-fresh) at {now:yyyy-MM-dd'T'HH:mm:ss'Z'}; {message}")
            : null;
    }
}
