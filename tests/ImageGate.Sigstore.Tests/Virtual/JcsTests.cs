using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>The test-side JCS against RFC 8785's examples and a real Rekor SET.</summary>
public sealed class JcsTests
{
    [Fact]
    public void Strings_are_escaped_as_rfc_8785_3_2_2_2_shows()
    {
        var value = JsonValue.Create("\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"/");
        Assert.Equal("\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"", Encoding.UTF8.GetString(Jcs.Canonicalize(value)));
    }

    [Fact]
    public void Keys_sort_by_utf16_code_units_as_rfc_8785_3_2_3_shows()
    {
        var json = JsonNode.Parse("{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}");
        string canonical = Encoding.UTF8.GetString(Jcs.Canonicalize(json));
        var keys = JsonNode.Parse(canonical)!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"], keys);
    }

    [Fact]
    public void Canonical_form_is_compact_and_stable_under_reparsing() =>
        Gen.Dictionary(Gen.String[Gen.Char.AlphaNumeric, 1, 6], Gen.OneOf<JsonNode?>(
                Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
                Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
                Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))))[0, 8]
            .Sample(d =>
            {
                var obj = new JsonObject();
                foreach (var (k, v) in d)
                {
                    obj[k] = v;
                }
                byte[] once = Jcs.Canonicalize(obj);
                byte[] twice = Jcs.Canonicalize(JsonNode.Parse(once));
                Assert.Equal(once, twice);
                var keys = JsonNode.Parse(once)!.AsObject().Select(p => p.Key).ToList();
                Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
                Assert.True(JsonNode.DeepEquals(obj, JsonNode.Parse(once)));
            }, iter: 200);

    [Fact]
    public void The_set_message_of_a_production_entry_verifies_with_the_production_rekor_key()
    {
        var entry = JsonNode.Parse(Fixtures.Read("oci-attestation.sigstore.json"))!["verificationMaterial"]!["tlogEntries"]![0]!;
        byte[] logId = Convert.FromBase64String(entry["logId"]!["keyId"]!.GetValue<string>());
        byte[] message = VirtualRekorLog.SetMessage(
            Convert.FromBase64String(entry["canonicalizedBody"]!.GetValue<string>()),
            long.Parse(entry["integratedTime"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            Convert.ToHexStringLower(logId),
            long.Parse(entry["logIndex"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.StartsWith("{\"body\":\"eyJhcGlWZXJzaW9uIjoiMC4wLjEi", Encoding.UTF8.GetString(message), StringComparison.Ordinal);
        Assert.EndsWith(",\"integratedTime\":1740770291,\"logID\":\"c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d\",\"logIndex\":175508996}", Encoding.UTF8.GetString(message), StringComparison.Ordinal);

        var tlog = JsonNode.Parse(Fixtures.Read("production.trusted_root.json"))!["tlogs"]!.AsArray()
            .Single(t => t!["logId"]!["keyId"]!.GetValue<string>() == entry["logId"]!["keyId"]!.GetValue<string>())!;
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(tlog["publicKey"]!["rawBytes"]!.GetValue<string>()), out _);
        byte[] set = Convert.FromBase64String(entry["inclusionPromise"]!["signedEntryTimestamp"]!.GetValue<string>());
        Assert.True(key.VerifyData(message, set, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void The_checkpoint_text_of_a_production_entry_is_what_signed_note_writes()
    {
        var proof = JsonNode.Parse(Fixtures.Read("oci-attestation.sigstore.json"))!["verificationMaterial"]!["tlogEntries"]![0]!["inclusionProof"]!;
        string envelope = proof["checkpoint"]!["envelope"]!.GetValue<string>();
        string text = SignedNote.CheckpointText("rekor.sigstore.dev - 1193050959916656506",
            long.Parse(proof["treeSize"]!.GetValue<string>(), CultureInfo.InvariantCulture), Convert.FromBase64String(proof["rootHash"]!.GetValue<string>()));
        Assert.StartsWith(text + "\n\u2014 rekor.sigstore.dev wNI9a", envelope, StringComparison.Ordinal);
    }
}
