namespace ImageGate.Cli.Marker;

/// <summary>
/// Copies the running binary into a shared volume so the main container can run <c>imagegate exec</c> or
/// <c>imagegate check</c> without a shell or a second image. Done only after success and before the marker, by
/// temporary file and rename, read-and-execute only: a half-copied gate can never be started.
/// </summary>
internal static class GateInstaller
{
    public static void Install(string directory)
    {
        var self = Environment.ProcessPath ?? throw new IOException("cannot tell where this binary is");
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, "imagegate");
        var temp = Path.Combine(directory, $".imagegate.{Environment.ProcessId}.tmp");
        try
        {
            File.Copy(self, temp, overwrite: true);
            if (OperatingSystem.IsWindows())
            {
                throw new IOException("--install-gate is for Linux containers");
            }
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
