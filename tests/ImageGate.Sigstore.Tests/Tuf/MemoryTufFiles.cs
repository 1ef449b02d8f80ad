using ImageGate.Sigstore.Tuf;

namespace ImageGate.Sigstore.Tests.Tuf;

/// <summary>A metadata directory in memory: each test changes its own copy, byte for byte.</summary>
internal sealed class MemoryTufFiles(Dictionary<string, byte[]> files) : ITufFiles
{
    public Dictionary<string, byte[]> Files { get; } = files;

    /// <summary>The names asked for, in order: which files a check read.</summary>
    public List<string> Read { get; } = [];

    public Failure? TryRead(string name, int maxBytes, out byte[]? bytes)
    {
        Read.Add(name);
        if (!Files.TryGetValue(name, out bytes))
        {
            return null;
        }
        if (bytes.Length > maxBytes)
        {
            bytes = null;
            return new Failure(TufReasons.LimitExceeded, $"{name} is over {maxBytes} bytes");
        }
        return null;
    }
}
