namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// The metadata files by name, as a mounted directory holds them (flat: ConfigMap keys have no directories).
/// The CLI reads a directory; tests serve bytes from memory.
/// </summary>
public interface ITufFiles
{
    /// <summary>
    /// Reads <paramref name="name"/>. Returns null with <paramref name="bytes"/> null when there is no such file;
    /// a failure (<see cref="TufReasons.LimitExceeded"/>, <see cref="TufReasons.Malformed"/>) when the file is larger
    /// than <paramref name="maxBytes"/> or not a regular file. Throws <see cref="IOException"/> when it cannot be read.
    /// </summary>
    Failure? TryRead(string name, int maxBytes, out byte[]? bytes);
}
