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
        byte[] bytes;
        if (path is null)
        {
            using var stream = typeof(TrustRootLoader).Assembly.GetManifestResourceStream(staging ? StagingResource : ProductionResource)
                ?? throw new InvalidOperationException("the embedded trust root is missing from this build");
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        else
        {
            var file = Directory.Exists(path) ? Path.Combine(path, "trusted_root.json") : path;
            if (InputFiles.TryRead(file, "trust root", Limits.MaxTrustedRootBytes, error, out bytes) is { } refused)
            {
                return refused;
            }
        }
        var failure = TrustedRootParser.TryParse(bytes, out root);
        if (failure is not null)
        {
            error.WriteLine($"error: {failure}");
            return ExitCodes.Usage;
        }
        return null;
    }
}
