using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ImageGate.Sigstore.Formats;

/// <summary>
/// protojson's base64 (Go's protojson unmarshal of <c>bytes</c>): the URL-safe alphabet when the text holds
/// <c>-</c> or <c>_</c>, else the standard one; padded when the length is a multiple of four, unpadded otherwise.
/// Writers use standard with padding. Whitespace is refused. Every entry point applies the same rules (TryMeasure).
/// </summary>
public static class Base64Lenient
{
    // The BCL decoders skip these; protojson does not.
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        return text is not null && TryDecode(Encoding.UTF8.GetBytes(text), out bytes);
    }

    /// <summary>The same rules over UTF-8 text, without ever making a string of it (a payload may be megabytes).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8, out byte[] bytes)
    {
        bytes = [];
        if (!TryMeasure(utf8, out bool url, out int length))
        {
            return false;
        }
        // Sized exactly, so a megabytes-large payload is never copied to trim it.
        var buffer = new byte[length];
        int written;
        if (url)
        {
            Base64Url.DecodeFromUtf8(utf8, buffer, out _, out written);
        }
        else
        {
            int whole = utf8.Length - utf8.Length % 4;
            Base64.DecodeFromUtf8(utf8[..whole], buffer, out _, out written);
            written += DecodeTail(utf8[whole..], buffer.AsSpan(written));
        }
        bytes = buffer;
        return written == length;
    }

    /// <summary>
    /// Decodes <paramref name="utf8"/> into its own first <paramref name="written"/> bytes (decoded data is always
    /// shorter than its text), so a large payload is held once. When the text is not valid the span is left untouched.
    /// </summary>
    public static bool TryDecodeInPlace(Span<byte> utf8, out int written)
    {
        written = 0;
        if (!TryMeasure(utf8, out bool url, out int length))
        {
            return false;
        }
        if (url)
        {
            // Same positions, same padding: the URL alphabet differs from the standard one in two letters only.
            utf8.Replace((byte)'-', (byte)'+');
            utf8.Replace((byte)'_', (byte)'/');
        }
        int whole = utf8.Length - utf8.Length % 4;
        Span<byte> tail = stackalloc byte[3];
        tail = tail[..(utf8.Length - whole)];
        utf8[whole..].CopyTo(tail);
        Base64.DecodeFromUtf8InPlace(utf8[..whole], out written);
        written += DecodeTail(tail, utf8[written..]);
        return written == length;
    }

    /// <summary>Whether the text is valid under protojson's rules, its alphabet, and how many bytes it decodes to.</summary>
    private static bool TryMeasure(ReadOnlySpan<byte> utf8, out bool url, out int length)
    {
        length = 0;
        url = utf8.ContainsAny((byte)'-', (byte)'_');
        if (utf8.ContainsAny(Whitespace) || (url && utf8.ContainsAny((byte)'+', (byte)'/')))
        {
            return false;
        }
        int remainder = utf8.Length % 4;
        int whole = utf8.Length - remainder;
        if (remainder == 1 || (remainder != 0 && utf8.Contains((byte)'=')))
        {
            return false;
        }
        bool valid = url
            ? Base64Url.IsValid(utf8)
            : Base64.IsValid(utf8[..whole]) && (remainder == 0 || Base64.IsValid(Padded(utf8[whole..], stackalloc byte[4])));
        if (!valid)
        {
            return false;
        }
        int padding = remainder == 0 ? utf8.Length - utf8.TrimEnd((byte)'=').Length : 0;
        length = whole / 4 * 3 - padding + Math.Max(0, remainder - 1);
        return true;
    }

    /// <summary>The last two or three characters of unpadded standard base64, decoded (empty when there are none).</summary>
    private static int DecodeTail(ReadOnlySpan<byte> tail, Span<byte> destination)
    {
        if (tail.IsEmpty)
        {
            return 0;
        }
        Base64.DecodeFromUtf8(Padded(tail, stackalloc byte[4]), destination, out _, out int written);
        return written;
    }

    private static ReadOnlySpan<byte> Padded(ReadOnlySpan<byte> tail, Span<byte> quad)
    {
        quad.Fill((byte)'=');
        tail.CopyTo(quad);
        return quad;
    }
}
