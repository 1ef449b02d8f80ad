using System.Text;
using System.Text.Json.Nodes;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Identity;
using ImageGate.Verification.Legacy;

namespace ImageGate.Verification.Tests.Legacy;

/// <summary>
/// Real .sig layers with a Rekor bundle annotation logged in production Rekor (containers/image df7e80d):
/// dir-img-cosign-key-rekor-valid (key cosign2.pub) and dir-img-cosign-fulcio-rekor-valid (keyless,
/// mitr@redhat.com via https://github.com/login/oauth). They exercise the hashedrekord binding of §4.7 step 2.
/// </summary>
public sealed class ContainersImageRekorTests
{
    private const string KeyCase = "key-rekor-valid";
    private const string FulcioCase = "fulcio-rekor-valid";

    private static readonly SignerPolicy Mitr = SignerPolicy.ForIdentity(new IdentityMatcher
    {
        SubjectAlternativeName = "mitr@redhat.com",
        Issuer = "https://github.com/login/oauth",
    });

    private static ContainersImageFixture.Layer Only(string name) => Assert.Single(ContainersImageFixture.Signatures(name));

    private static Dictionary<string, string> WithBundle(ContainersImageFixture.Layer layer, Action<JsonObject> edit)
    {
        var bundle = JsonNode.Parse(layer.Annotations[LegacyAnnotationKeys.Bundle])!.AsObject();
        edit(bundle);
        return new Dictionary<string, string>(layer.Annotations) { [LegacyAnnotationKeys.Bundle] = bundle.ToJsonString() };
    }

    [Fact]
    public void A_key_signed_logged_signature_passes_with_the_tlog_required()
    {
        var result = ContainersImageFixture.Verify(KeyCase, Only(KeyCase), LegacyFixtures.KeySigner("cosign2.pub"), VerifierOptions.Default);

        Assert.True(result.IsVerified, result.Failure?.ToString());
        var entry = Assert.Single(result.LogEntries);
        Assert.Equal("hashedrekord", entry.Kind);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1674251859), Assert.Single(result.Timestamps).Time);
        Assert.Null(result.SignerIdentity);
    }

    [Fact]
    public void A_key_signed_logged_signature_fails_with_another_key_at_the_logged_key()
    {
        var result = ContainersImageFixture.Verify(KeyCase, Only(KeyCase), LegacyFixtures.KeySigner("cosign.pub"), VerifierOptions.Default);

        Assert.Equal(ReasonCodes.TlogBodyMismatch, result.Failure?.Code);
    }

    [Fact]
    public void A_keyless_logged_signature_passes_for_its_identity()
    {
        var result = ContainersImageFixture.Verify(FulcioCase, Only(FulcioCase), Mitr, VerifierOptions.Default);

        Assert.True(result.IsVerified, result.Failure?.ToString());
        Assert.Equal("mitr@redhat.com", result.SignerIdentity);
        Assert.Equal("https://github.com/login/oauth", result.SignerIssuer);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1674247893), Assert.Single(result.Timestamps).Time);
    }

    [Fact]
    public void A_keyless_logged_signature_fails_for_another_identity()
    {
        var other = SignerPolicy.ForIdentity(new IdentityMatcher { SubjectAlternativeName = "someone@redhat.com", Issuer = "https://github.com/login/oauth" });

        var result = ContainersImageFixture.Verify(FulcioCase, Only(FulcioCase), other, VerifierOptions.Default);

        Assert.Equal(ReasonCodes.IdentityMismatch, result.Failure?.Code);
    }

    [Fact]
    public void A_keyless_signature_for_another_digest_fails_the_claim()
    {
        var layer = Only(FulcioCase);

        var result = new LegacyLayerVerifier(LegacyFixtures.ProductionRoot, VerifierOptions.Default, LegacyFixtures.Now).VerifySignature(layer.Payload, layer.Annotations, "sha256:" + new string('0', 64), Mitr, TestContext.Current.CancellationToken);

        Assert.Equal(LegacyReasons.PayloadDigestMismatch, result.Failure?.Code);
    }

    [Fact]
    public void Another_signature_in_the_annotation_fails_against_the_logged_one()
    {
        var layer = Only(KeyCase);
        var other = Assert.Single(ContainersImageFixture.Signatures("valid")).Annotations[LegacyAnnotationKeys.Signature];
        var annotations = new Dictionary<string, string>(layer.Annotations) { [LegacyAnnotationKeys.Signature] = other };

        var result = ContainersImageFixture.Verify(KeyCase, layer, LegacyFixtures.KeySigner("cosign2.pub"), VerifierOptions.Default, annotations: annotations);

        Assert.Equal(ReasonCodes.TlogBodyMismatch, result.Failure?.Code);
        Assert.Contains("signature", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_payload_fails_the_logged_hash()
    {
        var layer = Only(KeyCase);
        var payload = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(layer.Payload).Replace("key-1", "key-2", StringComparison.Ordinal));

        var result = ContainersImageFixture.Verify(KeyCase, layer, LegacyFixtures.KeySigner("cosign2.pub"), VerifierOptions.Default, payload: payload);

        Assert.Equal(ReasonCodes.TlogBodyMismatch, result.Failure?.Code);
        Assert.Contains("data.hash", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flipped_signed_entry_timestamp_fails()
    {
        var layer = Only(FulcioCase);
        var annotations = WithBundle(layer, bundle =>
        {
            var set = Convert.FromBase64String(bundle["SignedEntryTimestamp"]!.GetValue<string>());
            set[^5] ^= 0x01;
            bundle["SignedEntryTimestamp"] = Convert.ToBase64String(set);
        });

        var result = ContainersImageFixture.Verify(FulcioCase, layer, Mitr, VerifierOptions.Default, annotations: annotations);

        Assert.Equal(ReasonCodes.TlogSetInvalid, result.Failure?.Code);
    }
}
