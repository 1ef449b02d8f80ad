using System.Text;
using System.Text.Json.Nodes;
using ImageGate.Sigstore.Bundle;

namespace ImageGate.Sigstore.Tests.Bundle;

/// <summary>
/// <see cref="BundleParser.TryParseInPlace"/> decodes a DSSE payload into the bundle's own buffer: the result must be
/// the one <see cref="BundleParser.TryParse(ReadOnlyMemory{byte}, out SigstoreBundle?)"/> gives, and a bundle it
/// refuses must leave the buffer as it was (discovery still reads it to route the failure).
/// </summary>
public sealed class InPlaceParseTests
{
    private static readonly string Dsse = File.ReadAllText(Path.Combine(AppContext.BaseDirectory,
        "fixtures", "conformance", "bundle-verify", "happy-path-intoto-in-dsse-v3", "bundle.sigstore.json"));

    [Fact]
    public void The_payload_is_the_copying_parse_and_lies_in_the_buffer()
    {
        Assert.Null(BundleParser.TryParse(Encoding.UTF8.GetBytes(Dsse), out var copied));
        var buffer = Encoding.UTF8.GetBytes(Dsse);
        Assert.Null(BundleParser.TryParseInPlace(buffer, out var inPlace));

        var payload = inPlace!.DsseEnvelope!.Payload;
        Assert.True(payload.Span.SequenceEqual(copied!.DsseEnvelope!.Payload.Span));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(payload, out var segment) && segment.Array == buffer);
        Assert.Equal(copied.DsseEnvelope.PayloadType, inPlace.DsseEnvelope.PayloadType);
        Assert.Equal(copied.TlogEntries.Count, inPlace.TlogEntries.Count);
    }

    [Fact]
    public void A_url_safe_unpadded_payload_decodes_in_place_too()
    {
        var json = JsonNode.Parse(Dsse)!.AsObject();
        var envelope = json["dsseEnvelope"]!;
        var standard = envelope["payload"]!.GetValue<string>();
        var expected = Convert.FromBase64String(standard);
        envelope["payload"] = standard.Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var buffer = Encoding.UTF8.GetBytes(json.ToJsonString());
        Assert.Null(BundleParser.TryParseInPlace(buffer, out var bundle));
        Assert.True(bundle!.DsseEnvelope!.Payload.Span.SequenceEqual(expected));
    }

    [Theory]
    [InlineData("payload", "not base64!")]
    [InlineData("payloadType", null)]
    [InlineData("signatures", "two")]
    public void A_refused_bundle_leaves_the_buffer_unchanged(string field, string? value)
    {
        var json = JsonNode.Parse(Dsse)!.AsObject();
        var envelope = json["dsseEnvelope"]!.AsObject();
        if (value == "two")
        {
            var signature = envelope["signatures"]![0]!.DeepClone();
            envelope["signatures"]!.AsArray().Add(signature);
        }
        else if (value is null)
        {
            envelope.Remove(field);
        }
        else
        {
            envelope[field] = value;
        }
        var original = Encoding.UTF8.GetBytes(json.ToJsonString());
        var buffer = original.ToArray();
        Assert.NotNull(BundleParser.TryParseInPlace(buffer, out var bundle));
        Assert.Null(bundle);
        Assert.Equal(original, buffer);
    }
}
