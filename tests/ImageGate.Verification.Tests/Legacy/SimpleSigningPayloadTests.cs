using System.Text;
using ImageGate.Sigstore;
using ImageGate.Verification.Legacy;

namespace ImageGate.Verification.Tests.Legacy;

/// <summary>§1a: the simple-signing claim, parsed case-insensitively as Go does; docker-reference is not checked.</summary>
public sealed class SimpleSigningPayloadTests
{
    private const string Digest = "sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00";

    private static Failure? Check(string json, string digest = Digest) => SimpleSigningPayload.Check(Encoding.UTF8.GetBytes(json), digest);

    [Fact]
    public void Cosigns_payload_passes()
    {
        Assert.Null(Check($$$"""{"critical":{"identity":{"docker-reference":"x/y"},"image":{"docker-manifest-digest":"{{{Digest}}}"},"type":"cosign container image signature"},"optional":null}"""));
    }

    [Fact]
    public void Field_names_match_case_insensitively_as_in_the_spec_example()
    {
        Assert.Null(Check($$$"""{"Critical":{"Image":{"Docker-manifest-digest":"{{{Digest}}}"},"TYPE":"cosign container image signature"}}"""));
    }

    [Fact]
    public void The_docker_reference_is_not_checked()
    {
        Assert.Null(Check($$$"""{"critical":{"identity":{"docker-reference":"evil.example/other"},"image":{"docker-manifest-digest":"{{{Digest}}}"},"type":"cosign container image signature"},"optional":{"a":"b"}}"""));
    }

    [Fact]
    public void When_a_key_repeats_the_last_one_wins_as_in_go()
    {
        var failure = Check($$$"""{"critical":{"image":{"docker-manifest-digest":"{{{Digest}}}","Docker-Manifest-Digest":"sha256:00"},"type":"cosign container image signature"}}""");

        Assert.Equal(LegacyReasons.PayloadDigestMismatch, failure?.Code);
    }

    [Fact]
    public void Another_type_fails()
    {
        var failure = Check($$$"""{"critical":{"image":{"docker-manifest-digest":"{{{Digest}}}"},"type":"atomic container signature"}}""");

        Assert.Equal(LegacyReasons.PayloadNotCosign, failure?.Code);
    }

    [Fact]
    public void Another_digest_fails()
    {
        var failure = Check($$$"""{"critical":{"image":{"docker-manifest-digest":"{{{Digest}}}"},"type":"cosign container image signature"}}""",
            "sha256:" + new string('0', 64));

        Assert.Equal(LegacyReasons.PayloadDigestMismatch, failure?.Code);
    }

    [Theory]
    [InlineData("this is not a signature, regardless of the annotation")]
    [InlineData("[]")]
    [InlineData("{\"critical\":\"x\"}")]
    [InlineData("{\"critical\":{\"type\":7}}")]
    public void Anything_else_is_malformed(string json)
    {
        Assert.Equal(LegacyReasons.PayloadMalformed, Check(json)?.Code);
    }

    [Fact]
    public void A_later_null_neither_sets_nor_clears_a_field_as_in_go()
    {
        Assert.Null(Check($$$"""{"critical":{"image":{"docker-manifest-digest":"{{{Digest}}}","Docker-Manifest-Digest":null},"type":"cosign container image signature"}}"""));
    }
}
