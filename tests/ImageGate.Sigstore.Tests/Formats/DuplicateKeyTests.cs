using System.Text;
using ImageGate.Sigstore.Bundle;
using ImageGate.Sigstore.InToto;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Tests.Formats;

/// <summary>
/// A repeated key is refused in a bundle, a trust root and a statement's subject list, as protojson does: readers
/// disagree on which duplicate wins, so an ambiguous document must not be read one way here and another way by cosign.
/// Each case starts from real material and repeats one key with a different value.
/// </summary>
public sealed class DuplicateKeyTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "fixtures", "conformance", "bundle-verify", "happy-path-v0.3");
    private static readonly string Bundle = File.ReadAllText(Path.Combine(Dir, "bundle.sigstore.json"));
    private static readonly string Root = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "trusted-roots", "production.trusted_root.json"));

    private static string Once(string text, string oldValue, string newValue)
    {
        int at = text.IndexOf(oldValue, StringComparison.Ordinal);
        Assert.True(at >= 0, $"fixture lacks {oldValue}");
        return string.Concat(text.AsSpan(0, at), newValue, text.AsSpan(at + oldValue.Length));
    }

    [Fact]
    public void The_unaltered_fixtures_parse()
    {
        Assert.Null(BundleParser.TryParse(Encoding.UTF8.GetBytes(Bundle), out _));
        Assert.Null(TrustedRootParser.TryParse(Encoding.UTF8.GetBytes(Root), out _));
    }

    [Theory]
    [InlineData("\"mediaType\"", "\"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.2+json\", \"mediaType\"")]
    [InlineData("\"mediaType\"", "\"media_type\": \"application/vnd.dev.sigstore.bundle.v0.2+json\", \"mediaType\"")]
    [InlineData("\"verificationMaterial\"", "\"verification_material\": {}, \"verificationMaterial\"")]
    public void A_bundle_key_given_twice_is_refused(string key, string doubled)
    {
        var failure = BundleParser.TryParse(Encoding.UTF8.GetBytes(Once(Bundle, key, doubled)), out _);
        Assert.Equal(ReasonCodes.BundleMalformed, failure?.Code);
    }

    [Theory]
    [InlineData("\"mediaType\"", "\"mediaType\": \"application/vnd.dev.sigstore.trustedroot+json;version=0.1\", \"mediaType\"")]
    [InlineData("\"tlogs\"", "\"tlogs\": [], \"tlogs\"")]
    [InlineData("\"certificateAuthorities\"", "\"certificate_authorities\": [], \"certificateAuthorities\"")]
    public void A_trust_root_key_given_twice_is_refused(string key, string doubled)
    {
        var failure = TrustedRootParser.TryParse(Encoding.UTF8.GetBytes(Once(Root, key, doubled)), out _);
        Assert.Equal(ReasonCodes.TrustRootMalformed, failure?.Code);
    }

    [Fact]
    public void A_statement_with_two_subject_lists_is_refused_even_when_one_matches()
    {
        var digest = new byte[32];
        var hex = Convert.ToHexStringLower(digest);
        var statement = $$$"""
            {"_type":"https://in-toto.io/Statement/v1",
             "subject":[{"name":"image","digest":{"sha256":"{{{hex}}}"}}],
             "subject":[{"name":"other","digest":{"sha256":"{{{new string('f', 64)}}}"}}],
             "predicateType":"https://slsa.dev/provenance/v1","predicate":{}}
            """;
        var failure = StatementSubjects.Check(Encoding.UTF8.GetBytes(statement), ArtifactPolicy.ForDigest("sha256", digest), out _);
        Assert.Equal(ReasonCodes.StatementMalformed, failure?.Code);
        Assert.Contains("subject appears twice", failure!.Message, StringComparison.Ordinal);
    }
}
