using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>
/// §4.2 body ↔ bundle binding for each Rekor kind. The body is altered before it is logged, so the SET and the
/// proof are valid over the altered body and only the binding can catch it.
/// </summary>
public sealed class BodyBindingTests : VirtualTestBase
{
    private static readonly byte[] OtherSignature = SHA256.HashData("x"u8);

    private string OtherCertificatePemB64()
    {
        var other = Sigstore.SignMessage(Artifact, new SignOptions { Kind = RekorKind.None }).Certificate!;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(Der.CertificatePem(other.RawData)));
    }

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    private VerificationResult Message(RekorKind kind, Action<JsonObject>? tamper, bool timestamp = false) =>
        Verify(Sigstore.SignMessage(Artifact, new SignOptions { Kind = kind, TamperBody = tamper, IncludeTimestamp = timestamp }));

    private VerificationResult Dsse(RekorKind kind, Action<JsonObject>? tamper, bool timestamp = false) =>
        Verify(Sigstore.SignDsse(Statement, new SignOptions { Kind = kind, TamperBody = tamper, IncludeTimestamp = timestamp }));

    [Fact]
    public void Hashedrekord_v001_verifies() => AssertVerified(Message(RekorKind.HashedRekordV001, null));

    [Fact]
    public void Hashedrekord_v001_with_another_signature_is_refused() =>
        AssertFails(ReasonCodes.TlogBodyMismatch, Message(RekorKind.HashedRekordV001, b => b["spec"]!["signature"]!["content"] = Convert.ToBase64String(OtherSignature)));

    [Fact]
    public void Hashedrekord_v001_with_another_certificate_is_refused()
    {
        string other = OtherCertificatePemB64();
        AssertFails(ReasonCodes.TlogBodyMismatch, Message(RekorKind.HashedRekordV001, b => b["spec"]!["signature"]!["publicKey"]!["content"] = other));
    }

    [Fact]
    public void Hashedrekord_v001_with_another_digest_is_refused() =>
        AssertFails(ReasonCodes.TlogBodyMismatch, Message(RekorKind.HashedRekordV001, b => b["spec"]!["data"]!["hash"]!["value"] = Hex(SHA256.HashData("other"u8))));

    [Fact]
    public void Dsse_v001_verifies() => AssertVerified(Dsse(RekorKind.DsseV001, null));

    [Fact]
    public void Dsse_v001_with_another_signature_is_refused() =>
        AssertFails(ReasonCodes.TlogBodyMismatch, Dsse(RekorKind.DsseV001, b => b["spec"]!["signatures"]![0]!["signature"] = Convert.ToBase64String(OtherSignature)));

    [Fact]
    public void Dsse_v001_with_another_verifier_is_refused()
    {
        string other = OtherCertificatePemB64();
        AssertFails(ReasonCodes.TlogBodyMismatch, Dsse(RekorKind.DsseV001, b => b["spec"]!["signatures"]![0]!["verifier"] = other));
    }

    [Fact]
    public void Dsse_v001_with_another_payload_hash_is_refused() =>
        AssertFails(ReasonCodes.TlogBodyMismatch, Dsse(RekorKind.DsseV001, b => b["spec"]!["payloadHash"]!["value"] = Hex(SHA256.HashData("other"u8))));

    [Fact]
    public void Dsse_v001_envelope_hash_is_not_checked() =>
        AssertVerified(Dsse(RekorKind.DsseV001, b => b["spec"]!["envelopeHash"]!["value"] = Hex(SHA256.HashData("other"u8))));

    [Fact]
    public void Intoto_v002_verifies() => AssertVerified(Dsse(RekorKind.IntotoV002, null));

    [Fact]
    public void Intoto_v002_with_another_signature_is_refused() =>
        AssertFails(ReasonCodes.TlogBodyMismatch, Dsse(RekorKind.IntotoV002, b => b["spec"]!["content"]!["envelope"]!["signatures"]![0]!["sig"] =
            Convert.ToBase64String(Encoding.ASCII.GetBytes(Convert.ToBase64String(OtherSignature)))));

    [Fact]
    public void Intoto_v002_with_another_public_key_is_refused()
    {
        string other = OtherCertificatePemB64();
        AssertFails(ReasonCodes.TlogBodyMismatch, Dsse(RekorKind.IntotoV002, b => b["spec"]!["content"]!["envelope"]!["signatures"]![0]!["publicKey"] = other));
    }

    [Fact]
    public void Intoto_v002_with_another_payload_hash_is_refused() =>
        AssertFails(ReasonCodes.TlogBodyMismatch, Dsse(RekorKind.IntotoV002, b => b["spec"]!["content"]!["payloadHash"]!["value"] = Hex(SHA256.HashData("other"u8))));

    [Fact]
    public void Rekor_v2_dsse_verifies() => AssertVerified(Dsse(RekorKind.HashedRekordV002, null, timestamp: true));

    [Fact]
    public void Rekor_v2_message_verifies() => AssertVerified(Message(RekorKind.HashedRekordV002, null, timestamp: true));

    [Fact]
    public void Rekor_v2_with_another_digest_is_refused() =>
        AssertFails(ReasonCodes.TlogBodyMismatch, Dsse(RekorKind.HashedRekordV002,
            b => b["spec"]!["hashedRekordV002"]!["data"]!["digest"] = Convert.ToBase64String(SHA256.HashData("other"u8)), timestamp: true));

    [Fact]
    public void Rekor_v2_with_another_signature_is_refused() =>
        AssertFails(ReasonCodes.TlogBodyMismatch, Dsse(RekorKind.HashedRekordV002,
            b => b["spec"]!["hashedRekordV002"]!["signature"]!["content"] = Convert.ToBase64String(OtherSignature), timestamp: true));

    [Fact]
    public void Rekor_v2_with_another_certificate_is_refused()
    {
        var other = Sigstore.SignMessage(Artifact, new SignOptions { Kind = RekorKind.None }).Certificate!;
        AssertFails(ReasonCodes.TlogBodyMismatch, Dsse(RekorKind.HashedRekordV002,
            b => b["spec"]!["hashedRekordV002"]!["signature"]!["verifier"]!["x509Certificate"]!["rawBytes"] = Convert.ToBase64String(other.RawData), timestamp: true));
    }

    [Fact]
    public void Message_signature_logged_as_dsse_is_refused()
    {
        var dsse = Sigstore.SignDsse(Statement);
        var message = Sigstore.SignMessage(Artifact);
        message.VerificationMaterial["tlogEntries"] = dsse.VerificationMaterial["tlogEntries"]!.DeepClone();
        AssertFails(ReasonCodes.TlogBodyMismatch, Verify(message));
    }
}
