using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using ImageGate.Sigstore.Formats;

namespace ImageGate.Sigstore.Tests.Formats;

/// <summary>RFC 8785 vectors (RFC 8785 §3.2.2.3 and appendix B) and properties of the canonical form.</summary>
public sealed class JcsTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(0.1, "0.1")]
    [InlineData(333333333.3333333, "333333333.3333333")]
    [InlineData(4.50, "4.5")]
    [InlineData(2e-3, "0.002")]
    [InlineData(0.000000000000000000000000001, "1e-27")]
    public void Numbers_use_the_ecmascript_form(double value, string expected) =>
        Assert.Equal(expected, Jcs.FormatNumber(value));

    [Fact]
    public void Keys_are_sorted_by_utf16_code_units_and_strings_escaped_as_json_stringify()
    {
        // RFC 8785 §3.2.3 sorting example (subset) and RFC 8785 §3.2.2.2 string escapes.
        var json = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin\",\"s\":\"\\u000f\\u0022\\\\/\\b\"}";
        var expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"s\":\"\\u000f\\\"\\\\/\\b\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji\",\"\ufb33\":\"Hebrew\"}";
        Assert.Equal(expected, Encoding.UTF8.GetString(Jcs.Canonicalize(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void The_set_message_shape_is_compact_and_sorted()
    {
        var json = "{ \"logIndex\": 175508996, \"logID\": \"c0d2\", \"integratedTime\": 1740770291, \"body\": \"eyJ=\" }";
        Assert.Equal("{\"body\":\"eyJ=\",\"integratedTime\":1740770291,\"logID\":\"c0d2\",\"logIndex\":175508996}",
            Encoding.UTF8.GetString(Jcs.Canonicalize(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void Duplicate_keys_are_refused() =>
        Assert.Throws<JsonException>(() => Jcs.Canonicalize("{\"a\":1,\"a\":2}"u8));

    [Fact]
    public void Every_finite_double_round_trips() => Gen.Double.Where(double.IsFinite).Sample(d =>
        double.Parse(Jcs.FormatNumber(d), CultureInfo.InvariantCulture) == d, iter: 5000);

    private static readonly Gen<Dictionary<string, int>> Objects =
        Gen.Dictionary(Gen.String[Gen.Char.AlphaNumeric, 1, 6], Gen.Int[-1000, 1000])[0, 8];

    [Fact]
    public void Output_is_independent_of_key_order_and_idempotent() => Objects.Sample(obj =>
    {
        string Serialize(IEnumerable<KeyValuePair<string, int>> pairs) =>
            "{" + string.Join(",", pairs.Select(p => $"\"{p.Key}\" : {p.Value}")) + "}";
        var forward = Jcs.Canonicalize(Encoding.UTF8.GetBytes(Serialize(obj)));
        var backward = Jcs.Canonicalize(Encoding.UTF8.GetBytes(Serialize(obj.Reverse())));
        return forward.AsSpan().SequenceEqual(backward) && Jcs.Canonicalize(forward).AsSpan().SequenceEqual(forward);
    }, iter: 500);
}
