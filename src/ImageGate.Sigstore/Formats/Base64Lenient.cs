using System.Buffers;
using System.Buffers.Text;

namespace ImageGate.Sigstore.Formats;

/// <summary>
/// protojson accepts both the standard and the URL-safe base64 alphabets, with or without padding;
/// writers use standard with padding. Whitespace is not accepted (protojson rejects it too).
/// </summary>
public static class Base64Lenient
{
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }
        if (text.Length == 0)
        {
            return true;
        }
        bool url = text.AsSpan().IndexOfAny('-', '_') >= 0;
        bool std = text.AsSpan().IndexOfAny('+', '/') >= 0;
        if (url && std)
        {
            return false;
        }
        if (url)
        {
            var trimmed = text.AsSpan().TrimEnd('=');
            if (!Base64Url.IsValid(trimmed))
            {
                return false;
            }
            bytes = Base64Url.DecodeFromChars(trimmed);
            return true;
        }
        string padded = (text.Length % 4) switch
        {
            0 => text,
            2 => text + "==",
            3 => text + "=",
            _ => string.Empty,
        };
        if (padded.Length == 0)
        {
            return false;
        }
        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(padded, buffer, out int written) || padded.AsSpan().ContainsAny(" \t\r\n"))
        {
            return false;
        }
        bytes = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }

    /// <summary>The same rules over UTF-8 text, without ever making a string of it (a payload may be megabytes).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8, out byte[] bytes)
    {
        bytes = [];
        if (utf8.Length == 0)
        {
            return true;
        }
        bool url = utf8.IndexOfAny((byte)'-', (byte)'_') >= 0;
        if (url)
        {
            if (utf8.IndexOfAny((byte)'+', (byte)'/') >= 0)
            {
                return false;
            }
            var trimmed = utf8.TrimEnd((byte)'=');
            if (!Base64Url.IsValid(trimmed))
            {
                return false;
            }
            bytes = Base64Url.DecodeFromUtf8(trimmed);
            return true;
        }
        int padding = (4 - utf8.Length % 4) % 4;
        if (padding == 3)
        {
            return false;
        }
        // Size the buffer exactly (trailing '=' included), so a megabytes-large payload is never copied to trim it.
        int trailing = utf8.Length - utf8.TrimEnd((byte)'=').Length;
        var buffer = new byte[Math.Max(0, ((utf8.Length + padding) / 4 * 3) - padding - trailing)];
        var status = Base64.DecodeFromUtf8(utf8, buffer, out _, out int written, isFinalBlock: true);
        if (status != OperationStatus.Done && padding > 0)
        {
            // Unpadded standard base64: decode with the padding it lacks.
            ReadOnlySpan<byte> padded = padding == 1 ? "="u8 : "=="u8;
            byte[] whole = [.. utf8, .. padded];
            status = Base64.DecodeFromUtf8(whole, buffer, out _, out written, isFinalBlock: true);
        }
        if (status != OperationStatus.Done || utf8.IndexOfAny((byte)' ', (byte)'\n', (byte)'\r') >= 0)
        {
            return false;
        }
        bytes = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }
}
