using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>§2 version rules: v0.1 needs a SET, v0.2+ an inclusion proof, v0.3 a single certificate.</summary>
public sealed class BundleVersionRulesTests : VirtualTestBase
{
    [Theory]
    [InlineData(BundleVersion.V01)]
    [InlineData(BundleVersion.V02)]
    [InlineData(BundleVersion.V03)]
    [InlineData(BundleVersion.V03Canonical)]
    public void Every_version_verifies(BundleVersion version)
    {
        AssertVerified(Verify(Sigstore.SignDsse(Statement, new SignOptions { Version = version })));
        AssertVerified(Verify(Sigstore.SignMessage(Artifact, new SignOptions { Version = version })));
    }

    [Fact]
    public void V01_without_set_is_refused() =>
        AssertFails(ReasonCodes.BundleMalformed, Verify(Sigstore.SignDsse(Statement, new SignOptions { Version = BundleVersion.V01, IncludeSet = false, IncludeInclusionProof = true })));

    [Fact]
    public void V02_without_inclusion_proof_is_refused() =>
        AssertFails(ReasonCodes.BundleMalformed, Verify(Sigstore.SignDsse(Statement, new SignOptions { Version = BundleVersion.V02, IncludeInclusionProof = false })));

    [Fact]
    public void V03_without_inclusion_proof_is_refused() =>
        AssertFails(ReasonCodes.BundleMalformed, Verify(Sigstore.SignDsse(Statement, new SignOptions { Version = BundleVersion.V03, IncludeInclusionProof = false })));

    [Fact]
    public void V03_with_a_certificate_chain_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement, new SignOptions { Version = BundleVersion.V02 });
        bundle.Json["mediaType"] = VirtualSigstore.MediaType(BundleVersion.V03);
        AssertFails(ReasonCodes.BundleMalformed, Verify(bundle));
    }

    [Fact]
    public void V04_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement);
        bundle.Json["mediaType"] = "application/vnd.dev.sigstore.bundle.v0.4+json";
        AssertFails(ReasonCodes.BundleUnsupportedVersion, Verify(bundle));
    }

    [Fact]
    public void Both_content_kinds_at_once_are_refused()
    {
        var bundle = Sigstore.SignDsse(Statement);
        bundle.Json["messageSignature"] = Sigstore.SignMessage(Artifact).MessageSignature!.DeepClone();
        AssertFails(ReasonCodes.BundleMalformed, Verify(bundle));
    }

    [Fact]
    public void Int64_fields_as_json_numbers_and_url_safe_base64_are_accepted()
    {
        var bundle = Sigstore.SignDsse(Statement);
        var entry = bundle.TlogEntry;
        foreach (var name in new[] { "logIndex", "integratedTime" })
        {
            entry[name] = long.Parse(entry[name]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        }
        bundle.InclusionProof["treeSize"] = long.Parse(bundle.InclusionProof["treeSize"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        string sig = bundle.DsseEnvelope!["signatures"]![0]!["sig"]!.GetValue<string>();
        bundle.DsseEnvelope!["signatures"]![0]!["sig"] = sig.Replace('+', '-').Replace('/', '_');
        AssertVerified(Verify(bundle));
    }
}
