using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>§4.4 Fulcio chain at the verified time and §4.5 embedded SCTs.</summary>
public sealed class CertificateRulesTests : VirtualTestBase
{
    [Fact]
    public void Certificate_from_an_unknown_fulcio_is_refused()
    {
        using var rogue = new VirtualSigstore(name: "rogue");
        AssertFails(ReasonCodes.CertificateUntrustedChain, Verify(Sigstore.SignDsse(Statement, new SignOptions { Fulcio = rogue.Fulcio })));
    }

    [Fact]
    public void Certificate_from_a_second_trusted_fulcio_verifies()
    {
        using var second = new VirtualSigstore(name: "second");
        AssertVerified(Verify(Sigstore.SignDsse(Statement, new SignOptions { Fulcio = second.Fulcio, CtLog = second.CtLog }),
            new TrustedRootOptions { AlsoTrust = [second] }));
    }

    [Fact]
    public void Integrated_time_after_the_leaf_expired_is_refused() =>
        AssertFails(ReasonCodes.TlogTimeOutsideCertificate, Verify(Sigstore.SignDsse(Statement, new SignOptions { IntegratedTimeOffset = TimeSpan.FromMinutes(11) })));

    [Fact]
    public void Integrated_time_before_the_leaf_is_valid_is_refused() =>
        AssertFails(ReasonCodes.TlogTimeOutsideCertificate, Verify(Sigstore.SignDsse(Statement, new SignOptions { CertificateNotBeforeOffset = TimeSpan.FromSeconds(1) })));

    [Fact]
    public void Integrated_time_at_the_leaf_expiry_verifies()
    {
        var bundle = Sigstore.SignDsse(Statement, new SignOptions { IntegratedTimeOffset = TimeSpan.FromMinutes(10) });
        Clock.Advance(TimeSpan.FromMinutes(10));
        AssertVerified(Verify(bundle));
    }

    [Fact]
    public void Integrated_time_in_the_future_is_refused() =>
        AssertFails(ReasonCodes.NoVerifiedTime, Verify(Sigstore.SignDsse(Statement, new SignOptions { IntegratedTimeOffset = TimeSpan.FromMinutes(6) })));

    [Fact]
    public void Ca_validity_that_starts_after_the_time_is_refused() =>
        AssertFails(ReasonCodes.CertificateUntrustedChain, Verify(Sigstore.SignDsse(Statement),
            new TrustedRootOptions { FulcioValidFor = new Window(Sigstore.Created.AddSeconds(1)) }));

    [Fact]
    public void Ca_validity_that_ended_before_the_time_is_refused() =>
        AssertFails(ReasonCodes.CertificateUntrustedChain, Verify(Sigstore.SignDsse(Statement),
            new TrustedRootOptions { FulcioValidFor = new Window(Sigstore.Created.AddDays(-2), Sigstore.Created.AddSeconds(-1)) }));

    [Fact]
    public void Ca_validity_is_inclusive_at_both_ends() =>
        AssertVerified(Verify(Sigstore.SignDsse(Statement), new TrustedRootOptions { FulcioValidFor = new Window(Sigstore.Created, Sigstore.Created) }));

    [Fact]
    public void Trust_root_without_fulcio_refuses_the_certificate() =>
        AssertFails(ReasonCodes.CertificateUntrustedChain, Verify(Sigstore.SignDsse(Statement), new TrustedRootOptions { IncludeFulcio = false }));

    [Fact]
    public void Chain_that_lists_the_root_after_the_leaf_verifies_as_only_the_leaf_is_used()
    {
        // v0.1/v0.2 chains are leaf first and only [0] is used (early npm provenance lists the whole chain).
        var bundle = Sigstore.SignDsse(Statement, new SignOptions { Version = BundleVersion.V02 });
        var certificates = bundle.VerificationMaterial["x509CertificateChain"]!["certificates"]!.AsArray();
        certificates.Add((System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { ["rawBytes"] = Convert.ToBase64String(Sigstore.Fulcio.Intermediate.RawData) });
        certificates.Add((System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { ["rawBytes"] = Convert.ToBase64String(Sigstore.Fulcio.Root.RawData) });
        AssertVerified(Verify(bundle));
    }

    [Fact]
    public void A_chain_in_the_bundle_never_lends_trust_to_a_rogue_leaf()
    {
        // A leaf from another Fulcio, with that Fulcio's intermediate and root listed after it: the trust root decides.
        using var rogue = new VirtualSigstore(new VirtualClock(Sigstore.Created), "rogue");
        var bundle = rogue.SignDsse(Statement, new SignOptions { Version = BundleVersion.V02 });
        var certificates = bundle.VerificationMaterial["x509CertificateChain"]!["certificates"]!.AsArray();
        certificates.Add((System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { ["rawBytes"] = Convert.ToBase64String(rogue.Fulcio.Intermediate.RawData) });
        certificates.Add((System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { ["rawBytes"] = Convert.ToBase64String(rogue.Fulcio.Root.RawData) });
        var result = Verify(bundle);
        Assert.False(result.IsVerified);
    }

    [Fact]
    public void Certificate_without_sct_is_refused() =>
        AssertFails(ReasonCodes.SctMissing, Verify(Sigstore.SignDsse(Statement, new SignOptions { IncludeSct = false })));

    [Fact]
    public void Forged_sct_is_refused() =>
        AssertFails(ReasonCodes.SctInvalid, Verify(Sigstore.SignDsse(Statement, new SignOptions { ForgeSct = true })));

    [Fact]
    public void Sct_from_an_unknown_log_is_refused()
    {
        using var rogue = new VirtualCtLog("https://ctfe.rogue.test");
        AssertFails(ReasonCodes.SctInvalid, Verify(Sigstore.SignDsse(Statement, new SignOptions { CtLog = rogue })));
    }

    [Fact]
    public void Sct_outside_the_ct_log_validity_is_refused() =>
        AssertFails(ReasonCodes.SctInvalid, Verify(Sigstore.SignDsse(Statement), new TrustedRootOptions { CtLogValidFor = new Window(Sigstore.Created.AddSeconds(1)) }));

    [Fact]
    public void Trust_root_without_ct_logs_refuses_the_sct() =>
        AssertFails(ReasonCodes.SctInvalid, Verify(Sigstore.SignDsse(Statement), new TrustedRootOptions { IncludeCtLog = false }));

    [Fact]
    public void Leaf_with_an_unknown_critical_extension_is_refused() =>
        AssertFails(ReasonCodes.CertificateUntrustedChain, Verify(Sigstore.SignDsse(Statement, new SignOptions
        {
            ExtraExtensions = [new System.Security.Cryptography.X509Certificates.X509Extension("1.3.6.1.4.1.99999.1", [0x05, 0x00], critical: true)],
        })));

    [Fact]
    public void The_bundles_own_intermediate_is_ignored()
    {
        using var rogue = new VirtualSigstore(name: "rogue");
        var bundle = Sigstore.SignDsse(Statement, new SignOptions { Version = BundleVersion.V02 });
        bundle.VerificationMaterial["x509CertificateChain"]!["certificates"]![1]!["rawBytes"] = Convert.ToBase64String(rogue.Fulcio.Intermediate.RawData);
        AssertVerified(Verify(bundle));
    }
}
