using System.Text;
using CsCheck;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Sigstore.Tests.Formats;

/// <summary>protojson's base64: both alphabets, with or without padding, from text and from UTF-8 bytes alike.</summary>
public sealed class Base64LenientTests
{
    private static IEnumerable<string> Spellings(byte[] data)
    {
        var std = Convert.ToBase64String(data);
        yield return std;
        yield return std.TrimEnd('=');
        yield return std.Replace('+', '-').Replace('/', '_');
        yield return std.Replace('+', '-').Replace('/', '_').TrimEnd('=');
    }

    [Fact]
    public void Every_spelling_decodes_to_the_same_bytes() => Gen.Byte.Array[0, 200].Sample(data =>
        Spellings(data).All(text =>
            Base64Lenient.TryDecode(text, out var fromText) && fromText.AsSpan().SequenceEqual(data)
            && Base64Lenient.TryDecode(Encoding.ASCII.GetBytes(text), out var fromUtf8) && fromUtf8.AsSpan().SequenceEqual(data)
            && DecodesInPlaceTo(text, data)),
        iter: 2000);

    private static bool DecodesInPlaceTo(string text, byte[] data)
    {
        var buffer = Encoding.ASCII.GetBytes(text);
        return Base64Lenient.TryDecodeInPlace(buffer, out int written) && buffer.AsSpan(0, written).SequenceEqual(data);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("ab+-")]
    [InlineData("ab c")]
    [InlineData("abc!")]
    [InlineData("ab\ncd")]
    [InlineData("abc\td")]
    [InlineData("ab==cd")]
    [InlineData("ab-_==cd")]
    [InlineData("abc=d")]
    // protojson: a length that is not a multiple of four is unpadded base64, so '=' has no place in it.
    [InlineData("ab=")]
    [InlineData("a-=")]
    [InlineData("a===")]
    public void Malformed_text_is_refused(string text)
    {
        Assert.False(Base64Lenient.TryDecode(text, out _));
        Assert.False(Base64Lenient.TryDecode(Encoding.ASCII.GetBytes(text), out _));
        var buffer = Encoding.ASCII.GetBytes(text);
        Assert.False(Base64Lenient.TryDecodeInPlace(buffer, out _));
        Assert.Equal(text, Encoding.ASCII.GetString(buffer));
    }
}
