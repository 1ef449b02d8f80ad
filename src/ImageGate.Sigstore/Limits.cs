namespace ImageGate.Sigstore;

/// <summary>Every bound on input that comes from outside, in one place (sigstore-go internal/limits).</summary>
public static class Limits
{
    public const int MaxTlogEntries = 32;
    public const int MaxTimestamps = 32;
    public const int MaxSubjects = 1024;
    public const int MaxDigestsPerSubject = 32;
    public const int MaxJsonDepth = 64;

    /// <summary>
    /// Sigstore's documents are protobuf JSON, and protojson refuses a repeated key. Readers disagree on which
    /// duplicate wins (Go's encoding/json takes the last), so an ambiguous document is refused, never read one way.
    /// </summary>
    public static readonly System.Text.Json.JsonDocumentOptions StrictJson = new() { MaxDepth = MaxJsonDepth, AllowDuplicateProperties = false };
    public const int MaxBundleBytes = 64 * 1024 * 1024;
    public const int MaxTrustedRootBytes = 16 * 1024 * 1024;
    public const int MaxCertificatesInChain = 10;
    public const int MaxDsseSignatures = 32;
    public const int MaxInclusionProofHashes = 64;
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);
}
