using ImageGate.Sigstore.Identity;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Sigstore.Tests.Virtual;

/// <summary>§5: SAN and issuer, exact or unanchored RE2 regex, GitHub extension values.</summary>
public sealed class IdentityRulesTests : VirtualTestBase
{
    private static SignerPolicy Policy(string? san = null, string? sanRegex = null, string? issuer = null, string? issuerRegex = null,
        IReadOnlyDictionary<string, string>? extensions = null) => SignerPolicy.ForIdentity(new IdentityMatcher
        {
            SubjectAlternativeName = san,
            SubjectAlternativeNameRegex = sanRegex,
            Issuer = issuer,
            IssuerRegex = issuerRegex,
            Extensions = extensions ?? new Dictionary<string, string>(),
        });

    [Fact]
    public void Different_san_is_refused() =>
        AssertFails(ReasonCodes.IdentityMismatch, Verify(Sigstore.SignDsse(Statement), signer: Policy(san: VirtualSigstore.DefaultIdentity + "x", issuer: VirtualSigstore.DefaultIssuer)));

    [Fact]
    public void Different_issuer_is_refused() =>
        AssertFails(ReasonCodes.IssuerMismatch, Verify(Sigstore.SignDsse(Statement), signer: Policy(san: VirtualSigstore.DefaultIdentity, issuer: "https://accounts.google.com")));

    [Fact]
    public void San_regex_matches_unanchored() =>
        AssertVerified(Verify(Sigstore.SignDsse(Statement), signer: Policy(sanRegex: "github\\.com/virtual/", issuer: VirtualSigstore.DefaultIssuer)));

    [Fact]
    public void San_regex_that_does_not_match_is_refused() =>
        AssertFails(ReasonCodes.IdentityMismatch, Verify(Sigstore.SignDsse(Statement), signer: Policy(sanRegex: "^https://github\\.com/other/", issuer: VirtualSigstore.DefaultIssuer)));

    [Fact]
    public void Unanchored_regex_also_matches_an_attacker_url_containing_the_pattern()
    {
        var bundle = Sigstore.SignDsse(Statement, new SignOptions { SubjectAlternativeName = "https://evil.test/?x=github.com/virtual/" });
        AssertVerified(Verify(bundle, signer: Policy(sanRegex: "github\\.com/virtual/", issuer: VirtualSigstore.DefaultIssuer)));
    }

    [Fact]
    public void Issuer_regex_matches_and_mismatches()
    {
        var bundle = Sigstore.SignDsse(Statement);
        AssertVerified(Verify(bundle, signer: Policy(san: VirtualSigstore.DefaultIdentity, issuerRegex: "^https://token\\.actions\\.")));
        AssertFails(ReasonCodes.IssuerMismatch, Verify(Sigstore.SignDsse(Statement), signer: Policy(san: VirtualSigstore.DefaultIdentity, issuerRegex: "^https://gitlab\\.")));
    }

    [Fact]
    public void Email_san_verifies()
    {
        var bundle = Sigstore.SignDsse(Statement, new SignOptions { SubjectAlternativeName = "dev@virtual.test", SanType = SanType.Email, Issuer = "https://accounts.google.com" });
        var result = Verify(bundle, signer: Policy(san: "dev@virtual.test", issuer: "https://accounts.google.com"));
        AssertVerified(result);
        Assert.Equal("dev@virtual.test", result.SignerIdentity);
    }

    [Fact]
    public void Issuer_only_in_the_deprecated_extension_is_read() =>
        AssertVerified(Verify(Sigstore.SignDsse(Statement, new SignOptions { IssuerV2 = false })));

    [Fact]
    public void Issuer_only_in_the_der_extension_is_read() =>
        AssertVerified(Verify(Sigstore.SignDsse(Statement, new SignOptions { IssuerV1 = false })));

    [Fact]
    public void Github_extension_values_match_exactly()
    {
        var bundle = Sigstore.SignDsse(Statement, new SignOptions { ExtraExtensions = FulcioExtensions.GitHubWorkflow() });
        var wanted = new Dictionary<string, string>
        {
            ["1.3.6.1.4.1.57264.1.2"] = "push",
            ["1.3.6.1.4.1.57264.1.12"] = "https://github.com/virtual/repo",
            ["1.3.6.1.4.1.57264.1.22"] = "public",
        };
        AssertVerified(Verify(bundle, signer: Policy(san: VirtualSigstore.DefaultIdentity, issuer: VirtualSigstore.DefaultIssuer, extensions: wanted)));
    }

    [Fact]
    public void Github_extension_value_that_differs_is_refused()
    {
        var bundle = Sigstore.SignDsse(Statement, new SignOptions { ExtraExtensions = FulcioExtensions.GitHubWorkflow() });
        var wanted = new Dictionary<string, string> { ["1.3.6.1.4.1.57264.1.12"] = "https://github.com/virtual/other" };
        AssertFails(ReasonCodes.ExtensionMismatch, Verify(bundle, signer: Policy(san: VirtualSigstore.DefaultIdentity, issuer: VirtualSigstore.DefaultIssuer, extensions: wanted)));
    }

    [Fact]
    public void Github_extension_that_is_absent_is_refused()
    {
        var wanted = new Dictionary<string, string> { ["1.3.6.1.4.1.57264.1.12"] = "https://github.com/virtual/repo" };
        AssertFails(ReasonCodes.ExtensionMismatch, Verify(Sigstore.SignDsse(Statement), signer: Policy(san: VirtualSigstore.DefaultIdentity, issuer: VirtualSigstore.DefaultIssuer, extensions: wanted)));
    }

    [Fact]
    public void Regex_with_lookaround_is_refused_as_not_re2()
    {
        var matcher = new IdentityMatcher { SubjectAlternativeNameRegex = "(?=github)", Issuer = VirtualSigstore.DefaultIssuer };
        Assert.Equal(ReasonCodes.RegexInvalid, matcher.Validate()?.Code);
        // Reaching the verifier with it is a caller's bug, refused before any bundle is looked at.
        Assert.Throws<ArgumentException>(() => SignerPolicy.ForIdentity(matcher));
    }

    [Theory]
    [InlineData("", null, "https://i", null)]
    [InlineData(null, " ", "https://i", null)]
    [InlineData("x", null, null, "")]
    [InlineData("x", "^x", "https://i", null)]
    [InlineData("x", null, null, null)]
    public void A_blank_missing_or_doubled_criterion_is_refused_before_verification(string? san, string? sanRegex, string? issuer, string? issuerRegex)
    {
        var matcher = new IdentityMatcher { SubjectAlternativeName = san, SubjectAlternativeNameRegex = sanRegex, Issuer = issuer, IssuerRegex = issuerRegex };
        Assert.Equal(ReasonCodes.IdentityInvalid, matcher.Validate()?.Code);
        Assert.Throws<ArgumentException>(() => SignerPolicy.ForIdentity(matcher));
    }

    [Fact]
    public void A_blank_extension_value_is_refused()
    {
        var matcher = new IdentityMatcher
        {
            SubjectAlternativeName = "x",
            Issuer = "https://i",
            Extensions = new Dictionary<string, string> { ["1.3.6.1.4.1.57264.1.14"] = "" },
        };
        Assert.Contains("extension 1.3.6.1.4.1.57264.1.14 is empty", matcher.Validate()?.Message, StringComparison.Ordinal);
    }
}
