using ImageGate.Cli.Reasons;
using ImageGate.Oci;
using ImageGate.Oci.Files;
using ImageGate.Sigstore;

namespace ImageGate.Cli;

/// <summary>
/// Every file a command reads whole (bundle, artifact, key, trust root, CUE, statement) goes through here: a regular
/// file (or a link to one, as ConfigMap mounts are) within its cap, checked before a byte is read. A FIFO, device,
/// directory or oversized file is a usage error (exit 2); a file that cannot be read is exit 3.
/// </summary>
internal static class InputFiles
{
    public const long MaxKeyBytes = 64 * 1024;

    /// <summary>verify-bundle hashes the artifact from memory (Ed25519 message signatures need its bytes).</summary>
    public const long MaxArtifactBytes = 1024L * 1024 * 1024;

    /// <summary>Returns why the file was refused (<c>usage</c> or <c>source.unavailable</c>), or null with its bytes.</summary>
    public static Failure? TryRead(string path, string what, long cap, out byte[] bytes)
    {
        var refusal = BoundedFile.TryRead(path, what, cap, followLinks: true, out bytes, out var problem);
        return refusal == FileRefusal.None ? null
            : new Failure(refusal == FileRefusal.Unreadable ? SourceReason.Unavailable : CliReasons.Usage, problem!);
    }
}
