using System.Security.Cryptography;
using System.Text;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>§4.6: DSSE PAE, message signatures and the artifact binding.</summary>
public sealed class SignatureRulesTests : VirtualTestBase
{
    [Fact]
    public void Dsse_bundle_verifies_and_returns_the_statement()
    {
        var result = Verify(Sigstore.SignDsse(Statement));
        AssertVerified(result);
        Assert.Equal(Statement, result.Statement!.Value.ToArray());
        Assert.Equal(InTotoStatements.CosignSignPredicate, result.PredicateType);
        Assert.Equal(VirtualSigstore.DefaultIdentity, result.SignerIdentity);
        Assert.Equal(VirtualSigstore.DefaultIssuer, result.SignerIssuer);
        Assert.Single(result.LogEntries);
    }

    [Fact]
    public void Dsse_bundle_verifies_against_a_digest_policy() =>
        AssertVerified(Verify(Sigstore.SignDsse(Statement), artifact: ArtifactPolicy.ForDigest("sha256", SHA256.HashData(Artifact))));

    [Fact]
    public void Dsse_payload_changed_no_longer_matches_the_logged_payload_hash()
    {
        var bundle = Sigstore.SignDsse(Statement);
        bundle.DsseEnvelope!["payload"] = Convert.ToBase64String(InTotoStatements.StatementFor("other"u8.ToArray()));
        AssertFails(ReasonCodes.TlogBodyMismatch, Verify(bundle));
    }

    [Fact]
    public void Dsse_payload_type_changed_breaks_the_signature()
    {
        var bundle = Sigstore.SignDsse(Statement);
        bundle.DsseEnvelope!["payloadType"] = "application/vnd.in-toto+jsoN";
        AssertFails(ReasonCodes.SignatureInvalid, Verify(bundle));
    }

    [Fact]
    public void Dsse_signature_changed_no_longer_matches_the_logged_signature()
    {
        var bundle = Sigstore.SignDsse(Statement);
        bundle.DsseEnvelope!["signatures"]![0]!["sig"] = Convert.ToBase64String(bundle.SignerKey.Sign("other"u8));
        AssertFails(ReasonCodes.TlogBodyMismatch, Verify(bundle));
    }

    [Fact]
    public void Dsse_signature_over_other_bytes_logged_as_is_is_refused() =>
        AssertFails(ReasonCodes.SignatureInvalid, Verify(Sigstore.SignDsse(Statement, new SignOptions { SignOtherBytes = true })));

    [Fact]
    public void Dsse_with_two_signatures_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement);
        var signatures = bundle.DsseEnvelope!["signatures"]!.AsArray();
        signatures.Add(signatures[0]!.DeepClone());
        AssertFails(ReasonCodes.DsseMalformed, Verify(bundle));
    }

    [Fact]
    public void Dsse_with_a_payload_type_other_than_in_toto_is_refused() =>
        AssertFails(ReasonCodes.DsseMalformed, Verify(Sigstore.SignDsse(Statement, new SignOptions { PayloadType = "application/json" })));

    [Fact]
    public void Statement_for_another_artifact_is_refused() =>
        AssertFails(ReasonCodes.SubjectMismatch, Verify(Sigstore.SignDsse(InTotoStatements.StatementFor("other"u8.ToArray()))));

    [Fact]
    public void Statement_matching_on_a_later_subject_verifies() =>
        AssertVerified(Verify(Sigstore.SignDsse(InTotoStatements.Statement([SHA256.HashData("a"u8), SHA256.HashData(Artifact)]))));

    [Fact]
    public void Statement_with_1024_subjects_verifies_and_1025_exceed_the_limit()
    {
        var digests = Enumerable.Range(0, 1023).Select(i => SHA256.HashData(BitConverter.GetBytes(i))).Append(SHA256.HashData(Artifact)).ToList();
        AssertVerified(Verify(Sigstore.SignDsse(InTotoStatements.Statement(digests))));
        digests.Insert(0, SHA256.HashData("extra"u8));
        AssertFails(ReasonCodes.BundleLimitExceeded, Verify(Sigstore.SignDsse(InTotoStatements.Statement(digests))));
    }

    [Fact]
    public void Message_signature_verifies() => AssertVerified(Verify(Sigstore.SignMessage(Artifact)));

    [Fact]
    public void Message_signature_verifies_against_a_digest_policy() =>
        AssertVerified(Verify(Sigstore.SignMessage(Artifact), artifact: ArtifactPolicy.ForDigest("sha256", SHA256.HashData(Artifact))));

    [Fact]
    public void Message_signature_for_another_artifact_is_refused() =>
        AssertFails(ReasonCodes.ArtifactDigestMismatch, Verify(Sigstore.SignMessage(Artifact), artifact: ArtifactPolicy.ForArtifact("other"u8.ToArray())));

    [Fact]
    public void Message_signature_over_other_bytes_is_refused() =>
        AssertFails(ReasonCodes.SignatureInvalid, Verify(Sigstore.SignMessage(Artifact, new SignOptions { SignOtherBytes = true })));

    [Fact]
    public void Message_signature_with_a_p384_key_verifies() =>
        AssertVerified(Verify(Sigstore.SignMessage(Artifact, new SignOptions { KeyType = KeyType.EcdsaP384 })));

    [Fact]
    public void Dsse_with_a_p384_key_verifies() =>
        AssertVerified(Verify(Sigstore.SignDsse(Statement, new SignOptions { KeyType = KeyType.EcdsaP384 })));

    [Fact]
    public void Message_digest_changed_is_refused_as_not_the_artifacts_before_the_log_is_blamed()
    {
        // The log still holds the true digest; only the bundle's unauthenticated hint is wrong.
        var bundle = Sigstore.SignMessage(Artifact);
        bundle.MessageSignature!["messageDigest"]!["digest"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("other")));
        AssertFails(ReasonCodes.ArtifactDigestMismatch, Verify(bundle));
    }

    [Fact]
    public void Dsse_with_a_p384_key_signing_sha256_verifies_in_compat_mode() =>
        AssertVerified(Verify(Sigstore.SignDsse(Statement, new SignOptions { KeyType = KeyType.EcdsaP384, DsseHash = HashAlgorithmName.SHA256 })));
}
