namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// Steps 2 to 4 of the check (docs/trust-root.md §2.4, TUF 1.0 client workflow 5.4 to 5.6), each with the keys of
/// the final root: <c>timestamp.json</c> signed by the timestamp role; the snapshot it names, matching its length and
/// hashes (when listed) and version, signed by the snapshot role; the <c>targets.json</c> the snapshot names, likewise,
/// signed by the targets role. With consistent snapshots the files are read as <c>VERSION.snapshot.json</c> and
/// <c>VERSION.targets.json</c>, falling back to the plain name (a copy of the git layout); the version inside is
/// checked either way, so the name only locates the file.
/// </summary>
internal static class TopLevelRoles
{
    public static Failure? TryTimestamp(ITufFiles files, TufMetadata root, CancellationToken cancellationToken, out TufMetadata? timestamp)
    {
        timestamp = null;
        const string name = "timestamp.json";
        if (files.TryRead(name, TufLimits.MaxMetadataBytes, out var bytes) is { } refused)
        {
            return refused;
        }
        if (bytes is null)
        {
            return new Failure(TufReasons.Missing, $"expected {name} in the metadata directory; there is none");
        }
        return MetadataParser.TryParse(bytes, name, "timestamp", out timestamp)
            ?? SignatureThreshold.Check(timestamp!, "timestamp", root, cancellationToken);
    }

    public static Failure? TrySnapshot(ITufFiles files, TufMetadata root, TufMetadata timestamp, CancellationToken cancellationToken, out TufMetadata? snapshot) =>
        TryListed(files, root, "snapshot", timestamp.Listed!, timestamp.Describe(), cancellationToken, out snapshot);

    public static Failure? TryTargets(ITufFiles files, TufMetadata root, TufMetadata snapshot, CancellationToken cancellationToken, out TufMetadata? targets)
        => TryListed(files, root, "targets", snapshot.Listed!, snapshot.Describe(), cancellationToken, out targets);

    /// <summary>A file its signed parent lists by version (and maybe length and hashes), signed by <paramref name="role"/>.</summary>
    private static Failure? TryListed(ITufFiles files, TufMetadata root, string role, ListedFile expected, string parent, CancellationToken cancellationToken, out TufMetadata? metadata)
    {
        metadata = null;
        long version = expected.Version;
        string plain = role + ".json";
        string name = root.ConsistentSnapshot ? $"{version}.{plain}" : plain;
        if (files.TryRead(name, TufLimits.MaxMetadataBytes, out var bytes) is { } refused)
        {
            return refused;
        }
        if (bytes is null && name != plain)
        {
            name = plain;
            if (files.TryRead(name, TufLimits.MaxMetadataBytes, out bytes) is { } refusedPlain)
            {
                return refusedPlain;
            }
        }
        if (bytes is null)
        {
            return new Failure(TufReasons.Missing, $"expected {(root.ConsistentSnapshot ? $"{version}.{plain} or {plain}" : plain)} ({role} v{version}, as {parent} lists) in the metadata directory; there is none");
        }
        if (expected.Mismatch(bytes) is { } mismatch)
        {
            return new Failure(TufReasons.HashMismatch, $"expected {name} to be the {plain} that {parent} lists ({expected.Describe()}); {mismatch}");
        }
        if (MetadataParser.TryParse(bytes, name, role, out metadata) is { } malformed)
        {
            return malformed;
        }
        if (SignatureThreshold.Check(metadata!, role, root, cancellationToken) is { } unsigned)
        {
            return unsigned;
        }
        if (metadata!.Version != version)
        {
            return new Failure(TufReasons.VersionMismatch,
                $"expected {name} to hold {role} version {version}, as {parent} lists; found version {metadata.Version}{(metadata.Version < version ? ", a rollback" : string.Empty)}");
        }
        return null;
    }
}
