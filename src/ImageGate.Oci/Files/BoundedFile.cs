namespace ImageGate.Oci.Files;

/// <summary>Why a file was not read. <see cref="Unreadable"/> is worth retrying; the others are configuration errors.</summary>
public enum FileRefusal
{
    None,
    Unreadable,
    NotRegular,
    TooLarge,
}

/// <summary>
/// Reads a whole input file only if it is a regular file within its cap, checked before any byte is read: a
/// 600 MB "bundle" or <c>/dev/zero</c> is refused at once instead of being read into memory. The read itself stops
/// at the size found (one byte past the cap when no size is known), so a file that grows after the check is refused too.
/// </summary>
public static class BoundedFile
{
    /// <param name="what">What the file is, for the message ("trust root", "policy file").</param>
    /// <param name="followLinks">False refuses a symbolic link itself; true (ConfigMap mounts are links) checks its target.</param>
    public static FileRefusal TryRead(string path, string what, long cap, bool followLinks, out byte[] bytes, out string problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        bytes = [];
        problem = string.Empty;
        var kind = FileType.Of(path, followLinks, out long size);
        switch (kind)
        {
            case FileKind.Missing:
                problem = $"cannot read {what} {path}: no such file";
                return FileRefusal.Unreadable;
            case FileKind.Directory or FileKind.SymbolicLink or FileKind.Special:
                problem = $"expected {what} {path} to be a regular file; found a {Describe(kind)}";
                return FileRefusal.NotRegular;
            case FileKind.Regular when size > cap:
                problem = $"expected {what} {path} to be at most {cap} bytes; it is {size}";
                return FileRefusal.TooLarge;
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            // Known size: one exact buffer. Unknown type (no statx): read up to the cap and one byte more.
            var buffer = new byte[kind == FileKind.Regular ? size : cap + 1];
            int total = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (total > cap || (kind == FileKind.Regular && total == buffer.Length && stream.ReadByte() >= 0))
            {
                problem = $"expected {what} {path} to be at most {cap} bytes and not to change while it is read; it holds more";
                return FileRefusal.TooLarge;
            }
            bytes = total == buffer.Length ? buffer : buffer[..total];
            return FileRefusal.None;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read {what} {path}: {e.Message}";
            return FileRefusal.Unreadable;
        }
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "directory",
        FileKind.SymbolicLink => "symbolic link",
        _ => "FIFO, socket or device",
    };
}
