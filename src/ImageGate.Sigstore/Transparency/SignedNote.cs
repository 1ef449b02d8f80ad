using System.Globalization;
using System.Text;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Sigstore.Transparency;

/// <summary>
/// A C2SP signed note holding a transparency-log checkpoint: the note text (origin, tree size, base64 root hash,
/// optional extension lines, each ending in a newline), an empty line, then signature lines
/// <c>— &lt;name&gt; &lt;base64(4-byte key hint || signature)&gt;</c>.
/// </summary>
internal sealed class SignedNote
{
    private const string SignaturePrefix = "\u2014 ";

    private SignedNote(byte[] text, string origin, long size, byte[] rootHash, IReadOnlyList<NoteSignature> signatures)
    {
        Text = text;
        Origin = origin;
        Size = size;
        RootHash = rootHash;
        Signatures = signatures;
    }

    /// <summary>The signed bytes: the note up to and including its last text newline.</summary>
    public byte[] Text { get; }

    public string Origin { get; }

    public long Size { get; }

    public byte[] RootHash { get; }

    public IReadOnlyList<NoteSignature> Signatures { get; }

    public static Failure? TryParse(string envelope, out SignedNote? note)
    {
        note = null;
        // The signatures follow the LAST blank line; the text keeps its own final newline.
        int split = envelope.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return Invalid("the checkpoint has no blank line between its text and its signatures");
        }
        string text = envelope[..(split + 1)];
        string[] lines = text[..^1].Split('\n');
        if (lines.Length < 3 || lines[0].Length == 0)
        {
            return Invalid($"the checkpoint needs an origin, a tree size and a root hash; found {lines.Length} line(s)");
        }
        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out long size))
        {
            return Invalid($"the checkpoint's tree size \"{ProtoJson.Truncate(lines[1])}\" is not a decimal number");
        }
        if (lines[2].Length == 0 || !TryStdBase64(lines[2], out var root))
        {
            return Invalid("the checkpoint's root hash line is not standard base64");
        }
        var signatures = new List<NoteSignature>();
        foreach (var line in envelope[(split + 2)..].Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            {
                return Invalid("a checkpoint signature line does not start with an em dash and a space");
            }
            int space = line.LastIndexOf(' ');
            string name = line[SignaturePrefix.Length..space];
            if (name.Length == 0 || !TryStdBase64(line[(space + 1)..], out var blob) || blob.Length < 5)
            {
                return Invalid("a checkpoint signature line is malformed");
            }
            uint hint = (uint)(blob[0] << 24 | blob[1] << 16 | blob[2] << 8 | blob[3]);
            signatures.Add(new NoteSignature(name, hint, blob[4..]));
        }
        if (signatures.Count == 0)
        {
            return Invalid("the checkpoint is not signed");
        }
        note = new SignedNote(Encoding.UTF8.GetBytes(text), lines[0], size, root, signatures);
        return null;
    }

    private static bool TryStdBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out int written) || text.AsSpan().ContainsAny(" \t\r"))
        {
            bytes = [];
            return false;
        }
        bytes = bytes[..written];
        return true;
    }

    private static Failure Invalid(string message) => new(ReasonCodes.TlogCheckpointInvalid, message);
}

internal sealed record NoteSignature(string KeyName, uint KeyHint, byte[] Signature);
