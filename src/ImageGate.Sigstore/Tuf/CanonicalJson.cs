using System.Text;
using System.Text.Json;

namespace ImageGate.Sigstore.Tuf;

/// <summary>
/// OLPC canonical JSON as securesystemslib writes it, the bytes every TUF signature covers (docs/trust-root.md §2.2):
/// object keys sorted by code point, no whitespace, strings escaping only <c>"</c> and <c>\</c> (every other
/// character, control characters included, is written as its UTF-8 bytes), integers only. Not RFC 8785 (see
/// <see cref="Formats.Jcs"/>): JCS escapes control characters and sorts by UTF-16 code unit, so a key or value with
/// either would hash differently.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Members of one object; a TUF key table holds at most <see cref="TufLimits.MaxKeys"/>.</summary>
    public const int MaxMembers = 1024;

    private static readonly Formats.CanonicalWriter Writer = new(CompareCodePoints, WriteString, WriteInteger, MaxMembers);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The canonical bytes of <paramref name="element"/>.</summary>
    /// <exception cref="JsonException">A value canonical JSON cannot represent: a non-integer number, a duplicate
    /// key, or a string that is not valid Unicode.</exception>
    public static byte[] Encode(JsonElement element)
    {
        var text = new StringBuilder(4096);
        Writer.Write(text, element);
        try
        {
            return StrictUtf8.GetBytes(text.ToString());
        }
        catch (EncoderFallbackException e)
        {
            throw new JsonException("a string is not valid Unicode: " + e.Message);
        }
    }

    /// <summary>securesystemslib refuses floats; JSON's grammar already excludes leading zeros, and -0 is 0.</summary>
    private static void WriteInteger(StringBuilder output, JsonElement number)
    {
        string raw = number.GetRawText();
        int sign = raw.StartsWith('-') ? 1 : 0;
        if (raw.Length == sign || raw.AsSpan(sign).ContainsAnyExceptInRange('0', '9'))
        {
            throw new JsonException($"canonical JSON holds integers only; found {raw}");
        }
        output.Append(raw == "-0" ? "0" : raw);
    }

    private static void WriteString(StringBuilder output, string value)
    {
        output.Append('"');
        foreach (char c in value)
        {
            if (c is '"' or '\\')
            {
                output.Append('\\');
            }
            output.Append(c);
        }
        output.Append('"');
    }

    /// <summary>Code point order (Python's and UTF-8's) from UTF-16: only a surrogate against U+E000..U+FFFF differs
    /// from ordinal order, where the surrogate, standing for a code point above U+FFFF, sorts last.</summary>
    internal static int CompareCodePoints(string a, string b)
    {
        int length = Math.Min(a.Length, b.Length);
        for (int i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return Rank(a[i]) - Rank(b[i]);
            }
        }
        return a.Length - b.Length;
    }

    private static int Rank(char c) => c < 0xD800 ? c : c < 0xE000 ? c + 0x2000 : c - 0x800;
}
