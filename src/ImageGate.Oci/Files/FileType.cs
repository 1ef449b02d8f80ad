using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ImageGate.Oci.Files;

/// <summary>What a path names, read with statx(2) before the file is opened.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,

    /// <summary>A FIFO, socket or device: opening a FIFO blocks until a writer comes, and /dev/zero never ends.</summary>
    Special,

    /// <summary>statx is not available (not Linux, or refused by a seccomp profile): the caller relies on its
    /// size cap and the run's deadline.</summary>
    Unknown,
}

/// <summary>
/// The file type and size of a path without opening it. statx's buffer layout is the same on every Linux
/// architecture (unlike struct stat, which differs between x86-64 and arm64), so one definition serves both.
/// </summary>
public static partial class FileType
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
    private const int TypeMask = 0xF000;

    public static FileKind Of(string path, bool followLinks, out long size)
    {
        ArgumentNullException.ThrowIfNull(path);
        size = 0;
        if (!OperatingSystem.IsLinux())
        {
            return FileKind.Unknown;
        }
        var buffer = new byte[256];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxSize, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            return FileKind.Unknown;
        }
        if (result != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno is 2 or 20 ? FileKind.Missing : FileKind.Unknown; // ENOENT, ENOTDIR
        }
        size = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(SizeOffset));
        if (!BitConverter.IsLittleEndian)
        {
            size = BinaryPrimitives.ReverseEndianness(size);
        }
        int mode = BitConverter.IsLittleEndian
            ? BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset))
            : BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(ModeOffset));
        return (mode & TypeMask) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Special,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
