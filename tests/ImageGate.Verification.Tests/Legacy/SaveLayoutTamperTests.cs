using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageGate.Sigstore;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Verification.Legacy;

namespace ImageGate.Verification.Tests.Legacy;

/// <summary>
/// One broken input per rule of §4.7, each made from the real cosign-save-layout attestation by changing one
/// thing in its layer, its annotations or the trust root.
/// </summary>
public sealed class SaveLayoutTamperTests
{
    private static SaveLayoutAttestation Layout => LegacyFixtures.SaveLayout;

    private static VerificationResult WithBundle(Action<JsonObject> edit)
    {
        var bundle = JsonNode.Parse(Layout.BundleAnnotation)!.AsObject();
        edit(bundle);
        return Layout.Verify(annotations: Layout.AnnotationsWith(LegacyAnnotationKeys.Bundle, bundle.ToJsonString()));
    }

    /// <summary>Edits the Rekor body inside the bundle annotation (the SET no longer covers it, but binding is checked first).</summary>
    private static VerificationResult WithBody(Action<JsonObject> edit) => WithBundle(bundle =>
    {
        var payload = bundle["Payload"]!.AsObject();
        var body = JsonNode.Parse(Convert.FromBase64String(payload["body"]!.GetValue<string>()))!.AsObject();
        edit(body);
        payload["body"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(body.ToJsonString()));
    });

    private static string ChainIntermediatePem()
    {
        string chain = Layout.Annotations[LegacyAnnotationKeys.Chain];
        int end = chain.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + "-----END CERTIFICATE-----".Length;
        return chain[..end] + "\n";
    }

    private static string OtherFulcioLeafPem()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(LegacyFixtures.PathOf("cosign-bundle", "oci-attestation.sigstore.json")));
        var der = Convert.FromBase64String(doc.RootElement.GetProperty("verificationMaterial").GetProperty("certificate").GetProperty("rawBytes").GetString()!);
        return new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", der)) + "\n";
    }

    private static TrustedRoot RootWith(
        IReadOnlyList<TransparencyLog>? tlogs = null,
        IReadOnlyList<TransparencyLog>? ctlogs = null,
        IReadOnlyList<CertificateAuthority>? cas = null)
    {
        var root = LegacyFixtures.ProductionRoot;
        return new TrustedRoot
        {
            MediaType = root.MediaType,
            TransparencyLogs = tlogs ?? root.TransparencyLogs,
            CtLogs = ctlogs ?? root.CtLogs,
            CertificateAuthorities = cas ?? root.CertificateAuthorities,
            TimestampAuthorities = root.TimestampAuthorities,
            Sha256 = root.Sha256,
        };
    }

    private static TransparencyLog WithValidity(TransparencyLog log, ValidityPeriod validity) => new()
    {
        BaseUrl = log.BaseUrl,
        LogId = log.LogId,
        Key = log.Key,
        KeyDetails = log.KeyDetails,
        Validity = validity,
        CheckpointKeyId = log.CheckpointKeyId,
    };

    [Fact]
    public void A_flipped_signed_entry_timestamp_fails()
    {
        var result = WithBundle(bundle =>
        {
            var set = Convert.FromBase64String(bundle["SignedEntryTimestamp"]!.GetValue<string>());
            set[20] ^= 0x01;
            bundle["SignedEntryTimestamp"] = Convert.ToBase64String(set);
        });

        Assert.Equal(ReasonCodes.TlogSetInvalid, result.Failure?.Code);
    }

    [Fact]
    public void A_changed_integrated_time_fails_the_set()
    {
        var result = WithBundle(bundle => bundle["Payload"]!["integratedTime"] = 1711017245);

        Assert.Equal(ReasonCodes.TlogSetInvalid, result.Failure?.Code);
    }

    [Fact]
    public void A_changed_log_index_fails_the_set()
    {
        var result = WithBundle(bundle => bundle["Payload"]!["logIndex"] = 80008004);

        Assert.Equal(ReasonCodes.TlogSetInvalid, result.Failure?.Code);
    }

    [Fact]
    public void An_unknown_log_id_fails()
    {
        // An entry of a log the trust root does not hold counts for nothing, as in a bundle; none is left.
        var result = WithBundle(bundle => bundle["Payload"]!["logID"] = new string('a', 64));

        Assert.Equal(ReasonCodes.TlogThresholdNotMet, result.Failure?.Code);
        Assert.Contains("1 from a log the trust root does not hold", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Integers_as_strings_and_lower_case_field_names_are_read_as_go_reads_them()
    {
        var result = WithBundle(bundle =>
        {
            var payload = bundle["Payload"]!.AsObject();
            bundle.Remove("Payload");
            bundle["payload"] = new JsonObject
            {
                ["Body"] = payload["body"]!.GetValue<string>(),
                ["integratedtime"] = payload["integratedTime"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["LOGINDEX"] = payload["logIndex"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["LogId"] = payload["logID"]!.GetValue<string>(),
            };
        });

        Assert.True(result.IsVerified, result.Failure?.ToString());
    }

    [Fact]
    public void A_bundle_annotation_that_is_not_json_fails()
    {
        var result = Layout.Verify(annotations: Layout.AnnotationsWith(LegacyAnnotationKeys.Bundle, "{\"SignedEntryTimestamp\":"));

        Assert.Equal(LegacyReasons.AnnotationMalformed, result.Failure?.Code);
    }

    [Fact]
    public void A_missing_bundle_annotation_fails_offline()
    {
        var result = Layout.Verify(annotations: Layout.AnnotationsWith(LegacyAnnotationKeys.Bundle, null));

        Assert.Equal(LegacyReasons.NoBundleAnnotation, result.Failure?.Code);
    }

    [Fact]
    public void Another_certificate_logged_in_the_body_fails()
    {
        var result = WithBody(body =>
            body["spec"]!["signatures"]![0]!["verifier"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(ChainIntermediatePem())));

        Assert.Equal(ReasonCodes.TlogBodyMismatch, result.Failure?.Code);
        Assert.Contains("certificate", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_certificate_in_the_annotation_fails_against_the_logged_one()
    {
        var result = Layout.Verify(annotations: Layout.AnnotationsWith(LegacyAnnotationKeys.Certificate, OtherFulcioLeafPem()));

        Assert.Equal(ReasonCodes.TlogBodyMismatch, result.Failure?.Code);
    }

    [Fact]
    public void A_body_rewritten_to_log_the_tampered_layers_hash_fails_the_set()
    {
        // Binding alone would accept a body that logs the new layer's hash: the SET over the body is what refuses it.
        var layer = Layout.Layer.Concat("\n"u8.ToArray()).ToArray();
        var bundle = JsonNode.Parse(Layout.BundleAnnotation)!.AsObject();
        var payload = bundle["Payload"]!.AsObject();
        var body = JsonNode.Parse(Convert.FromBase64String(payload["body"]!.GetValue<string>()))!.AsObject();
        body["spec"]!["envelopeHash"]!["value"] = LegacyFixtures.Sha256Digest(layer)["sha256:".Length..];
        payload["body"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(body.ToJsonString()));

        var result = Layout.Verify(layer: layer, annotations: Layout.AnnotationsWith(LegacyAnnotationKeys.Bundle, bundle.ToJsonString()));

        Assert.Equal(ReasonCodes.TlogSetInvalid, result.Failure?.Code);
    }

    [Fact]
    public void A_body_of_another_kind_fails()
    {
        var result = WithBody(body => body["kind"] = "hashedrekord");

        Assert.NotNull(result.Failure);
        Assert.StartsWith("tlog.", result.Failure!.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void One_changed_byte_of_the_layer_fails_the_logged_hash()
    {
        // Trailing whitespace keeps the JSON and the envelope identical in meaning: only the exact bytes differ.
        var layer = Layout.Layer.Concat("\n"u8.ToArray()).ToArray();

        var result = Layout.Verify(layer: layer);

        Assert.Equal(ReasonCodes.TlogBodyMismatch, result.Failure?.Code);
        Assert.Contains("envelopeHash", result.Failure!.Message, StringComparison.Ordinal);
    }

    /// <summary>Rewritten envelopes, each still a valid envelope: the log entry, which hashes the layer's exact bytes,
    /// refuses them before any signature is checked (the signature checks themselves: LegacyLayerWalkTests).</summary>
    [Theory]
    [InlineData("signature")]
    [InlineData("subject")]
    [InlineData("payloadType")]
    public void A_rewritten_envelope_fails_the_logged_envelope_hash(string what)
    {
        var envelope = JsonNode.Parse(Layout.Layer)!.AsObject();
        switch (what)
        {
            case "signature":
                var sig = Convert.FromBase64String(envelope["signatures"]![0]!["sig"]!.GetValue<string>());
                sig[^3] ^= 0x01;
                envelope["signatures"]![0]!["sig"] = Convert.ToBase64String(sig);
                break;
            case "subject":
                var statement = Encoding.UTF8.GetString(Convert.FromBase64String(envelope["payload"]!.GetValue<string>()));
                statement = statement.Replace(Layout.ImageDigest["sha256:".Length..], new string('1', 64), StringComparison.Ordinal);
                envelope["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(statement));
                break;
            default:
                envelope["payloadType"] = "application/json";
                break;
        }

        var result = Layout.Verify(layer: Encoding.UTF8.GetBytes(envelope.ToJsonString()));

        Assert.Equal(ReasonCodes.TlogBodyMismatch, result.Failure?.Code);
    }

    [Fact]
    public void Without_the_log_a_keyless_attestation_has_no_proven_time()
    {
        // cosign would check the certificate at "now" (CheckExpiry, "with neither present"), where a ten-minute Fulcio
        // leaf has long expired; the one walk refuses a keyless signature without a proven time, as for a bundle.
        var result = Layout.Verify(options: new VerifierOptions { InsecureIgnoreTlog = true });

        Assert.Equal(ReasonCodes.NoVerifiedTime, result.Failure?.Code);
    }

    [Fact]
    public void A_missing_certificate_annotation_fails_keyless_verification()
    {
        // Without a certificate the layer is key-signed, which no certificate identity accepts.
        var result = Layout.Verify(annotations: Layout.AnnotationsWith(LegacyAnnotationKeys.Certificate, null));

        Assert.Equal(ReasonCodes.KeyMismatch, result.Failure?.Code);
    }

    [Fact]
    public void The_chain_annotation_is_ignored()
    {
        var result = Layout.Verify(annotations: Layout.AnnotationsWith(LegacyAnnotationKeys.Chain, OtherFulcioLeafPem()));

        Assert.True(result.IsVerified, result.Failure?.ToString());
    }

    [Fact]
    public void A_trust_root_without_that_rekor_log_fails()
    {
        var root = RootWith(tlogs: []);

        var result = Layout.Verify(root: root);

        Assert.Equal(ReasonCodes.TlogThresholdNotMet, result.Failure?.Code);
    }

    [Fact]
    public void An_integrated_time_outside_the_log_keys_validity_fails_the_set()
    {
        var tlogs = LegacyFixtures.ProductionRoot.TransparencyLogs
            .Select(log => WithValidity(log, new ValidityPeriod(log.Validity.Start, DateTimeOffset.FromUnixTimeSeconds(1711017243))))
            .ToList();

        var result = Layout.Verify(root: RootWith(tlogs: tlogs));

        Assert.Equal(ReasonCodes.TlogSetInvalid, result.Failure?.Code);
    }

    [Fact]
    public void A_trust_root_whose_fulcio_cas_ended_before_the_certificate_fails_the_chain()
    {
        var cas = LegacyFixtures.ProductionRoot.CertificateAuthorities
            .Select(ca => new CertificateAuthority
            {
                Uri = ca.Uri,
                CommonName = ca.CommonName,
                Chain = ca.Chain,
                Validity = new ValidityPeriod(ca.Validity.Start, new DateTimeOffset(2024, 3, 21, 10, 34, 3, TimeSpan.Zero)),
            })
            .ToList();

        var result = Layout.Verify(root: RootWith(cas: cas));

        Assert.Equal(ReasonCodes.CertificateUntrustedChain, result.Failure?.Code);
    }

    [Fact]
    public void An_sct_from_no_trusted_ct_log_fails()
    {
        var result = Layout.Verify(root: RootWith(ctlogs: []));

        Assert.Equal(ReasonCodes.SctInvalid, result.Failure?.Code);
    }

    [Fact]
    public void Required_signed_timestamps_fail_when_the_layer_has_none()
    {
        var result = Layout.Verify(options: new VerifierOptions { RequireSignedTimestamps = true });

        Assert.Equal(ReasonCodes.TimestampThresholdNotMet, result.Failure?.Code);
    }

    [Fact]
    public void A_timestamp_annotation_that_does_not_verify_is_ignored_unless_required()
    {
        var annotations = Layout.AnnotationsWith(LegacyAnnotationKeys.Rfc3161Timestamp, "{\"SignedRFC3161Timestamp\":\"MAA=\"}");

        Assert.True(Layout.Verify(annotations: annotations).IsVerified);
        var required = Layout.Verify(annotations: annotations, options: new VerifierOptions { RequireSignedTimestamps = true });
        Assert.Equal(ReasonCodes.TimestampThresholdNotMet, required.Failure?.Code);
        Assert.Contains("first refused: RFC 3161 timestamp:", required.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timestamp_annotation_that_is_not_base64_fails_closed()
    {
        var annotations = Layout.AnnotationsWith(LegacyAnnotationKeys.Rfc3161Timestamp, "{\"SignedRFC3161Timestamp\":\"not base64!\"}");

        Assert.Equal(LegacyReasons.AnnotationMalformed, Layout.Verify(annotations: annotations).Failure?.Code);
    }
}
