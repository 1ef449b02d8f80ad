using ImageGate.Cli.Logging;
using ImageGate.Cli.Tuf;
using ImageGate.Sigstore;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Cli;

/// <summary>
/// Loads the trust root: a file, a directory holding <c>trusted_root.json</c> (a mounted ConfigMap), or the
/// embedded Sigstore public-good root (production or staging) when none is given.
/// </summary>
internal static class TrustRootLoader
{
    public const string ProductionResource = "production.trusted_root.json";
    public const string StagingResource = "staging.trusted_root.json";

    /// <summary>Returns why loading failed (its exit code is the catalogue's), or null with the root.</summary>
    public static Failure? TryLoad(string? path, bool staging, out TrustedRoot? root)
    {
        root = null;
        return TryRead(path, staging, out var bytes) ?? TrustedRootParser.TryParse(bytes, out root);
    }

    /// <summary>
    /// <c>verify</c>'s path: with <paramref name="tuf"/>, the bytes must first be the trust root the TUF metadata
    /// publishes (docs/trust-root.md §2); once parsed, every expired, expiring or unusable entry is a warning.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static Failure? TryLoad(string? path, TufArguments? tuf, TimeProvider time, out TrustedRoot? root)
    {
        root = null;
        if (TryRead(path, staging: false, out var bytes) is { } unread)
        {
            return unread;
        }
        if (tuf is not null && TufCheck.Run(bytes, tuf, time, CancellationToken.None, out _) is { } refused)
        {
            return refused;
        }
        if (TrustedRootParser.TryParse(bytes, out root) is { } malformed)
        {
            return malformed;
        }
        Log.Logger.TrustRootLoaded(path ?? "embedded production root", root!.Sha256,
            tuf is null ? "not checked against TUF metadata" : "published by the TUF metadata in " + tuf.Directory);
        TrustRootWarnings.Write(root!, time.GetUtcNow());
        return null;
    }

    /// <summary>The trust root's bytes: the file, DIR/trusted_root.json, or the embedded root.</summary>
    public static Failure? TryRead(string? path, bool staging, out byte[] bytes)
    {
        if (path is null)
        {
            using var stream = typeof(TrustRootLoader).Assembly.GetManifestResourceStream(staging ? StagingResource : ProductionResource)
                ?? throw new InvalidOperationException("the embedded trust root is missing from this build");
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return null;
        }
        var file = Directory.Exists(path) ? Path.Combine(path, "trusted_root.json") : path;
        return InputFiles.TryRead(file, "trust root", Limits.MaxTrustedRootBytes, out bytes);
    }
}
