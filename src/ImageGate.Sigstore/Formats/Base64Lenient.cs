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
}
