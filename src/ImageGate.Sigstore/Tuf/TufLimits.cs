namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// Bounds on the mounted metadata (docs/trust-root.md §2.1). Sigstore's files are a few KiB each and its root has
/// rotated 15 times in five years, so these leave room for decades while bounding a hostile directory's cost.
/// </summary>
public static class TufLimits
{
    /// <summary>Per metadata file; a ConfigMap cannot hold more than 1 MiB in total anyway.</summary>
    public const int MaxMetadataBytes = 1024 * 1024;

    /// <summary>Root versions walked past the pinned one.</summary>
    public const int MaxRootRotations = 1024;

    /// <summary>Signatures in one file; each is tried at most once.</summary>
    public const int MaxSignatures = 256;

    /// <summary>Keys in one root's key table.</summary>
    public const int MaxKeys = 256;
}
