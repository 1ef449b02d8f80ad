using ImageGate.Oci.Files;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Tuf;

namespace ImageGate.Cli.Tuf;

/// <summary>
/// The mounted TUF metadata directory (a ConfigMap: flat, its files links to regular files). A file that is absent
/// is absent; one that is not a regular file or is over its cap is refused before it is read; one that cannot be
/// read is an <see cref="IOException"/> (exit 3, worth retrying).
/// </summary>
internal sealed class TufDirectory(string directory) : ITufFiles
{
    public Failure? TryRead(string name, int maxBytes, out byte[]? bytes)
    {
        bytes = null;
        var path = Path.Combine(directory, name);
        if (FileType.Of(path, followLinks: true, out _) == FileKind.Missing)
        {
            return null;
        }
        switch (BoundedFile.TryRead(path, "TUF metadata", maxBytes, followLinks: true, out var read, out var problem))
        {
            case FileRefusal.None:
                bytes = read;
                return null;
            case FileRefusal.TooLarge:
                return new Failure(TufReasons.LimitExceeded, problem);
            case FileRefusal.NotRegular:
                return new Failure(TufReasons.Malformed, problem);
            default:
                throw new IOException(problem);
        }
    }
}
