namespace ImageGate.Cue.Tests;

/// <summary>Strings in messages are CUE string literals (CUE's escapes, not JSON's), cut so a large input cannot flood a log.</summary>
public sealed class QuoteTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("\a\b\f\n\r\t\v", "\"\\a\\b\\f\\n\\r\\t\\v\"")]
    [InlineData("\u0000\u001f\u007f", "\"\\u0000\\u001f\\u007f\"")]
    [InlineData("zero\u200Bwidth", "\"zero\\u200bwidth\"")]
    [InlineData("café 😀", "\"café 😀\"")]
    [InlineData("\\(x)", "\"\\\\(x)\"")]
    public void Quotes_with_cue_escapes(string value, string expected) => Assert.Equal(expected, Format.Quote(value));

    [Fact]
    public void A_lone_surrogate_is_escaped_not_written_as_invalid_text() =>
        Assert.Equal("\"lone \\ud800 half\"", Format.Quote("lone " + (char)0xD800 + " half"));

    [Fact]
    public void Long_strings_are_cut_with_an_ellipsis_inside_the_quotes()
    {
        var quoted = Format.Quote(new string('x', 1000));
        Assert.Equal("\"" + new string('x', 200) + "…\"", quoted);
    }
}
