using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.Certificates;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Tests.Certificates;

public sealed class EmbeddedSctVerifierTests
{
    // ---- real production material -------------------------------------------------------------------------

    [Fact]
    public void Production_leaf_SCT_from_ctfe_2022_verifies()
    {
        var (leaf, issuer, root) = Production();
        Assert.Null(EmbeddedSctVerifier.Verify(leaf, issuer, root, threshold: 1));
    }

    [Fact]
    public void Production_leaf_with_one_SCT_signature_byte_flipped_is_rejected()
    {
        var (leaf, issuer, root) = Production();
        var raw = leaf.RawData;
        // The SCT signature starts 30 45 02 21 00 9d 2e bc 35 (see openssl x509 -text of the leaf).
        int at = raw.AsSpan().IndexOf((byte[])[0x30, 0x45, 0x02, 0x21, 0x00, 0x9d, 0x2e, 0xbc, 0x35]);
        Assert.True(at > 0);
        raw[at + 10] ^= 0x01;
        var tampered = X509CertificateLoader.LoadCertificate(raw);

        var failure = EmbeddedSctVerifier.Verify(tampered, issuer, root, threshold: 1);

        Assert.Equal(ReasonCodes.SctInvalid, failure?.Code);
        Assert.Contains("does not verify", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_leaf_checked_with_the_wrong_issuer_key_hash_is_rejected()
    {
        var (leaf, _, root) = Production();
        var wrongIssuer = RealFixtures.ProductionRoot().CertificateAuthorities[^1].Chain[^1];

        Assert.Equal(ReasonCodes.SctInvalid, EmbeddedSctVerifier.Verify(leaf, wrongIssuer, root, threshold: 1)?.Code);
    }

    [Fact]
    public void Production_SCT_outside_the_CT_key_validity_is_skipped_and_rejected()
    {
        var (leaf, issuer, root) = Production();
        var sctTime = DateTimeOffset.FromUnixTimeMilliseconds(1740770291145);
        var shrunk = WithCtLogs(root, root.CtLogs.Select(l => new TransparencyLog
        {
            BaseUrl = l.BaseUrl,
            LogId = l.LogId,
            Key = l.Key,
            KeyDetails = l.KeyDetails,
            Validity = new ValidityPeriod(l.Validity.Start, sctTime.AddMilliseconds(-1)),
        }).ToList());

        var failure = EmbeddedSctVerifier.Verify(leaf, issuer, shrunk, threshold: 1);

        Assert.Equal(ReasonCodes.SctInvalid, failure?.Code);
        Assert.Contains("outside the log key's validity", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_SCT_exactly_at_the_end_of_the_CT_key_validity_verifies()
    {
        var (leaf, issuer, root) = Production();
        var sctTime = DateTimeOffset.FromUnixTimeMilliseconds(1740770291145);
        var closed = WithCtLogs(root, root.CtLogs.Select(l => new TransparencyLog
        {
            BaseUrl = l.BaseUrl,
            LogId = l.LogId,
            Key = l.Key,
            KeyDetails = l.KeyDetails,
            Validity = new ValidityPeriod(l.Validity.Start, sctTime),
        }).ToList());

        Assert.Null(EmbeddedSctVerifier.Verify(leaf, issuer, closed, threshold: 1));
    }

    [Fact]
    public void Production_SCT_from_a_log_the_trust_root_does_not_know_is_rejected()
    {
        var (leaf, issuer, root) = Production();

        var failure = EmbeddedSctVerifier.Verify(leaf, issuer, WithCtLogs(root, []), threshold: 1);

        Assert.Equal(ReasonCodes.SctInvalid, failure?.Code);
        Assert.Contains("has no such CT log", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conformance_SCT_with_extensions_verifies()
    {
        const string name = "bundle-with-sct-with-extensions";
        var root = RealFixtures.ConformanceRoot(name);
        var leaf = RealFixtures.ConformanceLeaf(name);
        var issuer = root.CertificateAuthorities[0].Chain[^1];

        Assert.Null(EmbeddedSctVerifier.Verify(leaf, issuer, root, threshold: 1));
    }

    [Fact]
    public void Conformance_invalid_CT_key_is_rejected()
    {
        const string name = "invalid-ct-key_fail";
        var root = RealFixtures.ConformanceRoot(name);
        var leaf = RealFixtures.ConformanceLeaf(name);
        var failure = FulcioChainValidator.Validate(leaf, root.CertificateAuthorities, leaf.NotBefore.ToUniversalTime(), out var chain);
        Assert.Null(failure);

        Assert.Equal(ReasonCodes.SctInvalid, EmbeddedSctVerifier.Verify(leaf, chain[1], root, threshold: 1)?.Code);
    }

    // ---- synthetic: one thing changed at a time ------------------------------------------------------------

    [Fact]
    public void Synthetic_SCT_verifies()
    {
        var ct = new TestCt();
        var pki = FulcioPki.Create();
        var (leaf, _) = TestCt.IssueWithScts(TestPki.FulcioLeafSpec(), pki.Intermediate, tbs => [ct.Sct(TestPki.Now, Spki(pki.Intermediate), tbs)]);

        Assert.Null(EmbeddedSctVerifier.Verify(leaf, pki.Intermediate.Certificate, TestCt.Root(ct), threshold: 1));
    }

    [Fact]
    public void Synthetic_SCT_with_extensions_verifies()
    {
        var ct = new TestCt();
        var pki = FulcioPki.Create();
        var (leaf, _) = TestCt.IssueWithScts(TestPki.FulcioLeafSpec(), pki.Intermediate, tbs => [ct.Sct(TestPki.Now, Spki(pki.Intermediate), tbs, extensions: [0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x2a])]);

        Assert.Null(EmbeddedSctVerifier.Verify(leaf, pki.Intermediate.Certificate, TestCt.Root(ct), threshold: 1));
    }

    [Fact]
    public void Synthetic_SCT_with_its_signature_flipped_is_rejected()
    {
        var ct = new TestCt();
        var pki = FulcioPki.Create();
        var (leaf, _) = TestCt.IssueWithScts(TestPki.FulcioLeafSpec(), pki.Intermediate, tbs => [ct.Sct(TestPki.Now, Spki(pki.Intermediate), tbs, flipSignature: true)]);

        Assert.Equal(ReasonCodes.SctInvalid, EmbeddedSctVerifier.Verify(leaf, pki.Intermediate.Certificate, TestCt.Root(ct), threshold: 1)?.Code);
    }

    [Fact]
    public void Synthetic_SCT_from_an_unknown_log_is_rejected()
    {
        var ct = new TestCt();
        var other = new TestCt();
        var pki = FulcioPki.Create();
        var (leaf, _) = TestCt.IssueWithScts(TestPki.FulcioLeafSpec(), pki.Intermediate, tbs => [ct.Sct(TestPki.Now, Spki(pki.Intermediate), tbs)]);

        var failure = EmbeddedSctVerifier.Verify(leaf, pki.Intermediate.Certificate, TestCt.Root(other), threshold: 1);

        Assert.Equal(ReasonCodes.SctInvalid, failure?.Code);
        Assert.Contains("has no such CT log", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_SCT_outside_the_CT_key_validity_is_rejected()
    {
        var ct = new TestCt { Validity = new ValidityPeriod(TestPki.Now.AddDays(1), null) };
        var pki = FulcioPki.Create();
        var (leaf, _) = TestCt.IssueWithScts(TestPki.FulcioLeafSpec(), pki.Intermediate, tbs => [ct.Sct(TestPki.Now, Spki(pki.Intermediate), tbs)]);

        Assert.Equal(ReasonCodes.SctInvalid, EmbeddedSctVerifier.Verify(leaf, pki.Intermediate.Certificate, TestCt.Root(ct), threshold: 1)?.Code);
    }

    [Fact]
    public void Synthetic_SCT_over_another_TBS_is_rejected()
    {
        var ct = new TestCt();
        var pki = FulcioPki.Create();
        var (leaf, _) = TestCt.IssueWithScts(TestPki.FulcioLeafSpec(), pki.Intermediate, tbs => [ct.Sct(TestPki.Now, Spki(pki.Intermediate), [.. tbs, 0x00])]);

        Assert.Equal(ReasonCodes.SctInvalid, EmbeddedSctVerifier.Verify(leaf, pki.Intermediate.Certificate, TestCt.Root(ct), threshold: 1)?.Code);
    }

    [Fact]
    public void One_good_SCT_among_bad_ones_meets_the_threshold()
    {
        var good = new TestCt();
        var unknown = new TestCt();
        var pki = FulcioPki.Create();
        var issuerSpki = Spki(pki.Intermediate);
        var (leaf, _) = TestCt.IssueWithScts(TestPki.FulcioLeafSpec(), pki.Intermediate, tbs =>
            [unknown.Sct(TestPki.Now, issuerSpki, tbs), good.Sct(TestPki.Now, issuerSpki, tbs, flipSignature: true), good.Sct(TestPki.Now, issuerSpki, tbs)]);

        Assert.Null(EmbeddedSctVerifier.Verify(leaf, pki.Intermediate.Certificate, TestCt.Root(good), threshold: 1));
    }

    [Fact]
    public void SCTs_from_two_trusted_logs_meet_a_threshold_of_two_and_not_of_three()
    {
        var first = new TestCt();
        var second = new TestCt();
        var pki = FulcioPki.Create();
        var issuerSpki = Spki(pki.Intermediate);
        var (leaf, _) = TestCt.IssueWithScts(TestPki.FulcioLeafSpec(), pki.Intermediate, tbs =>
            [first.Sct(TestPki.Now, issuerSpki, tbs), second.Sct(TestPki.Now, issuerSpki, tbs)]);
        var root = TestCt.Root(first, second);

        Assert.Null(EmbeddedSctVerifier.Verify(leaf, pki.Intermediate.Certificate, root, threshold: 2));
        var failure = EmbeddedSctVerifier.Verify(leaf, pki.Intermediate.Certificate, root, threshold: 3);
        Assert.Equal(ReasonCodes.SctInvalid, failure?.Code);
        Assert.Contains("at least 3 distinct trusted CT log(s), found 2", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_SCTs_from_one_log_count_once()
    {
        var ct = new TestCt();
        var pki = FulcioPki.Create();
        var issuerSpki = Spki(pki.Intermediate);
        var (leaf, _) = TestCt.IssueWithScts(TestPki.FulcioLeafSpec(), pki.Intermediate, tbs =>
            [ct.Sct(TestPki.Now, issuerSpki, tbs), ct.Sct(TestPki.Now.AddSeconds(1), issuerSpki, tbs)]);

        Assert.Null(EmbeddedSctVerifier.Verify(leaf, pki.Intermediate.Certificate, TestCt.Root(ct), threshold: 1));
        var failure = EmbeddedSctVerifier.Verify(leaf, pki.Intermediate.Certificate, TestCt.Root(ct), threshold: 2);
        Assert.Equal(ReasonCodes.SctInvalid, failure?.Code);
        Assert.Contains("counted already", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_SCT_from_a_log_the_trust_root_does_not_hold_does_not_count()
    {
        var trusted = new TestCt();
        var untrusted = new TestCt();
        var pki = FulcioPki.Create();
        var issuerSpki = Spki(pki.Intermediate);
        var (leaf, _) = TestCt.IssueWithScts(TestPki.FulcioLeafSpec(), pki.Intermediate, tbs =>
            [trusted.Sct(TestPki.Now, issuerSpki, tbs), untrusted.Sct(TestPki.Now, issuerSpki, tbs)]);

        Assert.Equal(ReasonCodes.SctInvalid, EmbeddedSctVerifier.Verify(leaf, pki.Intermediate.Certificate, TestCt.Root(trusted), threshold: 2)?.Code);
    }

    [Fact]
    public void Leaf_without_an_SCT_extension_is_rejected_as_missing()
    {
        var pki = FulcioPki.Create();
        var failure = EmbeddedSctVerifier.Verify(pki.Leaf.Certificate, pki.Intermediate.Certificate, TestCt.Root(new TestCt()), threshold: 1);
        Assert.Equal(ReasonCodes.SctMissing, failure?.Code);
    }

    [Fact]
    public void Empty_SCT_list_is_rejected_as_missing()
    {
        var pki = FulcioPki.Create();
        var (leaf, _) = TestCt.IssueWithScts(TestPki.FulcioLeafSpec(), pki.Intermediate, _ => []);
        Assert.Equal(ReasonCodes.SctMissing, EmbeddedSctVerifier.Verify(leaf, pki.Intermediate.Certificate, TestCt.Root(new TestCt()), threshold: 1)?.Code);
    }

    [Fact]
    public void Truncated_SCT_list_is_rejected_as_invalid()
    {
        var pki = FulcioPki.Create();
        var extension = new X509Extension(TestCt.SctListOid, [0x04, 0x04, 0x00, 0x05, 0x00, 0x03], critical: false);
        var leaf = TestPki.IssueBy(TestPki.FulcioLeafSpec() with { Extra = [TestPki.EmailSan("a@b.c"), extension] }, pki.Intermediate);

        var failure = EmbeddedSctVerifier.Verify(leaf.Certificate, pki.Intermediate.Certificate, TestCt.Root(new TestCt()), threshold: 1);

        Assert.Equal(ReasonCodes.SctInvalid, failure?.Code);
        Assert.Contains("malformed", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Precertificate_TBS_is_the_final_TBS_without_exactly_the_SCT_list()
    {
        var ct = new TestCt();
        var pki = FulcioPki.Create();
        var (leaf, precertTbs) = TestCt.IssueWithScts(TestPki.FulcioLeafSpec(), pki.Intermediate, tbs => [ct.Sct(TestPki.Now, Spki(pki.Intermediate), tbs)]);

        Assert.Null(ParsedCertificate.TryGet(leaf, out var parsed));
        Assert.Equal(precertTbs, PrecertificateTbs.Rebuild(parsed.Tbs));
        Assert.NotEqual(precertTbs, parsed.Tbs.ToArray());
    }

    private static byte[] Spki(Issued issued) => issued.Key.ExportSubjectPublicKeyInfo();

    private static (X509Certificate2 Leaf, X509Certificate2 Issuer, TrustedRoot Root) Production()
    {
        var root = RealFixtures.ProductionRoot();
        var leaf = RealFixtures.ProductionLeaf();
        Assert.Null(FulcioChainValidator.Validate(leaf, root.CertificateAuthorities, RealFixtures.ProductionIntegratedTime, out var chain));
        return (leaf, chain[1], root);
    }

    private static TrustedRoot WithCtLogs(TrustedRoot root, IReadOnlyList<TransparencyLog> ctLogs) => new()
    {
        MediaType = root.MediaType,
        TransparencyLogs = root.TransparencyLogs,
        CertificateAuthorities = root.CertificateAuthorities,
        CtLogs = ctLogs,
        TimestampAuthorities = root.TimestampAuthorities,
        Sha256 = root.Sha256,
    };
}
