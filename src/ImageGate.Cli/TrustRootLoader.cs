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

    /// <summary>Returns the exit code to use when loading failed, or null on success.</summary>
    public static int? TryLoad(string? path, bool staging, TextWriter error, out TrustedRoot? root)
    {
        root = null;
        return TryRead(path, staging, error, out var bytes) ?? Parse(bytes, error, out root);
    }

    /// <summary>
    /// <c>verify</c>'s path: with <paramref name="tuf"/>, the bytes must first be the trust root the TUF metadata
    /// publishes (docs/trust-root.md §2); once parsed, every expired, expiring or unusable entry is a warning line.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static int? TryLoad(string? path, TufArguments? tuf, TimeProvider time, TextWriter error, out TrustedRoot? root)
    {
        root = null;
        if (TryRead(path, staging: false, error, out var bytes) is { } unread)
        {
            return unread;
        }
        if (tuf is not null)
        {
            TufCheck.Run(bytes, tuf, time, error, CancellationToken.None, out var refused);
            if (refused is not null)
            {
                return refused;
            }
        }
        if (Parse(bytes, error, out root) is { } malformed)
        {
            return malformed;
        }
        TrustRootWarnings.Write(root!, time.GetUtcNow(), error);
        return null;
    }

    /// <summary>The trust root's bytes: the file, DIR/trusted_root.json, or the embedded root.</summary>
    public static int? TryRead(string? path, bool staging, TextWriter error, out byte[] bytes)
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
        return InputFiles.TryRead(file, "trust root", Limits.MaxTrustedRootBytes, error, out bytes);
    }

    public static int? Parse(byte[] bytes, TextWriter error, out TrustedRoot? root)
    {
        var failure = TrustedRootParser.TryParse(bytes, out root);
        if (failure is not null)
        {
            error.WriteLine($"error: {failure}");
            return ExitCodes.Usage;
        }
        return null;
    }
}
