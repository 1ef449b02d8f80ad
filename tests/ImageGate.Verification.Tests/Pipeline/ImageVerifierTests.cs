using ImageGate.Sigstore;
using ImageGate.Testing.VirtualSigstore;
using ImageGate.Verification.Policy;
using ImageGate.Verification.Report;

namespace ImageGate.Verification.Tests.Pipeline;

/// <summary>
/// <see cref="ImageGate.Verification.Pipeline.ImageVerifier"/> on material from a virtual Sigstore: which artifact goes
/// to which requirement, and that every policy setting (several identities, the tlog threshold, the SCT threshold)
/// means the same whether the artifact is a bundle, a legacy <c>.sig</c> or a legacy <c>.att</c> layer.
/// </summary>
public sealed class ImageVerifierTests : IDisposable
{
    private readonly VirtualImage _image = new();

    public void Dispose() => _image.Dispose();

    public static TheoryData<StoredAs> Formats => [StoredAs.Bundle, StoredAs.Sig, StoredAs.Att];

    private static RequirementOutcome Only(VerificationReport report) => Assert.Single(report.Requirements);

    private static void AssertMet(VerificationReport report)
    {
        var outcome = Only(report);
        Assert.True(outcome.Satisfied, $"expected {outcome.Name} to be met; it failed with {outcome.Failure}");
    }

    private static void AssertUnmet(string code, VerificationReport report)
    {
        var outcome = Only(report);
        Assert.True(outcome.Failure?.Code == code,
            $"expected {outcome.Name} to fail with {code}; got {(outcome.Satisfied ? "met" : outcome.Failure?.ToString())}");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_well_signed_artifact_meets_its_requirement(StoredAs format)
    {
        var report = _image.Verify(VirtualImage.PolicyFor(format), _image.Signed(format));

        AssertMet(report);
        Assert.True(report.Verified);
        var evidence = Only(report).Evidence!;
        Assert.Equal(VirtualSigstore.DefaultIdentity, evidence.Identity);
        Assert.Equal(VirtualSigstore.DefaultIssuer, evidence.Issuer);
        Assert.NotNull(evidence.LogIndex);
    }

    // Routing.

    [Fact]
    public void A_sig_layer_and_a_sign_bundle_each_meet_the_signature_requirement_and_the_second_is_not_needed()
    {
        var report = _image.Verify(VirtualImage.PolicyFor(StoredAs.Sig), _image.Sig(), _image.Bundle(InTotoStatements.CosignSignPredicate));

        AssertMet(report);
        Assert.Equal(["verified", "not-needed"], report.Artifacts.Select(a => a.Verdict));
        Assert.All(report.Artifacts, a => Assert.Equal("signature", a.Requirement));
    }

    [Fact]
    public void An_attestation_never_meets_the_signature_requirement()
    {
        var report = _image.Verify(VirtualImage.PolicyFor(StoredAs.Sig),
            _image.Att(VirtualImage.ProvenanceType), _image.Bundle(VirtualImage.SbomType), _image.Att(InTotoStatements.CosignSignPredicate));

        AssertUnmet(PolicyReasons.RequirementMissing, report);
        Assert.All(report.Artifacts, a => Assert.Equal("not-required", a.Verdict));
    }

    [Fact]
    public void An_image_signature_never_meets_an_attestation_requirement()
    {
        var report = _image.Verify(VirtualImage.PolicyFor(StoredAs.Att), _image.Sig(), _image.Bundle(InTotoStatements.CosignSignPredicate));

        AssertUnmet(PolicyReasons.RequirementMissing, report);
        Assert.All(report.Artifacts, a => Assert.Equal("not-required", a.Verdict));
    }

    [Fact]
    public void Each_attestation_goes_to_the_requirement_of_its_exact_predicate_type()
    {
        var signers = new SignerSet { Identities = [VirtualImage.Identity()] };
        var policy = VirtualImage.Policy(null,
        [
            new AttestationRequirement { Name = "sbom", PredicateType = VirtualImage.SbomType, Signers = signers },
            new AttestationRequirement { Name = "provenance", PredicateType = VirtualImage.ProvenanceType, Signers = signers },
        ]);

        var report = _image.Verify(policy, _image.Att(VirtualImage.ProvenanceType), _image.Bundle(VirtualImage.SbomType),
            _image.Att("https://slsa.dev/provenance/v1"));

        Assert.True(report.Verified, string.Join("; ", report.Requirements.Select(r => r.Failure)));
        Assert.Equal(["provenance", "sbom", null], report.Artifacts.Select(a => a.Requirement));
        Assert.Equal(["verified", "verified", "not-required"], report.Artifacts.Select(a => a.Verdict));
        Assert.Equal("legacy-attestation", report.Requirements.Single(r => r.Name == "provenance").Evidence!.Format);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_rejected_artifact_does_not_hide_a_good_one(StoredAs format)
    {
        var report = _image.Verify(VirtualImage.PolicyFor(format),
            _image.Signed(format, VirtualImage.By(VirtualImage.OtherIdentity)), _image.Signed(format));

        AssertMet(report);
        Assert.Equal(["rejected", "verified"], report.Artifacts.Select(a => a.Verdict));
        Assert.Equal(ReasonCodes.IdentityMismatch, report.Artifacts[0].Failure?.Code);
    }

    // Several identities: any one of them suffices, for every format.

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_second_accepted_identity_that_matches_is_enough(StoredAs format)
    {
        var policy = VirtualImage.PolicyFor(format, [VirtualImage.Identity(VirtualImage.OtherIdentity), VirtualImage.Identity()]);

        var report = _image.Verify(policy, _image.Signed(format));

        AssertMet(report);
        Assert.Equal(VirtualSigstore.DefaultIdentity, Only(report).Evidence!.Identity);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_signer_none_of_the_accepted_identities_names_is_refused(StoredAs format)
    {
        var policy = VirtualImage.PolicyFor(format,
            [VirtualImage.Identity(VirtualImage.OtherIdentity), VirtualImage.Identity(VirtualImage.OtherIdentity + "-too")]);

        AssertUnmet(ReasonCodes.IdentityMismatch, _image.Verify(policy, _image.Signed(format)));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_second_identity_with_a_required_extension_the_certificate_lacks_is_refused(StoredAs format)
    {
        var strict = new ImageGate.Sigstore.Identity.IdentityMatcher
        {
            SubjectAlternativeName = VirtualSigstore.DefaultIdentity,
            Issuer = VirtualSigstore.DefaultIssuer,
            Extensions = new Dictionary<string, string> { ["1.3.6.1.4.1.57264.1.12"] = "https://github.com/virtual/repo" },
        };
        var policy = VirtualImage.PolicyFor(format, [VirtualImage.Identity(VirtualImage.OtherIdentity), strict]);

        var report = _image.Verify(policy, _image.Signed(format));

        Assert.False(Only(report).Satisfied);
    }

    // The tlog threshold: entries in distinct trusted logs.

    [Fact]
    public void A_bundle_logged_in_two_trusted_logs_meets_a_tlog_threshold_of_2()
    {
        var report = _image.Verify(VirtualImage.PolicyFor(StoredAs.Bundle, tlog: 2), _image.Signed(StoredAs.Bundle, _image.InTwoLogs));

        AssertMet(report);
    }

    /// <summary>A legacy layer carries one Rekor bundle annotation, so one entry: a threshold of 2 is never met by
    /// a <c>.sig</c> or <c>.att</c>, however often its body was logged.</summary>
    [Theory]
    [MemberData(nameof(Formats))]
    public void One_entry_does_not_meet_a_tlog_threshold_of_2(StoredAs format)
    {
        var options = format == StoredAs.Bundle ? null : _image.InTwoLogs;

        var report = _image.Verify(VirtualImage.PolicyFor(format, tlog: 2), _image.Signed(format, options));

        AssertUnmet(ReasonCodes.TlogThresholdNotMet, report);
    }

    // The SCT threshold: SCTs verified by distinct trusted CT logs.

    [Theory]
    [MemberData(nameof(Formats))]
    public void Scts_from_two_trusted_ct_logs_meet_an_sct_threshold_of_2(StoredAs format)
    {
        var report = _image.Verify(VirtualImage.PolicyFor(format, sct: 2), _image.Signed(format, _image.WithTwoScts));

        AssertMet(report);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void One_sct_does_not_meet_an_sct_threshold_of_2(StoredAs format)
    {
        var report = _image.Verify(VirtualImage.PolicyFor(format, sct: 2), _image.Signed(format));

        AssertUnmet(ReasonCodes.SctInvalid, report);
    }
}
