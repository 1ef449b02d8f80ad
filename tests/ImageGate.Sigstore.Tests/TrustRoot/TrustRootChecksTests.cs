using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Tests.TrustRoot;

/// <summary>
/// A trust root whose keys are malformed, or that cannot meet the deployment's thresholds, is a configuration error
/// naming the entry, found at load time (issue 9, item 2), never a verification failure that blames the image.
/// </summary>
public sealed class TrustRootChecksTests
{
    private static readonly string Production = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "trusted-roots", "production.trusted_root.json"));

    private static JsonObject Root() => JsonNode.Parse(Production)!.AsObject();

    private static Failure? Parse(JsonObject root, out TrustedRoot? parsed) =>
        TrustedRootParser.TryParse(Encoding.UTF8.GetBytes(root.ToJsonString()), out parsed);

    private static void SetKey(JsonObject root, string list, int index, byte[] rawBytes, string? keyDetails = null)
    {
        var key = root[list]![index]!["publicKey"]!.AsObject();
        key["rawBytes"] = Convert.ToBase64String(rawBytes);
        if (keyDetails is not null)
        {
            key["keyDetails"] = keyDetails;
        }
    }

    private static byte[] EcSpki(ECCurve curve)
    {
        using var key = ECDsa.Create(curve);
        return key.ExportSubjectPublicKeyInfo();
    }

    [Fact]
    public void The_production_root_parses_with_every_key_usable()
    {
        Assert.Null(Parse(Root(), out var root));
        Assert.All(root!.TransparencyLogs.Concat(root.CtLogs), log => Assert.True(log.KeySupported, log.BaseUrl));
    }

    /// <summary>A P-256 SubjectPublicKeyInfo whose point belongs to another curve: well-formed DER, wrong shape.</summary>
    private static byte[] P256WithPointOf(ECCurve other)
    {
        using var key = ECDsa.Create(other);
        var p = key.ExportParameters(false);
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.10045.2.1");
                writer.WriteObjectIdentifier("1.2.840.10045.3.1.7");
            }
            writer.WriteBitString([0x04, .. p.Q.X!, .. p.Q.Y!]);
        }
        return writer.Encode();
    }

    public static TheoryData<string, byte[]> Garbage => new()
    {
        { "is not a DER SubjectPublicKeyInfo", RandomNumberGenerator.GetBytes(91) },
        { "is empty", [] },
        { "is not a DER SubjectPublicKeyInfo", EcSpki(ECCurve.NamedCurves.nistP256)[..^1] },
        { "that is not a P-256 point encoding", P256WithPointOf(ECCurve.NamedCurves.nistP384) },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void A_malformed_tlog_key_names_its_entry(string problem, byte[] rawBytes)
    {
        var json = Root();
        SetKey(json, "tlogs", 0, rawBytes);
        var failure = Parse(json, out _);
        Assert.Equal(ReasonCodes.TrustRootMalformed, failure?.Code);
        Assert.Contains("tlogs[0].publicKey.rawBytes", failure!.Message, StringComparison.Ordinal);
        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_ct_key_names_its_entry()
    {
        var json = Root();
        SetKey(json, "ctlogs", 0, [0x30, 0x03, 0x02, 0x01, 0x01]);
        var failure = Parse(json, out _);
        Assert.Equal(ReasonCodes.TrustRootMalformed, failure?.Code);
        Assert.Contains("ctlogs[0].publicKey.rawBytes", failure!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("certificateAuthorities")]
    [InlineData("timestampAuthorities")]
    public void A_CA_certificate_that_is_not_a_certificate_names_its_entry(string list)
    {
        var json = Root();
        // A DER SEQUENCE of two INTEGERs: well-formed DER, not an X.509 certificate.
        json[list]![0]!["certChain"]!["certificates"]![0]!["rawBytes"] = Convert.ToBase64String([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02]);
        var failure = Parse(json, out _);
        Assert.Equal(ReasonCodes.TrustRootMalformed, failure?.Code);
        Assert.Contains($"{list}[0].certChain.certificates[0] is not a DER X.509 certificate", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_formed_key_of_an_unsupported_algorithm_is_kept_but_unusable()
    {
        // SEQUENCE { SEQUENCE { OID 1.3.101.113 (Ed448) }, BIT STRING (57 bytes) }: well formed, not supported here.
        var ed448 = new byte[] { 0x30, 0x43, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71, 0x03, 0x3a, 0x00 }.Concat(new byte[57]).ToArray();
        var json = Root();
        SetKey(json, "ctlogs", 0, ed448);
        Assert.Null(Parse(json, out var root));
        Assert.False(root!.CtLogs[0].KeySupported);
    }

    [Fact]
    public void A_PKCS1_RSA_key_with_its_key_details_is_kept_but_unusable()
    {
        using var rsa = RSA.Create(2048);
        var json = Root();
        SetKey(json, "ctlogs", 0, rsa.ExportRSAPublicKey(), "PKCS1_RSA_PKCS1V5");
        Assert.Null(Parse(json, out var root));
        Assert.False(root!.CtLogs[0].KeySupported);
    }

    [Fact]
    public void A_threshold_above_the_distinct_usable_logs_is_unmeetable()
    {
        Assert.Null(Parse(Root(), out var root));
        int tlogs = root!.TransparencyLogs.Select(l => l.LogIdHex).Distinct().Count();
        Assert.Null(TrustRootCapacity.Check(root, tlogs, 1, keyless: true));
        Assert.Equal(ReasonCodes.TrustRootUnmeetable, TrustRootCapacity.Check(root, tlogs + 1, 1, keyless: true)?.Code);
        int ctlogs = root.CtLogs.Select(l => l.LogIdHex).Distinct().Count();
        Assert.Equal(ReasonCodes.TrustRootUnmeetable, TrustRootCapacity.Check(root, 1, ctlogs + 1, keyless: true)?.Code);
        // A key-signed verification needs no CT log at all.
        Assert.Null(TrustRootCapacity.Check(root, 1, ctlogs + 1, keyless: false));
    }

    [Fact]
    public void A_log_listed_twice_counts_once()
    {
        var json = Root();
        var tlogs = json["tlogs"]!.AsArray();
        int distinct = tlogs.Select(l => l!["logId"]!["keyId"]!.GetValue<string>()).Distinct().Count();
        tlogs.Add(tlogs[0]!.DeepClone());
        Assert.Null(Parse(json, out var root));
        Assert.Equal(ReasonCodes.TrustRootUnmeetable, TrustRootCapacity.Check(root!, distinct + 1, 1, keyless: true)?.Code);
    }

    [Fact]
    public void Keyless_without_a_Fulcio_CA_is_unmeetable()
    {
        var json = Root();
        json["certificateAuthorities"] = new JsonArray();
        Assert.Null(Parse(json, out var root));
        var failure = TrustRootCapacity.Check(root!, 1, 1, keyless: true);
        Assert.Equal(ReasonCodes.TrustRootUnmeetable, failure?.Code);
        Assert.Contains("Fulcio", failure!.Message, StringComparison.Ordinal);
        Assert.Null(TrustRootCapacity.Check(root!, 1, 1, keyless: false));
    }

    [Fact]
    public void No_usable_transparency_log_is_unmeetable()
    {
        var json = Root();
        json["tlogs"] = new JsonArray();
        Assert.Null(Parse(json, out var root));
        Assert.Equal(ReasonCodes.TrustRootUnmeetable, TrustRootCapacity.Check(root!, 1, 1, keyless: false)?.Code);
    }
}
