using ImageGate.Cli.Reasons;
using ImageGate.Oci;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Tuf;

namespace ImageGate.Cli.Tuf;

/// <summary>
/// Runs the offline TUF check (docs/trust-root.md §2) of a trust root's bytes against the mounted metadata, from the
/// embedded pinned public-good root: each expired metadata file is a <c>warning:</c> line, a failure an
/// <c>error:</c> line whose exit code comes from <see cref="ReasonCatalogue"/>.
/// </summary>
internal static class TufCheck
{
    public const string PinnedRootResource = "tuf-root.json";

    /// <summary>The check's outcome (<paramref name="exitCode"/> set when it failed), or null when a file could not be read (exit 3).</summary>
    public static TufVerification? Run(ReadOnlySpan<byte> trustRoot, TufArguments arguments, TimeProvider time, TextWriter error, CancellationToken cancellationToken, out int? exitCode)
    {
        exitCode = null;
        if (!Directory.Exists(arguments.Directory))
        {
            var missing = new Failure(TufReasons.Missing, $"expected --tuf-metadata {arguments.Directory} to be a directory of TUF metadata; there is none");
            exitCode = Fail(error, missing);
            return new TufVerification { Failure = missing };
        }
        TufVerification result;
        try
        {
            result = new TufVerifier(time).Verify(PinnedRoot(), new TufDirectory(arguments.Directory), trustRoot, arguments.RequireFresh, cancellationToken);
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {SourceReason.Unavailable}: {e.Message}");
            exitCode = ExitCodes.Unavailable;
            return null;
        }
        // With fresh metadata required, the one expired file is the error itself.
        if (result.Failure?.Code != TufReasons.Expired)
        {
            foreach (var expired in result.Expired)
            {
                error.WriteLine($"warning: tuf: {expired}; the metadata in {arguments.Directory} is stale: refresh it (--tuf-require-fresh refuses it)");
            }
        }
        if (result.Failure is { } failure)
        {
            exitCode = Fail(error, failure);
        }
        return result;
    }

    public static byte[] PinnedRoot()
    {
        using var stream = typeof(TufCheck).Assembly.GetManifestResourceStream(PinnedRootResource)
            ?? throw new InvalidOperationException("the pinned TUF root is missing from this build");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static int Fail(TextWriter error, Failure failure)
    {
        error.WriteLine($"error: {failure}");
        return ReasonCatalogue.ExitCodeFor(failure.Code);
    }
}
