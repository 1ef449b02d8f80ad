namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// Step 5 of the check (docs/trust-root.md §2.5): the trust root in use must be byte for byte the target the signed
/// top-level targets metadata lists: the same length, the same SHA-256 (which must be listed) and every other listed
/// hash. Delegations are not followed.
/// </summary>
internal static class TargetMatch
{
    public static Failure? Check(TufMetadata targets, ReadOnlySpan<byte> trustRoot)
    {
        string name = TufVerifier.TrustedRootTarget;
        if (targets.Listed is not { } target)
        {
            return new Failure(TufReasons.TargetMissing, $"expected {targets.Describe()} to list the target {name}; it lists {targets.TargetCount} other target(s)"
                + (targets.Delegations is { Length: > 0 } roles ? $" and delegates to {roles}, which is not followed" : string.Empty));
        }
        if (!target.Hashes.ContainsKey("sha256"))
        {
            return new Failure(TufReasons.TargetMismatch, $"expected {targets.Describe()} to list a sha256 hash for {name}; it lists {target.Describe()}");
        }
        return target.Mismatch(trustRoot) is { } mismatch
            ? new Failure(TufReasons.TargetMismatch, $"expected the trust root to be the {name} that {targets.Describe()} lists ({target.Describe()}); {mismatch}: it is not the one published")
            : null;
    }
}
