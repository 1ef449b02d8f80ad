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
            && Base64Lenient.TryDecode(Encoding.ASCII.GetBytes(text), out var fromUtf8) && fromUtf8.AsSpan().SequenceEqual(data)),
        iter: 2000);

    [Theory]
    [InlineData("a")]
    [InlineData("ab+-")]
    [InlineData("ab c")]
    [InlineData("abc!")]
    [InlineData("ab\ncd")]
    public void Malformed_text_is_refused(string text)
    {
        Assert.False(Base64Lenient.TryDecode(text, out _));
        Assert.False(Base64Lenient.TryDecode(Encoding.ASCII.GetBytes(text), out _));
    }
}
