using System.Text;
using System.Text.Json;
using ImageGate.Sigstore.Tuf;

namespace ImageGate.Sigstore.Tests.Tuf;

/// <summary>
/// OLPC canonical JSON as securesystemslib encodes it (docs/trust-root.md §2.2): keys sorted by code point, no
/// whitespace, only <c>"</c> and <c>\</c> escaped, integers only.
/// </summary>
public sealed class CanonicalJsonTests
{
    private static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Encoding.UTF8.GetString(CanonicalJson.Encode(document.RootElement));
    }

    [Fact]
    public void Keys_are_sorted_at_every_level_and_whitespace_is_dropped()
    {
        Assert.Equal("{\"a\":{\"c\":null,\"d\":[3,true,false]},\"b\":1,\"keyid_hash_algorithms\":[\"sha256\",\"sha512\"]}",
            Canonical(" { \"b\" : 1 ,\n \"keyid_hash_algorithms\": [ \"sha256\", \"sha512\" ], \"a\": { \"d\": [ 3, true, false ], \"c\": null } } "));
    }

    [Fact]
    public void Arrays_keep_their_order()
    {
        Assert.Equal("[3,1,2,{},[]]", Canonical("[3, 1, 2, {}, []]"));
    }

    [Fact]
    public void Only_quote_and_backslash_are_escaped()
    {
        // Control characters, '/', non-ASCII and escapes the input used are all written as their own UTF-8 bytes.
        var canonical = Canonical("{\"s\":\"a\\\"b\\\\c\\n\\t\\u0001\\/é\\u20ac\"}");
        Assert.Equal("{\"s\":\"a\\\"b\\\\c\n\t\u0001/é€\"}", canonical);
    }

    [Fact]
    public void Keys_sort_by_code_point_not_by_utf16_code_unit()
    {
        // U+FFFF is below U+1F600, but its UTF-16 unit 0xFFFF is above the surrogate 0xD83D: JCS would swap them.
        Assert.Equal("{\"a\":1,\"\uffff\":2,\"\ud83d\ude00\":3}", Canonical("{\"\\ud83d\\ude00\":3,\"\\uffff\":2,\"a\":1}"));
    }

    [Fact]
    public void Integers_are_written_as_integers_and_minus_zero_as_zero()
    {
        Assert.Equal("{\"a\":-5,\"b\":0,\"c\":12345678901234567890}", Canonical("{\"c\":12345678901234567890,\"b\":-0,\"a\":-5}"));
    }

    [Theory]
    [InlineData("{\"n\":1.5}")]
    [InlineData("{\"n\":1.0}")]
    [InlineData("{\"n\":1e3}")]
    public void A_number_that_is_not_an_integer_is_refused(string json) =>
        Assert.Throws<JsonException>(() => Canonical(json));

    [Fact]
    public void A_lone_surrogate_is_not_unicode_and_is_refused() =>
        Assert.ThrowsAny<Exception>(() => Canonical("{\"s\":\"\\ud800\"}"));

    [Fact]
    public void The_real_root_canonicalises_to_what_its_signatures_cover()
    {
        // Re-serialising in another layout changes nothing the signatures cover.
        var original = File.ReadAllBytes(Path.Combine(PublicGoodMetadata.Directory, "15.root.json"));
        using var pretty = JsonDocument.Parse(original);
        var compact = JsonSerializer.Serialize(pretty.RootElement);
        using var reparsed = JsonDocument.Parse(compact);
        Assert.Equal(CanonicalJson.Encode(pretty.RootElement.GetProperty("signed")), CanonicalJson.Encode(reparsed.RootElement.GetProperty("signed")));
        Assert.StartsWith("{\"_type\":\"root\",\"consistent_snapshot\":true,\"expires\":\"2026-11-20T13:58:18Z\",\"keys\":{",
            Encoding.UTF8.GetString(CanonicalJson.Encode(pretty.RootElement.GetProperty("signed"))), StringComparison.Ordinal);
    }
}
