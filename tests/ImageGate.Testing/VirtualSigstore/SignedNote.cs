using System.Text;

namespace ImageGate.Testing.VirtualSigstore;

/// <summary>
/// C2SP signed notes (checkpoints): the note text ending in '\n', an empty line, then one line per signature:
/// U+2014 EM DASH, space, key name, space, base64(4-byte key hint || signature).
/// </summary>
public static class SignedNote
{
    public const char EmDash = '\u2014';

    /// <summary>The checkpoint body: origin, decimal size, base64 root hash, each followed by '\n'.</summary>
    public static string CheckpointText(string origin, long size, byte[] rootHash) =>
        $"{origin}\n{size}\n{Convert.ToBase64String(rootHash)}\n";

    public static string SignatureLine(string keyName, ReadOnlySpan<byte> keyHint, ReadOnlySpan<byte> signature) =>
        $"{EmDash} {keyName} {Convert.ToBase64String([.. keyHint[..4], .. signature])}\n";

    public static string Assemble(string text, IEnumerable<string> signatureLines)
    {
        var sb = new StringBuilder(text).Append('\n');
        foreach (string line in signatureLines)
        {
            sb.Append(line);
        }
        return sb.ToString();
    }
}
