namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// Step 1 of the check (docs/trust-root.md §2.3, TUF 1.0 "Detailed client workflow" 5.3): from the pinned root N,
/// while <c>N+1.root.json</c> exists, it must be signed by a threshold of root N's root keys and by a threshold of
/// its own, and its version must be exactly N+1; it then becomes the trusted root. The expiry of an intermediate
/// root does not matter; only the final root's is checked (by <see cref="TufVerifier"/>).
/// </summary>
internal static class RootChain
{
    public static Failure? TryWalk(TufMetadata pinned, ITufFiles files, CancellationToken cancellationToken, out TufMetadata trusted)
    {
        trusted = pinned;
        // The pinned root must at least be what it claims: signed by its own root keys.
        if (SignatureThreshold.Check(pinned, "root", pinned, cancellationToken) is { } unsigned)
        {
            return unsigned;
        }
        for (int rotations = 0; ; rotations++)
        {
            long next = trusted.Version + 1;
            string name = $"{next}.root.json";
            if (files.TryRead(name, TufLimits.MaxMetadataBytes, out var bytes) is { } refused)
            {
                return refused;
            }
            if (bytes is null)
            {
                return null;
            }
            if (rotations == TufLimits.MaxRootRotations)
            {
                return new Failure(TufReasons.LimitExceeded, $"expected at most {TufLimits.MaxRootRotations} root versions after the pinned v{pinned.Version}; {name} is one more");
            }
            if (MetadataParser.TryParse(bytes, name, "root", out var candidate) is { } malformed)
            {
                return malformed;
            }
            if (SignatureThreshold.Check(candidate!, "root", trusted, cancellationToken) is { } byTrusted)
            {
                return byTrusted;
            }
            if (SignatureThreshold.Check(candidate!, "root", candidate!, cancellationToken) is { } bySelf)
            {
                return bySelf;
            }
            if (candidate!.Version != next)
            {
                return new Failure(TufReasons.VersionMismatch,
                    $"expected {name} to hold root version {next} (the trusted root is v{trusted.Version}); found version {candidate.Version}{(candidate.Version <= trusted.Version ? ", a rollback" : string.Empty)}");
            }
            trusted = candidate;
        }
    }
}
