using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Certificates;
using ImageGate.Sigstore.Identity;
using ImageGate.Verification.Legacy;

namespace ImageGate.Verification.Tests.Legacy;

/// <summary>
/// §5 / §8 item 11, legacy semantics: every SAN is a candidate and the issuer is read from OID 1.1 only. Uses
/// self-made certificates: only the identity rule is under test here, not the chain.
/// </summary>
public sealed class LegacyIdentityTests
{
    private static CertificateIdentity Identity(string? legacyIssuer, string? v2Issuer, Action<SubjectAlternativeNameBuilder> sans)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test", key, HashAlgorithmName.SHA256);
        var builder = new SubjectAlternativeNameBuilder();
        sans(builder);
        request.CertificateExtensions.Add(builder.Build(critical: true));
        if (legacyIssuer is not null)
        {
            request.CertificateExtensions.Add(new X509Extension(FulcioOids.Issuer, Encoding.UTF8.GetBytes(legacyIssuer), critical: false));
        }
        if (v2Issuer is not null)
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, v2Issuer);
            request.CertificateExtensions.Add(new X509Extension(FulcioOids.IssuerV2, writer.Encode(), critical: false));
        }
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Null(CertificateIdentity.TryRead(certificate, out var identity));
        return identity!;
    }

    private static Failure? Check(IdentityMatcher matcher, CertificateIdentity identity) => LegacyIdentity.Check(matcher, identity, out _);

    [Fact]
    public void Any_san_may_match_not_only_the_first_uri()
    {
        var identity = Identity("https://issuer.example", null, b =>
        {
            b.AddUri(new Uri("https://github.com/org/repo/.github/workflows/release.yml@refs/heads/main"));
            b.AddEmailAddress("release@example.com");
            b.AddDnsName("build.example.com");
        });

        var failure = LegacyIdentity.Check(new IdentityMatcher { SubjectAlternativeName = "build.example.com", Issuer = "https://issuer.example" }, identity, out var matched);

        Assert.Null(failure);
        Assert.Equal("build.example.com", matched);
    }

    [Fact]
    public void The_issuer_is_read_from_oid_1_1_only()
    {
        var identity = Identity("https://legacy.example", "https://v2.example", b => b.AddEmailAddress("a@example.com"));

        Assert.Null(Check(new IdentityMatcher { SubjectAlternativeName = "a@example.com", Issuer = "https://legacy.example" }, identity));
        var failure = Check(new IdentityMatcher { SubjectAlternativeName = "a@example.com", Issuer = "https://v2.example" }, identity);
        Assert.Equal(ReasonCodes.IssuerMismatch, failure?.Code);
    }

    [Fact]
    public void A_certificate_with_only_the_v2_issuer_has_no_legacy_issuer()
    {
        var identity = Identity(null, "https://v2.example", b => b.AddEmailAddress("a@example.com"));

        var failure = Check(new IdentityMatcher { SubjectAlternativeName = "a@example.com", Issuer = "https://v2.example" }, identity);

        Assert.Equal(ReasonCodes.IssuerMismatch, failure?.Code);
        Assert.Contains(FulcioOids.IssuerV2, failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Regexes_are_unanchored_as_gos_match_string()
    {
        var identity = Identity("https://issuer.example", null, b => b.AddUri(new Uri("https://evil.example/?x=github.com/org/")));

        Assert.Null(Check(new IdentityMatcher { SubjectAlternativeNameRegex = "github.com/org/", IssuerRegex = "issuer" }, identity));
        Assert.Equal(ReasonCodes.IdentityMismatch,
            Check(new IdentityMatcher { SubjectAlternativeNameRegex = "^https://github.com/org/", IssuerRegex = "issuer" }, identity)?.Code);
    }

    [Fact]
    public void Both_a_san_and_an_issuer_criterion_are_required()
    {
        var identity = Identity("https://issuer.example", null, b => b.AddEmailAddress("a@example.com"));

        Assert.Equal(ReasonCodes.PolicyInvalid, Check(new IdentityMatcher { SubjectAlternativeName = "a@example.com" }, identity)?.Code);
        Assert.Equal(ReasonCodes.PolicyInvalid, Check(new IdentityMatcher { Issuer = "https://issuer.example" }, identity)?.Code);
    }

    [Fact]
    public void An_invalid_re2_pattern_is_a_policy_error()
    {
        var identity = Identity("https://issuer.example", null, b => b.AddEmailAddress("a@example.com"));

        var failure = Check(new IdentityMatcher { SubjectAlternativeNameRegex = "(?=a)", Issuer = "https://issuer.example" }, identity);

        Assert.NotNull(failure);
        Assert.NotEqual(ReasonCodes.IdentityMismatch, failure!.Code);
    }

    [Fact]
    public void Required_extension_values_compare_exactly()
    {
        var identity = Identity("https://issuer.example", null, b => b.AddEmailAddress("a@example.com"));
        var matcher = new IdentityMatcher
        {
            SubjectAlternativeName = "a@example.com",
            Issuer = "https://issuer.example",
            Extensions = new Dictionary<string, string> { [FulcioOids.GithubWorkflowTrigger] = "push" },
        };

        Assert.Equal(ReasonCodes.ExtensionMismatch, Check(matcher, identity)?.Code);
    }
}
