using ImageGate.Cli.Logging;
using ImageGate.Oci;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Tuf;

namespace ImageGate.Cli.Tuf;

/// <summary>
/// Runs the offline TUF check (docs/trust-root.md §2) of a trust root's bytes against the mounted metadata, from the
/// embedded pinned public-good root: each expired metadata file is a warning event (docs/logging.md §3, id 13); a
/// refusal is returned, for the caller to end the run with.
/// </summary>
internal static class TufCheck
{
    public const string PinnedRootResource = "tuf-root.json";

    /// <summary>The check's outcome, or null when a file could not be read; <paramref name="failure"/> is why it
    /// refused (also returned), null when the trust root is the one the metadata publishes.</summary>
    public static Failure? Run(ReadOnlySpan<byte> trustRoot, TufArguments arguments, TimeProvider time, CancellationToken cancellationToken, out TufVerification? result)
    {
        result = null;
        if (!Directory.Exists(arguments.Directory))
        {
            var missing = new Failure(TufReasons.Missing, $"expected --tuf-metadata {arguments.Directory} to be a directory of TUF metadata; there is none");
            result = new TufVerification { Failure = missing };
            return missing;
        }
        try
        {
            result = new TufVerifier(time).Verify(PinnedRoot(), new TufDirectory(arguments.Directory), trustRoot, arguments.RequireFresh, cancellationToken);
        }
        catch (IOException e)
        {
            return new Failure(SourceReason.Unavailable, e.Message);
        }
        // With fresh metadata required, the one expired file is the error itself.
        if (result.Failure?.Code != TufReasons.Expired)
        {
            foreach (var expired in result.Expired)
            {
                Log.Logger.TufStale(expired, arguments.Directory);
            }
        }
        return result.Failure;
    }

    public static byte[] PinnedRoot()
    {
        using var stream = typeof(TufCheck).Assembly.GetManifestResourceStream(PinnedRootResource)
            ?? throw new InvalidOperationException("the pinned TUF root is missing from this build");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
