using System.Net;
using System.Security.Cryptography.X509Certificates;
using ImageGate.Sigstore.Certificates;

namespace ImageGate.Sigstore.Tests.Certificates;

public sealed class CertificateIdentityTests
{
    private const string GithubIssuer = "https://token.actions.githubusercontent.com";

    [Fact]
    public void Production_leaf_identity_is_the_email_and_the_GitHub_OAuth_issuer()
    {
        var failure = CertificateIdentity.TryRead(RealFixtures.ProductionLeaf(), out var identity);

        Assert.Null(failure);
        Assert.Equal("cody@soyland.com", identity!.SubjectAlternativeName);
        Assert.Equal("https://github.com/login/oauth", identity.Issuer);
        Assert.Equal("https://github.com/login/oauth", identity.LegacyIssuer);
        Assert.Equal([new SubjectAlternativeName(SubjectAlternativeNameKind.Email, "cody@soyland.com")], identity.AllSubjectAlternativeNames);
        Assert.Empty(identity.Extensions);
    }

    [Fact]
    public void Conformance_GitHub_workflow_leaf_exposes_its_URI_SAN_and_workflow_extensions()
    {
        var failure = CertificateIdentity.TryRead(RealFixtures.ConformanceLeaf("happy-path-v0.3"), out var identity);

        Assert.Null(failure);
        Assert.Equal("https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main", identity!.SubjectAlternativeName);
        Assert.Equal(GithubIssuer, identity.Issuer);
        Assert.Equal("https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon", identity.SourceRepositoryUri);
        Assert.Equal(identity.SubjectAlternativeName, identity.BuildSignerUri);
        Assert.Equal("refs/heads/main", identity.SourceRepositoryRef);
        Assert.Equal("refs/heads/main", identity.GithubWorkflowRef);
        Assert.NotNull(identity.RunInvocationUri);
        Assert.Equal(identity.SourceRepositoryUri, identity.Extensions[FulcioOids.SourceRepositoryUri]);
    }

    [Fact]
    public void URI_SAN_wins_over_email()
    {
        var builder = new SubjectAlternativeNameBuilder();
        builder.AddEmailAddress("someone@example.com");
        builder.AddUri(new Uri("https://example.com/workflow"));
        var identity = Read([builder.Build(critical: true)]);

        Assert.Equal("https://example.com/workflow", identity.SubjectAlternativeName);
    }

    [Fact]
    public void Email_SAN_wins_over_otherName()
    {
        var identity = Read([TestPki.EmailSan("someone@example.com")]);
        Assert.Equal("someone@example.com", identity.SubjectAlternativeName);
    }

    [Fact]
    public void OtherName_username_SAN_is_used_when_there_is_no_URI_or_email()
    {
        var identity = Read([TestPki.OtherNameSan("octocat!example.com")]);

        Assert.Equal("octocat!example.com", identity.SubjectAlternativeName);
        Assert.Equal([new SubjectAlternativeName(SubjectAlternativeNameKind.OtherName, "octocat!example.com")], identity.AllSubjectAlternativeNames);
    }

    [Fact]
    public void DNS_and_IP_SANs_are_listed_for_the_legacy_rule_but_are_not_the_single_SAN()
    {
        var builder = new SubjectAlternativeNameBuilder();
        builder.AddIpAddress(IPAddress.Parse("192.0.2.7"));
        builder.AddDnsName("host.example.com");
        builder.AddIpAddress(IPAddress.Parse("2001:db8::1"));
        var identity = Read([builder.Build(critical: true)]);

        Assert.Null(identity.SubjectAlternativeName);
        Assert.Equal(
            [
                new SubjectAlternativeName(SubjectAlternativeNameKind.Dns, "host.example.com"),
                new SubjectAlternativeName(SubjectAlternativeNameKind.IpAddress, "192.0.2.7"),
                new SubjectAlternativeName(SubjectAlternativeNameKind.IpAddress, "2001:db8::1"),
            ],
            identity.AllSubjectAlternativeNames);
    }

    [Fact]
    public void Issuer_from_1_8_when_it_comes_after_1_1()
    {
        var identity = Read([TestPki.EmailSan("a@b.c"), TestPki.RawStringExtension(FulcioOids.Issuer, "https://old"), TestPki.DerStringExtension(FulcioOids.IssuerV2, "https://new")]);

        Assert.Equal("https://new", identity.Issuer);
        Assert.Equal("https://old", identity.LegacyIssuer);
    }

    [Fact]
    public void Issuer_from_1_1_when_it_comes_after_1_8()
    {
        var identity = Read([TestPki.EmailSan("a@b.c"), TestPki.DerStringExtension(FulcioOids.IssuerV2, "https://new"), TestPki.RawStringExtension(FulcioOids.Issuer, "https://old")]);

        Assert.Equal("https://old", identity.Issuer);
        Assert.Equal("https://old", identity.LegacyIssuer);
    }

    [Fact]
    public void Issuer_from_1_8_alone_leaves_the_legacy_issuer_empty()
    {
        var identity = Read([TestPki.EmailSan("a@b.c"), TestPki.DerStringExtension(FulcioOids.IssuerV2, GithubIssuer)]);

        Assert.Equal(GithubIssuer, identity.Issuer);
        Assert.Null(identity.LegacyIssuer);
    }

    [Fact]
    public void Issuer_1_8_that_is_not_a_DER_string_is_malformed()
    {
        var failure = TryRead([TestPki.EmailSan("a@b.c"), TestPki.RawStringExtension(FulcioOids.IssuerV2, GithubIssuer)], out _);

        Assert.Equal(ReasonCodes.CertificateMalformed, failure?.Code);
        Assert.Contains(FulcioOids.IssuerV2, failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DER_string_extension_with_trailing_bytes_is_malformed()
    {
        var value = TestPki.DerStringExtension(FulcioOids.BuildSignerUri, "x").RawData;
        var failure = TryRead([TestPki.EmailSan("a@b.c"), new X509Extension(FulcioOids.BuildSignerUri, [.. value, 0x00], critical: false)], out _);

        Assert.Equal(ReasonCodes.CertificateMalformed, failure?.Code);
    }

    [Fact]
    public void Workflow_extensions_1_9_to_1_24_are_read_as_DER_strings()
    {
        var extensions = new List<X509Extension> { TestPki.EmailSan("a@b.c") };
        for (int arc = 9; arc <= 24; arc++)
        {
            extensions.Add(TestPki.DerStringExtension($"1.3.6.1.4.1.57264.1.{arc}", $"value-{arc}"));
        }
        var identity = Read(extensions);

        Assert.Equal(16, identity.Extensions.Count);
        Assert.Equal("value-9", identity.BuildSignerUri);
        Assert.Equal("value-10", identity.BuildSignerDigest);
        Assert.Equal("value-11", identity.RunnerEnvironment);
        Assert.Equal("value-12", identity.SourceRepositoryUri);
        Assert.Equal("value-13", identity.SourceRepositoryDigest);
        Assert.Equal("value-14", identity.SourceRepositoryRef);
        Assert.Equal("value-15", identity.SourceRepositoryIdentifier);
        Assert.Equal("value-16", identity.SourceRepositoryOwnerUri);
        Assert.Equal("value-17", identity.SourceRepositoryOwnerIdentifier);
        Assert.Equal("value-18", identity.BuildConfigUri);
        Assert.Equal("value-19", identity.BuildConfigDigest);
        Assert.Equal("value-20", identity.BuildTrigger);
        Assert.Equal("value-21", identity.RunInvocationUri);
        Assert.Equal("value-22", identity.SourceRepositoryVisibilityAtSigning);
        Assert.Equal("value-23", identity.DeploymentEnvironment);
        Assert.Equal("value-24", identity.TokenSubject);
    }

    [Fact]
    public void Deprecated_workflow_extensions_1_2_to_1_6_are_read_as_raw_strings()
    {
        var identity = Read(
        [
            TestPki.EmailSan("a@b.c"),
            TestPki.RawStringExtension(FulcioOids.GithubWorkflowTrigger, "push"),
            TestPki.RawStringExtension(FulcioOids.GithubWorkflowSha, "0123abcd"),
            TestPki.RawStringExtension(FulcioOids.GithubWorkflowName, "release"),
            TestPki.RawStringExtension(FulcioOids.GithubWorkflowRepository, "org/repo"),
            TestPki.RawStringExtension(FulcioOids.GithubWorkflowRef, "refs/tags/v1"),
        ]);

        Assert.Equal("push", identity.GithubWorkflowTrigger);
        Assert.Equal("0123abcd", identity.GithubWorkflowSha);
        Assert.Equal("release", identity.GithubWorkflowName);
        Assert.Equal("org/repo", identity.GithubWorkflowRepository);
        Assert.Equal("refs/tags/v1", identity.GithubWorkflowRef);
        Assert.Null(identity.BuildSignerUri);
    }

    [Fact]
    public void Malformed_SAN_is_malformed()
    {
        var failure = TryRead([new X509Extension("2.5.29.17", [0x30, 0x03, 0x81, 0x05, 0x61], critical: true)], out _);
        Assert.Equal(ReasonCodes.CertificateMalformed, failure?.Code);
    }

    private static CertificateIdentity Read(IReadOnlyList<X509Extension> extensions)
    {
        var failure = TryRead(extensions, out var identity);
        Assert.Null(failure);
        return identity!;
    }

    private static Failure? TryRead(IReadOnlyList<X509Extension> extensions, out CertificateIdentity? identity)
    {
        var pki = FulcioPki.Create();
        var leaf = TestPki.IssueBy(TestPki.FulcioLeafSpec() with { Extra = extensions }, pki.Intermediate);
        return CertificateIdentity.TryRead(leaf.Certificate, out identity);
    }
}
