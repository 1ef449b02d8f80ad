using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.Certificates;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Tests.Certificates;

public sealed class FulcioChainValidatorTests
{
    private static readonly DateTimeOffset T = TestPki.Now;

    // ---- real production material -------------------------------------------------------------------------

    [Fact]
    public void Production_leaf_chains_to_the_production_Fulcio_CA_at_its_integrated_time()
    {
        var root = RealFixtures.ProductionRoot();
        var leaf = RealFixtures.ProductionLeaf();

        var failure = FulcioChainValidator.Validate(leaf, root.CertificateAuthorities, RealFixtures.ProductionIntegratedTime, out var chain);

        Assert.Null(failure);
        Assert.Equal(3, chain.Count);
        Assert.Same(leaf, chain[0]);
        Assert.Contains("CN=sigstore-intermediate", chain[1].Subject, StringComparison.Ordinal);
        Assert.Contains("CN=sigstore", chain[2].Subject, StringComparison.Ordinal);
        Assert.Equal(chain[2].Subject, chain[2].Issuer);
    }

    [Fact]
    public void Production_leaf_is_valid_at_both_ends_of_its_validity_inclusive()
    {
        var root = RealFixtures.ProductionRoot();
        var leaf = RealFixtures.ProductionLeaf();
        var notAfter = new DateTimeOffset(2025, 2, 28, 19, 28, 11, TimeSpan.Zero);

        Assert.Null(FulcioChainValidator.Validate(leaf, root.CertificateAuthorities, RealFixtures.ProductionIntegratedTime, out _));
        Assert.Null(FulcioChainValidator.Validate(leaf, root.CertificateAuthorities, notAfter, out _));
    }

    [Fact]
    public void Production_leaf_one_second_after_expiry_is_rejected()
    {
        var root = RealFixtures.ProductionRoot();
        var leaf = RealFixtures.ProductionLeaf();
        var late = new DateTimeOffset(2025, 2, 28, 19, 28, 12, TimeSpan.Zero);

        var failure = FulcioChainValidator.Validate(leaf, root.CertificateAuthorities, late, out var chain);

        Assert.Equal(ReasonCodes.CertificateUntrustedChain, failure?.Code);
        Assert.Contains("to be valid at 2025-02-28T19:28:12Z", failure!.Message, StringComparison.Ordinal);
        Assert.Empty(chain);
    }

    [Fact]
    public void Production_leaf_without_its_issuing_CA_in_the_trust_root_is_rejected()
    {
        var root = RealFixtures.ProductionRoot();
        var leaf = RealFixtures.ProductionLeaf();
        // Keep only CAs whose chain does not hold the leaf's issuer name.
        var others = root.CertificateAuthorities.Where(ca => !ca.Chain.Any(c => c.Subject == leaf.Issuer)).ToList();

        var failure = FulcioChainValidator.Validate(leaf, others, RealFixtures.ProductionIntegratedTime, out _);

        Assert.Equal(ReasonCodes.CertificateUntrustedChain, failure?.Code);
    }

    [Fact]
    public void Conformance_expired_certificate_is_rejected_at_the_integrated_time()
    {
        // intoto-expired-certificate_fail: the leaf (2030) is not valid at the entry's integratedTime (2023-02-01).
        const string name = "intoto-expired-certificate_fail";
        var root = RealFixtures.ConformanceRoot(name);
        var leaf = RealFixtures.ConformanceLeaf(name);

        var failure = FulcioChainValidator.Validate(leaf, root.CertificateAuthorities, RealFixtures.IntegratedTimeOf(name), out _);

        Assert.Equal(ReasonCodes.CertificateUntrustedChain, failure?.Code);
        Assert.Contains("to be valid at 2023-02-01T00:00:00Z", failure!.Message, StringComparison.Ordinal);
    }

    // ---- synthetic hierarchies: one thing changed at a time ------------------------------------------------

    [Fact]
    public void Good_synthetic_hierarchy_validates_and_returns_leaf_intermediate_root()
    {
        var pki = FulcioPki.Create();

        var failure = FulcioChainValidator.Validate(pki.Leaf.Certificate, [pki.Authority()], T, out var chain);

        Assert.Null(failure);
        Assert.Equal([pki.Leaf.Certificate, pki.Intermediate.Certificate, pki.Root.Certificate], chain);
    }

    [Fact]
    public void Leaf_with_a_wrong_extended_key_usage_is_rejected()
    {
        var pki = FulcioPki.Create(leaf: s => s with { Eku = [TestPki.ServerAuth] });
        AssertRejected(pki, "codeSigning");
    }

    [Fact]
    public void Leaf_without_an_extended_key_usage_is_rejected()
    {
        var pki = FulcioPki.Create(leaf: s => s with { Eku = null });
        AssertRejected(pki, "no extendedKeyUsage");
    }

    [Fact]
    public void Leaf_that_is_a_CA_is_rejected()
    {
        var pki = FulcioPki.Create(leaf: s => s with { Ca = true });
        AssertRejected(pki, "not to be a CA");
    }

    [Fact]
    public void Leaf_expired_at_the_verification_time_is_rejected()
    {
        var pki = FulcioPki.Create(leaf: s => s with { NotBefore = T.AddMinutes(-20), NotAfter = T.AddMinutes(-10) });
        AssertRejected(pki, "to be valid at");
    }

    [Fact]
    public void Leaf_not_yet_valid_at_the_verification_time_is_rejected()
    {
        var pki = FulcioPki.Create(leaf: s => s with { NotBefore = T.AddSeconds(1), NotAfter = T.AddMinutes(10) });
        AssertRejected(pki, "to be valid at");
    }

    [Fact]
    public void Leaf_valid_exactly_until_the_verification_time_is_accepted()
    {
        var pki = FulcioPki.Create(leaf: s => s with { NotBefore = T.AddMinutes(-10), NotAfter = T });
        Assert.Null(FulcioChainValidator.Validate(pki.Leaf.Certificate, [pki.Authority()], T, out _));
    }

    [Fact]
    public void Intermediate_expired_at_the_verification_time_is_rejected()
    {
        var pki = FulcioPki.Create(intermediate: s => s with { NotBefore = T.AddYears(-2), NotAfter = T.AddDays(-1) });
        AssertRejected(pki, "to be valid at");
    }

    [Fact]
    public void Intermediate_not_signed_by_the_root_is_rejected()
    {
        var root = TestPki.SelfSigned(TestPki.RootSpec());
        using var impostorKey = TestPki.NewKey();
        // Same issuer name as the root, but signed with another key.
        var intermediate = TestPki.IssueBy(TestPki.IntermediateSpec(), root.Name, impostorKey);
        var leaf = TestPki.IssueBy(TestPki.FulcioLeafSpec(), intermediate);
        var ca = TestPki.Authority([intermediate.Certificate, root.Certificate]);

        var failure = FulcioChainValidator.Validate(leaf.Certificate, [ca], T, out _);

        Assert.Equal(ReasonCodes.CertificateUntrustedChain, failure?.Code);
        Assert.Contains("does not verify", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaf_not_signed_by_the_intermediate_is_rejected()
    {
        var pki = FulcioPki.Create();
        using var impostorKey = TestPki.NewKey();
        var forged = TestPki.IssueBy(TestPki.FulcioLeafSpec(), pki.Intermediate.Name, impostorKey);

        var failure = FulcioChainValidator.Validate(forged.Certificate, [pki.Authority()], T, out _);

        Assert.Equal(ReasonCodes.CertificateUntrustedChain, failure?.Code);
        Assert.Contains("does not verify", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_roots_own_signature_is_not_what_makes_it_trusted()
    {
        // A trust anchor is trusted because the trust root names it (RFC 5280 §6.1, Go's crypto/x509): its
        // self-signature is not verified. What it signed is: see Intermediate_not_signed_by_the_root_is_rejected.
        using var otherKey = TestPki.NewKey();
        var rootKey = TestPki.NewKey();
        var rootSpec = TestPki.RootSpec();
        var rootName = new X500DistinguishedName(rootSpec.Subject);
        var root = new Issued(rootKey, TestPki.Create(rootSpec, rootKey, rootName, otherKey));
        var intermediate = TestPki.IssueBy(TestPki.IntermediateSpec(), root);
        var leaf = TestPki.IssueBy(TestPki.FulcioLeafSpec(), intermediate);

        Assert.Null(FulcioChainValidator.Validate(leaf.Certificate, [TestPki.Authority([intermediate.Certificate, root.Certificate])], T, out _));
    }

    [Fact]
    public void CA_whose_validFor_excludes_the_time_is_skipped_and_the_leaf_rejected()
    {
        var pki = FulcioPki.Create();
        var ca = pki.Authority(new ValidityPeriod(T.AddYears(-3), T.AddSeconds(-1)));

        var failure = FulcioChainValidator.Validate(pki.Leaf.Certificate, [ca], T, out _);

        Assert.Equal(ReasonCodes.CertificateUntrustedChain, failure?.Code);
        Assert.Contains("does not contain", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CA_validFor_is_closed_at_both_ends()
    {
        var pki = FulcioPki.Create();
        Assert.Null(FulcioChainValidator.Validate(pki.Leaf.Certificate, [pki.Authority(new ValidityPeriod(T, T))], T, out _));
    }

    [Fact]
    public void First_CA_that_validates_wins()
    {
        var pki = FulcioPki.Create();
        var unrelated = FulcioPki.Create();

        var failure = FulcioChainValidator.Validate(pki.Leaf.Certificate, [unrelated.Authority(), pki.Authority()], T, out var chain);

        Assert.Null(failure);
        Assert.Same(pki.Root.Certificate, chain[^1]);
    }

    [Fact]
    public void Unknown_critical_extension_on_the_leaf_is_rejected()
    {
        var pki = FulcioPki.Create(leaf: s => s with { Extra = [.. s.Extra, new X509Extension("1.2.3.4.5", [0x05, 0x00], critical: true)] });
        AssertRejected(pki, "critical 1.2.3.4.5");
    }

    [Fact]
    public void Unknown_critical_extension_on_the_intermediate_is_rejected()
    {
        var pki = FulcioPki.Create(intermediate: s => s with { Extra = [new X509Extension("1.2.3.4.5", [0x05, 0x00], critical: true)] });
        AssertRejected(pki, "critical 1.2.3.4.5");
    }

    [Fact]
    public void Unknown_non_critical_extension_is_ignored()
    {
        var pki = FulcioPki.Create(leaf: s => s with { Extra = [.. s.Extra, new X509Extension("1.2.3.4.5", [0x05, 0x00], critical: false)] });
        Assert.Null(FulcioChainValidator.Validate(pki.Leaf.Certificate, [pki.Authority()], T, out _));
    }

    [Fact]
    public void Critical_otherName_only_SAN_is_accepted()
    {
        var pki = FulcioPki.Create(leaf: s => s with { Extra = [TestPki.OtherNameSan("octocat")] });
        Assert.Null(FulcioChainValidator.Validate(pki.Leaf.Certificate, [pki.Authority()], T, out _));
    }

    [Fact]
    public void Intermediate_that_is_not_a_CA_is_rejected()
    {
        var pki = FulcioPki.Create(intermediate: s => s with { Ca = false, PathLength = null });
        AssertRejected(pki, "to be a CA");
    }

    [Fact]
    public void Intermediate_without_basic_constraints_is_rejected()
    {
        var pki = FulcioPki.Create(intermediate: s => s with { Ca = null, PathLength = null });
        AssertRejected(pki, "no basicConstraints");
    }

    [Fact]
    public void Intermediate_without_keyCertSign_is_rejected()
    {
        var pki = FulcioPki.Create(intermediate: s => s with { KeyUsage = X509KeyUsageFlags.DigitalSignature });
        AssertRejected(pki, "keyCertSign");
    }

    [Fact]
    public void Root_path_length_zero_with_an_intermediate_below_is_rejected()
    {
        var pki = FulcioPki.Create(root: s => s with { PathLength = 0 });
        AssertRejected(pki, "pathLenConstraint");
    }

    [Fact]
    public void Root_path_length_one_with_one_intermediate_is_accepted()
    {
        var pki = FulcioPki.Create(root: s => s with { PathLength = 1 });
        Assert.Null(FulcioChainValidator.Validate(pki.Leaf.Certificate, [pki.Authority()], T, out _));
    }

    [Fact]
    public void Intermediate_whose_EKU_list_forbids_codeSigning_is_rejected()
    {
        var pki = FulcioPki.Create(intermediate: s => s with { Eku = [TestPki.ServerAuth] });
        AssertRejected(pki, "to allow 1.3.6.1.5.5.7.3.3");
    }

    [Fact]
    public void Intermediate_with_anyExtendedKeyUsage_allows_codeSigning()
    {
        var pki = FulcioPki.Create(intermediate: s => s with { Eku = [TestPki.AnyEku] });
        Assert.Null(FulcioChainValidator.Validate(pki.Leaf.Certificate, [pki.Authority()], T, out _));
    }

    [Fact]
    public void Intermediate_without_an_EKU_list_is_unrestricted()
    {
        var pki = FulcioPki.Create(intermediate: s => s with { Eku = null });
        Assert.Null(FulcioChainValidator.Validate(pki.Leaf.Certificate, [pki.Authority()], T, out _));
    }

    [Fact]
    public void Only_trust_root_certificates_are_used_never_a_chain_from_the_bundle()
    {
        // The trust root holds only the root; the intermediate (as a bundle would carry it) is not consulted.
        var pki = FulcioPki.Create();
        var rootOnly = TestPki.Authority([pki.Root.Certificate]);

        var failure = FulcioChainValidator.Validate(pki.Leaf.Certificate, [rootOnly], T, out _);

        Assert.Equal(ReasonCodes.CertificateUntrustedChain, failure?.Code);
        Assert.Contains("found none", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaf_issued_directly_by_a_root_only_CA_is_accepted()
    {
        var root = TestPki.SelfSigned(TestPki.RootSpec());
        var leaf = TestPki.IssueBy(TestPki.FulcioLeafSpec(), root);

        var failure = FulcioChainValidator.Validate(leaf.Certificate, [TestPki.Authority([root.Certificate])], T, out var chain);

        Assert.Null(failure);
        Assert.Equal([leaf.Certificate, root.Certificate], chain);
    }

    [Fact]
    public void Leaf_signed_with_ECDSA_SHA384_is_accepted()
    {
        var pki = FulcioPki.Create(intermediate: s => s with { Hash = HashAlgorithmName.SHA384 }, leaf: s => s with { Hash = HashAlgorithmName.SHA384 });
        Assert.Null(FulcioChainValidator.Validate(pki.Leaf.Certificate, [pki.Authority()], T, out _));
    }

    [Fact]
    public void Empty_CA_list_is_rejected()
    {
        var pki = FulcioPki.Create();
        Assert.Equal(ReasonCodes.CertificateUntrustedChain, FulcioChainValidator.Validate(pki.Leaf.Certificate, [], T, out _)?.Code);
    }

    [Fact]
    public void Issued_by_helper_accepts_the_real_issuer_and_refuses_another()
    {
        var pki = FulcioPki.Create();
        var other = FulcioPki.Create();

        Assert.Null(CertificateSignature.VerifyIssuedBy(pki.Leaf.Certificate, pki.Intermediate.Certificate));
        Assert.Null(CertificateSignature.VerifyIssuedBy(pki.Root.Certificate, pki.Root.Certificate));
        Assert.Equal(ReasonCodes.CertificateUntrustedChain, CertificateSignature.VerifyIssuedBy(pki.Leaf.Certificate, other.Intermediate.Certificate)?.Code);
        Assert.Equal(ReasonCodes.CertificateUntrustedChain, CertificateSignature.VerifyIssuedBy(pki.Leaf.Certificate, pki.Root.Certificate)?.Code);
    }

    private static void AssertRejected(FulcioPki pki, string expectedFragment)
    {
        var failure = FulcioChainValidator.Validate(pki.Leaf.Certificate, [pki.Authority()], T, out var chain);
        Assert.Equal(ReasonCodes.CertificateUntrustedChain, failure?.Code);
        Assert.Contains(expectedFragment, failure!.Message, StringComparison.Ordinal);
        Assert.Empty(chain);
    }
}
