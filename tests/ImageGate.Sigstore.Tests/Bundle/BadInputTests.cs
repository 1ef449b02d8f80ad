using System.Text;
using System.Text.Json.Nodes;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.InToto;

namespace ImageGate.Sigstore.Tests.Bundle;

/// <summary>
/// Hostile or broken bundles are refused with a reason code: never an exception, never a hang.
/// Each case starts from the real happy-path-v0.3 bundle and breaks one thing.
/// </summary>
public sealed class BadInputTests
{
    private static readonly string HappyPath = File.ReadAllText(Path.Combine(AppContext.BaseDirectory,
        "fixtures", "conformance", "bundle-verify", "happy-path-v0.3", "bundle.sigstore.json"));

    private static JsonObject Happy() => JsonNode.Parse(HappyPath)!.AsObject();

    private static Failure? Parse(string json) => BundleParser.TryParse(Encoding.UTF8.GetBytes(json), out _);

    private static Failure? Parse(JsonObject json) => Parse(json.ToJsonString());

    [Fact]
    public void The_unbroken_bundle_parses() => Assert.Null(Parse(HappyPath));

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"mediaType\": 3}")]
    public void Malformed_json_is_refused(string json) => Assert.NotNull(Parse(json));

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void A_message_digest_given_without_its_digest_is_refused_not_skipped(string emptied)
    {
        var message = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "conformance", "bundle-verify", "happy-path-v0.2", "bundle.sigstore.json"));
        var json = JsonNode.Parse(message)!.AsObject();
        var digest = json["messageSignature"]!["messageDigest"]!.AsObject();
        Assert.Null(Parse(json));
        digest["digest"] = JsonNode.Parse(emptied);
        var failure = Parse(json);
        Assert.Equal(ReasonCodes.BundleMalformed, failure?.Code);
        Assert.Contains("messageDigest is given with an empty digest", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_recursion_trouble()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        Assert.Equal(ReasonCodes.BundleMalformed, Parse(deep)?.Code);
        var nestedInField = HappyPath.Replace("\"mediaType\"", "\"x\":" + new string('{', 5000).Replace("{", "{\"a\":") + "1" + new string('}', 5000) + ",\"mediaType\"");
        Assert.Equal(ReasonCodes.BundleMalformed, Parse(nestedInField)?.Code);
    }

    [Theory]
    [InlineData("application/vnd.dev.sigstore.bundle+json;version=99.9")]
    [InlineData("application/vnd.dev.sigstore.bundle.v0.4+json")]
    [InlineData("application/vnd.dev.sigstore.bundle.v1.0+json")]
    [InlineData("application/json")]
    public void Unknown_versions_are_refused(string mediaType)
    {
        var json = Happy();
        json["mediaType"] = mediaType;
        Assert.Equal(ReasonCodes.BundleUnsupportedVersion, Parse(json)?.Code);
    }

    [Theory]
    [InlineData("application/vnd.dev.sigstore.bundle+json;version=0.3", 3)]
    [InlineData("application/vnd.dev.sigstore.bundle.v0.3+json", 3)]
    [InlineData("application/vnd.dev.sigstore.bundle.v0.3.1+json", 3)]
    public void Both_v03_spellings_are_accepted(string mediaType, int minor)
    {
        var json = Happy();
        json["mediaType"] = mediaType;
        Assert.Null(BundleParser.TryParse(Encoding.UTF8.GetBytes(json.ToJsonString()), out var bundle));
        Assert.Equal(minor, bundle!.MinorVersion);
    }

    [Fact]
    public void Bad_base64_is_refused()
    {
        var json = Happy();
        json["messageSignature"]!["signature"] = "not base64!";
        Assert.Equal(ReasonCodes.BundleMalformed, Parse(json)?.Code);
    }

    [Fact]
    public void Url_safe_base64_and_int64_numbers_are_accepted_as_protojson_does()
    {
        var json = Happy();
        var sig = Convert.FromBase64String(json["messageSignature"]!["signature"]!.GetValue<string>());
        json["messageSignature"]!["signature"] = Convert.ToBase64String(sig).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var entry = json["verificationMaterial"]!["tlogEntries"]![0]!;
        entry["logIndex"] = long.Parse(entry["logIndex"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Null(BundleParser.TryParse(Encoding.UTF8.GetBytes(json.ToJsonString()), out var bundle));
        Assert.Equal(sig, bundle!.MessageSignature!.Signature);
    }

    [Fact]
    public void A_huge_field_is_bounded_by_the_bundle_size_limit()
    {
        var huge = new byte[Limits.MaxBundleBytes + 1];
        huge.AsSpan().Fill((byte)' ');
        Assert.Equal(ReasonCodes.BundleLimitExceeded, BundleParser.TryParse(huge, out _)?.Code);
    }

    [Fact]
    public void More_than_32_tlog_entries_are_refused()
    {
        var json = Happy();
        var entries = json["verificationMaterial"]!["tlogEntries"]!.AsArray();
        var entry = entries[0]!.ToJsonString();
        while (entries.Count <= Limits.MaxTlogEntries)
        {
            entries.Add(JsonNode.Parse(entry));
        }
        Assert.Equal(ReasonCodes.BundleLimitExceeded, Parse(json)?.Code);
    }

    [Fact]
    public void More_than_32_timestamps_are_refused()
    {
        var json = Happy();
        var timestamps = new JsonArray();
        for (int i = 0; i <= Limits.MaxTimestamps; i++)
        {
            timestamps.Add(new JsonObject { ["signedTimestamp"] = "MAA=" });
        }
        json["verificationMaterial"]!["timestampVerificationData"] = new JsonObject { ["rfc3161Timestamps"] = timestamps };
        Assert.Equal(ReasonCodes.BundleLimitExceeded, Parse(json)?.Code);
    }

    [Fact]
    public void More_than_1024_subjects_are_refused()
    {
        var subjects = string.Join(",", Enumerable.Range(0, Limits.MaxSubjects + 1).Select(i => $"{{\"digest\":{{\"sha256\":\"{i:x64}\"}}}}"));
        var statement = Encoding.UTF8.GetBytes($"{{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{subjects}],\"predicateType\":\"x\"}}");
        var failure = StatementSubjects.Check(statement, ArtifactPolicy.ForDigest("sha256", new byte[32]), out _);
        Assert.Equal(ReasonCodes.BundleLimitExceeded, failure?.Code);
    }

    [Fact]
    public void A_negative_log_index_is_refused()
    {
        var json = Happy();
        json["verificationMaterial"]!["tlogEntries"]![0]!["logIndex"] = "-1";
        Assert.Equal(ReasonCodes.BundleMalformed, Parse(json)?.Code);
    }

    [Fact]
    public void Both_or_neither_content_kinds_are_refused()
    {
        var both = Happy();
        both["dsseEnvelope"] = new JsonObject { ["payload"] = "e30=", ["payloadType"] = "application/vnd.in-toto+json", ["signatures"] = new JsonArray() };
        Assert.Equal(ReasonCodes.BundleMalformed, Parse(both)?.Code);
        var neither = Happy();
        neither.Remove("messageSignature");
        Assert.Equal(ReasonCodes.BundleMalformed, Parse(neither)?.Code);
    }

    [Fact]
    public void A_v03_bundle_with_a_certificate_chain_is_refused()
    {
        var json = Happy();
        var material = json["verificationMaterial"]!.AsObject();
        var cert = material["certificate"]!.ToJsonString();
        material.Remove("certificate");
        material["x509CertificateChain"] = new JsonObject { ["certificates"] = new JsonArray(JsonNode.Parse(cert)) };
        Assert.Equal(ReasonCodes.BundleMalformed, Parse(json)?.Code);
    }

    [Fact]
    public void A_v02_bundle_without_an_inclusion_proof_is_refused()
    {
        var json = Happy();
        json["mediaType"] = "application/vnd.dev.sigstore.bundle+json;version=0.2";
        json["verificationMaterial"]!["tlogEntries"]![0]!.AsObject().Remove("inclusionProof");
        Assert.Equal(ReasonCodes.BundleMalformed, Parse(json)?.Code);
    }

    [Fact]
    public void A_v01_bundle_without_a_promise_is_refused()
    {
        var json = Happy();
        json["mediaType"] = "application/vnd.dev.sigstore.bundle+json;version=0.1";
        var material = json["verificationMaterial"]!.AsObject();
        var cert = material["certificate"]!.ToJsonString();
        material.Remove("certificate");
        material["x509CertificateChain"] = new JsonObject { ["certificates"] = new JsonArray(JsonNode.Parse(cert)) };
        json["verificationMaterial"]!["tlogEntries"]![0]!.AsObject().Remove("inclusionPromise");
        Assert.Equal(ReasonCodes.BundleMalformed, Parse(json)?.Code);
    }

    [Fact]
    public void A_statement_with_two_predicate_types_is_refused()
    {
        var statement = Encoding.UTF8.GetBytes($"{{\"predicateType\":\"a\",\"subject\":[{{\"digest\":{{\"sha256\":\"{new string('0', 64)}\"}}}}],\"predicateType\":\"b\"}}");
        Assert.Equal(ReasonCodes.StatementMalformed, StatementSubjects.Check(statement, ArtifactPolicy.ForDigest("sha256", new byte[32]), out _)?.Code);
    }

    [Theory]
    [InlineData(20, false, null)]
    [InlineData(60, true, "https://cyclonedx.org/bom")]
    public void The_predicate_type_is_read_from_the_head_of_a_statement(int cut, bool known, string? expected)
    {
        var statement = Encoding.UTF8.GetBytes("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"https://cyclonedx.org/bom\",\"predicate\":{\"x\":1}}");
        Assert.Equal(known, StatementHeader.TryReadPredicateType(statement.AsSpan(0, cut + 40), isComplete: false, out var type));
        Assert.Equal(expected, type);
    }
}
