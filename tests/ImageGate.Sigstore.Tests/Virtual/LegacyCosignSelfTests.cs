using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>The legacy .sig/.att layers VirtualSigstore writes, checked against §1a/§1b without the verifier.</summary>
public sealed class LegacyCosignSelfTests : IDisposable
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly VirtualSigstore _sigstore = new();

    public void Dispose() => _sigstore.Dispose();

    [Fact]
    public void Sig_layer_has_the_simple_signing_payload_and_a_bundle_annotation_whose_set_verifies()
    {
        var layer = _sigstore.SignImageLegacy("registry.virtual.test/app", Digest);
        Assert.Equal(
            "{\"critical\":{\"identity\":{\"docker-reference\":\"registry.virtual.test/app\"},\"image\":{\"docker-manifest-digest\":\"" + Digest +
            "\"},\"type\":\"cosign container image signature\"},\"optional\":null}", Encoding.UTF8.GetString(layer.Payload));
        Assert.Equal(Convert.ToBase64String(layer.Signature), layer.Annotations[LegacyLayer.SignatureAnnotation]);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", layer.Annotations[LegacyLayer.CertificateAnnotation], StringComparison.Ordinal);

        var bundle = JsonNode.Parse(layer.Annotations[LegacyLayer.BundleAnnotation])!;
        var payload = bundle["Payload"]!;
        byte[] body = Convert.FromBase64String(payload["body"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(layer.Payload)), JsonNode.Parse(body)!["spec"]!["data"]!["hash"]!["value"]!.GetValue<string>());
        Assert.Equal(_sigstore.Rekor.LogIdHex, payload["logID"]!.GetValue<string>());
        byte[] message = VirtualRekorLog.SetMessage(body, payload["integratedTime"]!.GetValue<long>(), payload["logID"]!.GetValue<string>(), payload["logIndex"]!.GetValue<long>());
        Assert.True(_sigstore.Rekor.Key.Ecdsa!.VerifyData(message, Convert.FromBase64String(bundle["SignedEntryTimestamp"]!.GetValue<string>()),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.True(layer.Annotations.ContainsKey(LegacyLayer.ChainAnnotation));
    }

    [Fact]
    public void Att_layer_is_the_envelope_with_an_empty_signature_annotation_and_its_hash_is_logged()
    {
        byte[] statement = InTotoStatements.StatementFor("image"u8.ToArray());
        var layer = _sigstore.AttestImageLegacy(statement, new SignOptions { IncludeTimestamp = true });
        Assert.Equal(LegacyLayer.DsseMediaType, layer.MediaType);
        Assert.Equal("", layer.Annotations[LegacyLayer.SignatureAnnotation]);
        Assert.Equal(InTotoStatements.CosignSignPredicate, layer.Annotations["predicateType"]);
        var envelope = JsonNode.Parse(layer.Payload)!;
        Assert.Equal(statement, Convert.FromBase64String(envelope["payload"]!.GetValue<string>()));
        var body = JsonNode.Parse(Convert.FromBase64String(JsonNode.Parse(layer.Annotations[LegacyLayer.BundleAnnotation])!["Payload"]!["body"]!.GetValue<string>()))!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(layer.Payload)), body["spec"]!["envelopeHash"]!["value"]!.GetValue<string>());
        Assert.NotNull(JsonNode.Parse(layer.Annotations[LegacyLayer.TimestampAnnotation])!["SignedRFC3161Timestamp"]);
    }
}
