using System.Security.Cryptography;
using ImageGate.Sigstore.Tests.Certificates;
using ImageGate.Sigstore.Timestamps;
using ImageGate.Sigstore.TrustRoot;

namespace ImageGate.Sigstore.Tests.Timestamps;

public sealed class Rfc3161VerifierTests
{
    private static readonly byte[] Signature = "a DER ECDSA signature, as the bundle carries it"u8.ToArray();

    // ---- sigstore-conformance rekor2 timestamps -----------------------------------------------------------

    [Theory]
    [InlineData("rekor2-timestamp-with-embedded-cert")]
    [InlineData("rekor2-timestamp-without-embedded-cert")]
    [InlineData("rekor2-timestamp-with-expired-cert-chain")]
    [InlineData("rekor2-happy-path")]
    [InlineData("rekor2-dsse-happy-path")]
    [InlineData("trust-root-tsa-validity-end-inclusive")]
    [InlineData("rekor2-timestamp-with-incorrect-time_fail")] // the timestamp is good; the signing cert is not
    public void Conformance_timestamp_verifies(string name)
    {
        var root = RealFixtures.ConformanceRoot(name);
        var (token, signedBytes) = RealFixtures.TimestampOf(name);

        var failure = Rfc3161Verifier.Verify(token, signedBytes, root.TimestampAuthorities, out var genTime, out var authority);

        Assert.Null(failure);
        Assert.Same(root.TimestampAuthorities[0], authority);
        Assert.True(genTime > new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Conformance_genTime_equal_to_the_TSA_validFor_end_is_accepted()
    {
        const string name = "trust-root-tsa-validity-end-inclusive";
        var root = RealFixtures.ConformanceRoot(name);
        var (token, signedBytes) = RealFixtures.TimestampOf(name);

        Assert.Null(Rfc3161Verifier.Verify(token, signedBytes, root.TimestampAuthorities, out var genTime, out _));
        Assert.Equal(root.TimestampAuthorities[0].Validity.End, genTime);
    }

    [Theory]
    [InlineData("rekor2-timestamp-outside-trust-root-tsa-validity_fail", ReasonCodes.TimestampUntrusted)]
    [InlineData("rekor2-timestamp-outside-tsa-cert-validity_fail", ReasonCodes.TimestampUntrusted)]
    [InlineData("rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail", ReasonCodes.TimestampUntrusted)]
    [InlineData("rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail", ReasonCodes.TimestampUntrusted)]
    [InlineData("rekor2-timestamp-payload-mismatch_fail", ReasonCodes.TimestampInvalid)]
    public void Conformance_bad_timestamp_is_rejected(string name, string code)
    {
        var root = RealFixtures.ConformanceRoot(name);
        var (token, signedBytes) = RealFixtures.TimestampOf(name);

        var failure = Rfc3161Verifier.Verify(token, signedBytes, root.TimestampAuthorities, out _, out var authority);

        Assert.Equal(code, failure?.Code);
        Assert.Null(authority);
    }

    [Fact]
    public void Conformance_timestamp_over_other_bytes_is_rejected()
    {
        const string name = "rekor2-timestamp-with-embedded-cert";
        var root = RealFixtures.ConformanceRoot(name);
        var (token, signedBytes) = RealFixtures.TimestampOf(name);
        signedBytes[0] ^= 0x01;

        Assert.Equal(ReasonCodes.TimestampInvalid, Rfc3161Verifier.Verify(token, signedBytes, root.TimestampAuthorities, out _, out _)?.Code);
    }

    [Fact]
    public void Conformance_timestamp_without_any_trusted_TSA_is_rejected()
    {
        var (token, signedBytes) = RealFixtures.TimestampOf("rekor2-timestamp-with-embedded-cert");
        Assert.Equal(ReasonCodes.TimestampUntrusted, Rfc3161Verifier.Verify(token, signedBytes, [], out _, out _)?.Code);
    }

    // ---- synthetic: one thing changed at a time ------------------------------------------------------------

    [Fact]
    public void Good_token_verifies_and_returns_genTime_and_TSA_uri()
    {
        var tsa = TestTsa.Create();

        var failure = Verify(tsa, new TokenSpec { SignedBytes = Signature }, out var genTime, out var uri);

        Assert.Null(failure);
        Assert.Equal(TestPki.Now, genTime);
        Assert.Equal("https://tsa.test/api/v1/timestamp", uri);
    }

    [Fact]
    public void Bare_TimeStampToken_without_the_response_wrapper_verifies()
    {
        var tsa = TestTsa.Create();
        Assert.Null(Verify(tsa, new TokenSpec { SignedBytes = Signature, Bare = true }, out _, out _));
    }

    [Theory]
    [InlineData("SHA384")]
    [InlineData("SHA512")]
    public void SHA_384_and_512_imprints_verify(string hash)
    {
        var tsa = TestTsa.Create();
        Assert.Null(Verify(tsa, new TokenSpec { SignedBytes = Signature, ImprintHash = new HashAlgorithmName(hash) }, out _, out _));
    }

    [Fact]
    public void SHA1_imprint_is_rejected()
    {
        var tsa = TestTsa.Create();

        var failure = Verify(tsa, new TokenSpec { SignedBytes = Signature, ImprintHash = HashAlgorithmName.SHA1, ImprintOid = "1.3.14.3.2.26" }, out _, out _);

        Assert.Equal(ReasonCodes.TimestampInvalid, failure?.Code);
        Assert.Contains("SHA-1", failure!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)] // grantedWithMods: refused, as digitorus/timestamp refuses it
    [InlineData(2)] // rejection
    public void Status_other_than_granted_is_refused(int status)
    {
        var tsa = TestTsa.Create();

        var failure = Verify(tsa, new TokenSpec { SignedBytes = Signature, Status = status }, out _, out _);

        Assert.Equal(ReasonCodes.TimestampInvalid, failure?.Code);
        Assert.Contains("status", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_over_other_bytes_is_rejected()
    {
        var tsa = TestTsa.Create();
        var token = tsa.Timestamp(new TokenSpec { SignedBytes = Signature });

        var failure = Rfc3161Verifier.Verify(token, "other bytes"u8, [tsa.Authority()], out _, out _);

        Assert.Equal(ReasonCodes.TimestampInvalid, failure?.Code);
        Assert.Contains("message imprint", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipped_CMS_signature_is_rejected()
    {
        var tsa = TestTsa.Create();
        var failure = Verify(tsa, new TokenSpec { SignedBytes = Signature, FlipSignature = true }, out _, out _);

        Assert.Equal(ReasonCodes.TimestampUntrusted, failure?.Code);
        Assert.Contains("CMS signature", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TSTInfo_changed_after_signing_is_rejected()
    {
        var tsa = TestTsa.Create();
        var failure = Verify(tsa, new TokenSpec { SignedBytes = Signature, AlterTstInfoAfterSigning = true }, out _, out _);

        Assert.Equal(ReasonCodes.TimestampInvalid, failure?.Code);
        Assert.Contains("messageDigest", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GenTime_outside_the_TSA_validFor_is_rejected()
    {
        var tsa = TestTsa.Create();
        var token = tsa.Timestamp(new TokenSpec { SignedBytes = Signature });
        var authority = tsa.Authority(new ValidityPeriod(TestPki.Now.AddYears(-1), TestPki.Now.AddSeconds(-1)));

        var failure = Rfc3161Verifier.Verify(token, Signature, [authority], out _, out _);

        Assert.Equal(ReasonCodes.TimestampUntrusted, failure?.Code);
        Assert.Contains("within the TSA's validity", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GenTime_equal_to_the_TSA_validFor_start_is_accepted()
    {
        var tsa = TestTsa.Create();
        var token = tsa.Timestamp(new TokenSpec { SignedBytes = Signature });

        Assert.Null(Rfc3161Verifier.Verify(token, Signature, [tsa.Authority(new ValidityPeriod(TestPki.Now, TestPki.Now))], out _, out _));
    }

    [Fact]
    public void GenTime_after_the_TSA_certificate_expired_is_rejected()
    {
        var tsa = TestTsa.Create(leaf: s => s with { NotAfter = TestPki.Now.AddSeconds(-1) });

        var failure = Verify(tsa, new TokenSpec { SignedBytes = Signature }, out _, out _);

        Assert.Equal(ReasonCodes.TimestampUntrusted, failure?.Code);
        Assert.Contains("to be valid at", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_critical_EKU_on_the_TSA_certificate_is_rejected()
    {
        var tsa = TestTsa.Create(leaf: s => s with { EkuCritical = false });
        AssertUntrusted(tsa, "critical and only timeStamping");
    }

    [Fact]
    public void TSA_certificate_with_a_second_EKU_is_rejected()
    {
        var tsa = TestTsa.Create(leaf: s => s with { Eku = [TestPki.TimeStamping, TestPki.CodeSigning] });
        AssertUntrusted(tsa, "critical and only timeStamping");
    }

    [Fact]
    public void TSA_certificate_with_another_EKU_is_rejected()
    {
        var tsa = TestTsa.Create(leaf: s => s with { Eku = [TestPki.CodeSigning] });
        AssertUntrusted(tsa, "critical and only timeStamping");
    }

    [Fact]
    public void TSA_certificate_that_is_a_CA_is_rejected()
    {
        // Listed as the trust root's intermediate-or-leaf slot: a CA at element 0 is not the leaf, so the token's
        // embedded certificate is the signer and the chain check refuses a CA end entity.
        var tsa = TestTsa.Create(leaf: s => s with { Ca = true, KeyUsage = X509KeyUsageFlagsCertSign });
        AssertUntrusted(tsa, "not to be a CA");
    }

    [Fact]
    public void Intermediate_whose_EKU_forbids_timeStamping_is_rejected()
    {
        var tsa = TestTsa.Create(intermediate: s => s with { Eku = [TestPki.CodeSigning] });
        AssertUntrusted(tsa, "to allow 1.3.6.1.5.5.7.3.8");
    }

    [Fact]
    public void Chain_with_an_intermediate_verifies()
    {
        var tsa = TestTsa.Create(withIntermediate: true);
        Assert.Null(Verify(tsa, new TokenSpec { SignedBytes = Signature }, out _, out _));
    }

    [Fact]
    public void Intermediate_from_the_token_only_is_used_to_build_the_chain()
    {
        var tsa = TestTsa.Create(withIntermediate: true);
        var token = tsa.Timestamp(new TokenSpec { SignedBytes = Signature });
        var rootOnly = TestPki.Authority([tsa.Root.Certificate], new ValidityPeriod(TestPki.Now.AddYears(-1), null));

        Assert.Null(Rfc3161Verifier.Verify(token, Signature, [rootOnly], out _, out _));
    }

    [Fact]
    public void Token_without_certificates_is_verified_with_the_trust_root_leaf()
    {
        var tsa = TestTsa.Create();
        Assert.Null(Verify(tsa, new TokenSpec { SignedBytes = Signature, EmbedCertificates = false }, out _, out _));
    }

    [Fact]
    public void Token_without_certificates_and_no_trusted_leaf_is_rejected()
    {
        var tsa = TestTsa.Create();
        var token = tsa.Timestamp(new TokenSpec { SignedBytes = Signature, EmbedCertificates = false });

        var failure = Rfc3161Verifier.Verify(token, Signature, [tsa.Authority(includeLeaf: false)], out _, out _);

        Assert.Equal(ReasonCodes.TimestampUntrusted, failure?.Code);
    }

    [Fact]
    public void Signer_other_than_the_trust_root_leaf_is_rejected()
    {
        // Another TSA leaf under the same root signs; the trust root names the first leaf.
        var tsa = TestTsa.Create();
        var rogueLeaf = TestPki.IssueBy(TestTsa.LeafSpec() with { Subject = "CN=rogue-tsa" }, tsa.Root);
        var rogue = new TestTsa { Root = tsa.Root, Leaf = rogueLeaf };
        var token = rogue.Timestamp(new TokenSpec { SignedBytes = Signature });

        var failure = Rfc3161Verifier.Verify(token, Signature, [tsa.Authority()], out _, out _);

        Assert.Equal(ReasonCodes.TimestampUntrusted, failure?.Code);
        Assert.Contains("trust root's TSA certificate", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_from_an_untrusted_TSA_is_rejected()
    {
        var trusted = TestTsa.Create();
        var untrusted = TestTsa.Create();
        var token = untrusted.Timestamp(new TokenSpec { SignedBytes = Signature });

        Assert.Equal(ReasonCodes.TimestampUntrusted, Rfc3161Verifier.Verify(token, Signature, [trusted.Authority()], out _, out _)?.Code);
    }

    [Fact]
    public void Second_TSA_in_the_trust_root_can_vouch()
    {
        var first = TestTsa.Create();
        var second = TestTsa.Create();
        var token = second.Timestamp(new TokenSpec { SignedBytes = Signature });

        Assert.Null(Rfc3161Verifier.Verify(token, Signature, [first.Authority(), second.Authority()], out _, out _));
    }

    [Fact]
    public void Token_whose_certificates_all_sign_each_other_is_rejected_without_enumerating_every_path()
    {
        // Nine certificates named CN=loop, each issued by CN=loop with the same key: every one verifies under
        // every other, so the number of simple paths through them is astronomical.
        using var loopKey = TestPki.NewKey();
        var loopName = new System.Security.Cryptography.X509Certificates.X500DistinguishedName("CN=loop");
        var loop = Enumerable.Range(0, 9)
            .Select(_ => TestPki.Create(TestPki.IntermediateSpec("CN=loop") with { PathLength = null, Eku = null }, loopKey, loopName, loopKey))
            .ToList();
        var leaf = new Issued(TestPki.NewKey(), default!);
        leaf = leaf with { Certificate = TestPki.Create(TestTsa.LeafSpec(), leaf.Key, loopName, loopKey) };
        var trusted = TestTsa.Create();
        var rogue = new TestTsa { Root = trusted.Root, Leaf = leaf };
        var token = rogue.Timestamp(new TokenSpec { SignedBytes = Signature, ExtraCertificates = loop });

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var failure = Rfc3161Verifier.Verify(token, Signature, [trusted.Authority(includeLeaf: false)], out _, out _);

        Assert.Equal(ReasonCodes.TimestampUntrusted, failure?.Code);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Token_with_more_than_ten_certificates_is_rejected_as_invalid()
    {
        var tsa = TestTsa.Create();
        var extra = Enumerable.Range(0, 10).Select(_ => TestPki.SelfSigned(TestPki.RootSpec()).Certificate).ToList();

        var failure = Verify(tsa, new TokenSpec { SignedBytes = Signature, ExtraCertificates = extra }, out _, out _);

        Assert.Equal(ReasonCodes.TimestampInvalid, failure?.Code);
    }

    [Fact]
    public void Garbage_is_rejected_as_invalid()
    {
        var tsa = TestTsa.Create();
        Assert.Equal(ReasonCodes.TimestampInvalid, Rfc3161Verifier.Verify([0x30, 0x03, 0x02, 0x01], Signature, [tsa.Authority()], out _, out _)?.Code);
        Assert.Equal(ReasonCodes.TimestampInvalid, Rfc3161Verifier.Verify([], Signature, [tsa.Authority()], out _, out _)?.Code);
    }

    private const System.Security.Cryptography.X509Certificates.X509KeyUsageFlags X509KeyUsageFlagsCertSign =
        System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.DigitalSignature | System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.KeyCertSign;

    private static Failure? Verify(TestTsa tsa, TokenSpec spec, out DateTimeOffset genTime, out string uri)
    {
        var failure = Rfc3161Verifier.Verify(tsa.Timestamp(spec), Signature, [tsa.Authority()], out genTime, out var authority);
        uri = authority?.Uri ?? string.Empty;
        return failure;
    }

    private static void AssertUntrusted(TestTsa tsa, string fragment)
    {
        var failure = Verify(tsa, new TokenSpec { SignedBytes = Signature }, out _, out _);
        Assert.Equal(ReasonCodes.TimestampUntrusted, failure?.Code);
        Assert.Contains(fragment, failure!.Message, StringComparison.Ordinal);
    }
}
