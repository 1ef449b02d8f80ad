using ImageGate.Sigstore;
using ImageGate.Verification.Policy;

namespace ImageGate.Verification.Tests.Policy;

/// <summary>ImagePolicy documents (docs/policy.md): what is accepted, and that every mistake is a
/// configuration error found before any network access.</summary>
public sealed class ImagePolicyReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imagegate-policy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Valid = """
        apiVersion: imagegate.dev/v1
        kind: ImagePolicy
        name: example
        signature:
          identities:
            - issuer: https://token.actions.githubusercontent.com
              subjectRegExp: '^https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v[0-9]+$'
        attestations:
          - name: sbom
            predicateType: cyclonedx
            identities:
              - issuer: https://token.actions.githubusercontent.com
                subject: https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1
                extensions:
                  sourceRepositoryUri: https://github.com/acme/app
            cue: sbom.cue
        thresholds:
          tlog: 2
        """;

    private Failure? Read(string text, out ImagePolicy? policy)
    {
        File.WriteAllText(Path.Combine(_dir, "sbom.cue"), "predicateType: \"https://cyclonedx.org/bom\"\n");
        var path = Path.Combine(_dir, "policy.yaml");
        File.WriteAllText(path, text);
        return ImagePolicyReader.TryReadFile(path, out policy);
    }

    [Fact]
    public void A_valid_policy_is_read_with_shorthands_expanded_and_cue_compiled()
    {
        Assert.Null(Read(Valid, out var policy));
        Assert.Equal("example", policy!.Name);
        Assert.NotNull(policy.Signature);
        var sbom = Assert.Single(policy.Attestations);
        Assert.Equal("https://cyclonedx.org/bom", sbom.PredicateType);
        Assert.NotNull(sbom.Cue);
        Assert.Equal("https://github.com/acme/app", sbom.Signers.Identities[0].Extensions["1.3.6.1.4.1.57264.1.12"]);
        Assert.Equal(2, policy.TlogThreshold);
        Assert.StartsWith("sha256:", policy.Digest, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_policy_in_json_is_read_too()
    {
        const string json = """
            {"apiVersion":"imagegate.dev/v1","kind":"ImagePolicy","name":"j",
             "signature":{"identities":[{"issuer":"https://token.actions.githubusercontent.com","subject":"https://github.com/acme/app/x@refs/tags/v1"}]}}
            """;
        Assert.Null(Read(json, out var policy));
        Assert.Equal("j", policy!.Name);
    }

    [Theory]
    [InlineData("kind: ImagePolicy", "kind: Policy", "kind must be ImagePolicy")]
    [InlineData("apiVersion: imagegate.dev/v1", "apiVersion: imagegate.dev/v2", "apiVersion")]
    [InlineData("      subjectRegExp:", "      subjectRegexp:", "unknown field \"subjectRegexp\"")]
    [InlineData("'^https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v[0-9]+$'", "'(?=x)'", "invalid RE2")]
    [InlineData("predicateType: cyclonedx", "predicateType: not a uri", "neither a cosign --type shorthand")]
    [InlineData("cue: sbom.cue", "cue: missing.cue", "cannot read CUE policy")]
    [InlineData("sourceRepositoryUri:", "sourceRepo:", "unknown extension")]
    [InlineData("tlog: 2", "tlog: 0", "thresholds.tlog: 0 is for key signers only")]
    [InlineData("tlog: 2", "tlog: -1", "at least 1")]
    [InlineData("name: example\n", "", "name is required")]
    public void Every_mistake_is_a_configuration_error(string from, string to, string expected)
    {
        var failure = Read(Valid.Replace(from, to, StringComparison.Ordinal), out var policy);
        Assert.Null(policy);
        Assert.Equal(PolicyReasons.Invalid, failure?.Code);
        Assert.Contains(expected, failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cue_policy_that_does_not_compile_is_a_configuration_error()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.cue"), "for x in y {}\n");
        var path = Path.Combine(_dir, "policy.yaml");
        File.WriteAllText(path, Valid.Replace("cue: sbom.cue", "cue: bad.cue", StringComparison.Ordinal));
        Assert.Equal(PolicyReasons.Invalid, ImagePolicyReader.TryReadFile(path, out _)?.Code);
    }

    [Fact]
    public void A_policy_that_requires_nothing_is_refused()
    {
        const string empty = "apiVersion: imagegate.dev/v1\nkind: ImagePolicy\nname: nothing\n";
        Assert.Contains("requires nothing", Read(empty, out _)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_identity_needs_both_a_subject_and_an_issuer()
    {
        var text = Valid.Replace("    - issuer: https://token.actions.githubusercontent.com\n      subjectRegExp", "    - subjectRegExp", StringComparison.Ordinal);
        Assert.NotEqual(Valid, text);
        var failure = Read(text, out _);
        Assert.Contains("no OIDC issuer was required", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pmg_exporter_preset_is_what_its_security_md_checks()
    {
        Assert.Null(Presets.TryGet("pmg-exporter", out var preset));
        Assert.Equal(2, preset!.Attestations.Count);
        Assert.Equal("^https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/tags/v[0-9]+.[0-9]+.[0-9]+(-rc.[0-9]+)?$",
            preset.Signature!.Signers.Identities[0].SubjectAlternativeNameRegex);
        Assert.Equal("https://token.actions.githubusercontent.com", preset.Signature.Signers.Identities[0].Issuer);
        var sbom = preset.Attestations.Single(a => a.Name == "sbom");
        Assert.Equal("https://cyclonedx.org/bom", sbom.PredicateType);
        Assert.NotNull(sbom.Cue);
        var provenance = preset.Attestations.Single(a => a.Name == "provenance");
        Assert.Equal("https://slsa.dev/provenance/v0.2", provenance.PredicateType);
        Assert.Equal("^https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v[0-9]+.[0-9]+.[0-9]+$",
            provenance.Signers.Identities[0].SubjectAlternativeNameRegex);
        Assert.Equal("policy.cue", provenance.CueSource);
    }

    [Fact]
    public void An_unknown_preset_is_a_configuration_error() =>
        Assert.Equal(PolicyReasons.Invalid, Presets.TryGet("nginx", out _)?.Code);

    [Fact]
    public void Flags_without_type_make_a_signature_requirement_and_with_type_attestations()
    {
        Assert.Null(new PolicyFromFlags { IdentityRegex = "^x$", Issuer = "https://i" }.TryBuild(out var sign));
        Assert.NotNull(sign!.Signature);
        Assert.Empty(sign.Attestations);
        Assert.Null(new PolicyFromFlags { Identity = "x", Issuer = "https://i", Types = ["slsaprovenance", "cyclonedx"] }.TryBuild(out var attest));
        Assert.Null(attest!.Signature);
        Assert.Equal(["https://slsa.dev/provenance/v0.2", "https://cyclonedx.org/bom"], attest.Attestations.Select(a => a.PredicateType));
    }

    [Theory]
    [InlineData(null, null, "https://i", "no subject alternative name (identity) was required")]
    [InlineData("x", "^x", "https://i", "give exactly one")]
    [InlineData("x", null, null, "no OIDC issuer was required")]
    [InlineData("", null, "https://i", "an empty value names no signer")]
    [InlineData(null, "", "https://i", "an empty pattern matches every signer")]
    [InlineData("x", null, " ", "an empty value names no signer")]
    public void Flags_need_one_identity_and_one_issuer(string? identity, string? regex, string? issuer, string expected)
    {
        var failure = new PolicyFromFlags { Identity = identity, IdentityRegex = regex, Issuer = issuer }.TryBuild(out _);
        Assert.Contains(expected, failure!.Message, StringComparison.Ordinal);
    }
}
