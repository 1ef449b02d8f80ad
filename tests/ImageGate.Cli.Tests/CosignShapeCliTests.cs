using System.Text;
using System.Text.Json;
using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests;

/// <summary>
/// cosign's command shapes on real material (docs/verification.md §8): <c>verify-attestation</c> and <c>verify</c> with
/// cosign's flags on the real `cosign save` layout of slsa-github-generator v1.10.0 (production root, legacy
/// <c>.att</c>), and <c>--insecure-ignore-tlog</c> on containers/image's key-signed signatures that were never logged.
/// </summary>
public sealed class CosignShapeCliTests : IDisposable
{
    private const string Issuer = "https://token.actions.githubusercontent.com";
    private const string GeneratorRegexp = "^https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v[0-9]+.[0-9]+.[0-9]+$";

    private static string SavedLayout => Path.Combine(AppContext.BaseDirectory, "fixtures", "cosign-save-layout", "slsa-generator-v1.10.0", "container_workflow_dispatch");

    private static string SavedDigest => File.ReadAllText(SavedLayout + ".digest").Trim();

    private readonly string _dir = Directory.CreateTempSubdirectory("imagegate-cosign-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<(int ExitCode, string Stdout, string Stderr)> Attestation(params string[] flags) =>
        CliRunner.RunAsync(["verify-attestation", "--local-image", SavedLayout, "--type", "slsaprovenance",
            "--certificate-oidc-issuer", Issuer, "--certificate-identity-regexp", GeneratorRegexp, .. flags]);

    private static string Statement(string line)
    {
        using var envelope = JsonDocument.Parse(line);
        Assert.Equal("application/vnd.in-toto+json", envelope.RootElement.GetProperty("payloadType").GetString());
        Assert.NotEmpty(envelope.RootElement.GetProperty("signatures").EnumerateArray());
        return Encoding.UTF8.GetString(envelope.RootElement.GetProperty("payload").GetBytesFromBase64());
    }

    [Fact]
    public async Task Verify_attestation_prints_the_stored_envelope_whose_payload_is_the_provenance()
    {
        var (exit, stdout, stderr) = await Attestation("--new-bundle-format=false", "--offline");
        Assert.True(exit == 0, stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var statement = JsonDocument.Parse(Statement(line));
        Assert.Equal("https://slsa.dev/provenance/v0.2", statement.RootElement.GetProperty("predicateType").GetString());
        Assert.Equal(SavedDigest["sha256:".Length..], statement.RootElement.GetProperty("subject")[0].GetProperty("digest").GetProperty("sha256").GetString());
        // cosign prints a legacy .att layer as stored: the line is the layer blob, byte for byte.
        var blob = Path.Combine(SavedLayout, "blobs", "sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(line))));
        Assert.True(File.Exists(blob), "the printed envelope is not a blob of the layout");
        Assert.Contains($"Verification for {SavedLayout} --", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_bundle_format_falls_back_to_the_legacy_tags_when_the_image_has_no_bundle_as_cosign_does()
    {
        var (exit, stdout, stderr) = await Attestation("--new-bundle-format");
        Assert.True(exit == 0, stderr);
        Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Another_signer_fails_and_prints_nothing_for_the_pipe()
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync("verify-attestation", "--local-image", SavedLayout, "--type", "slsaprovenance",
            "--certificate-oidc-issuer", Issuer, "--certificate-identity-regexp", "^https://github.com/natrontech/");
        Assert.True(exit == 1, stderr);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("error: identity.san-mismatch", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_type_verify_attestation_asks_for_cosigns_default_custom_predicate()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("verify-attestation", "--local-image", SavedLayout,
            "--certificate-oidc-issuer", Issuer, "--certificate-identity-regexp", GeneratorRegexp);
        Assert.True(exit == 1, stderr);
        Assert.Contains("https://cosign.sigstore.dev/attestation/v1", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--certificate-github-workflow-repository", "slsa-framework/example-package", 0)]
    [InlineData("--certificate-github-workflow-repository", "natrontech/pmg-exporter", 1)]
    [InlineData("--certificate-github-workflow-ref", "refs/tags/v13.0.30", 0)]
    [InlineData("--certificate-github-workflow-ref", "refs/tags/v13.0.29", 1)]
    [InlineData("--certificate-github-workflow-trigger", "push", 0)]
    [InlineData("--certificate-github-workflow-trigger", "workflow_dispatch", 1)]
    [InlineData("--certificate-github-workflow-sha", "d37a7f740ee7404914456f24dcd90e865a0509e8", 0)]
    [InlineData("--certificate-github-workflow-sha", "0000000000000000000000000000000000000000", 1)]
    public async Task Github_workflow_flags_require_the_exact_certificate_extension(string flag, string value, int expected)
    {
        var (exit, _, stderr) = await Attestation(flag, value);
        Assert.True(exit == expected, $"exit {exit}: {stderr}");
        if (expected == 1)
        {
            Assert.Contains("error: identity.extension-mismatch", stderr, StringComparison.Ordinal);
            Assert.Contains(value, stderr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--rekor-url", "https://rekor.sigstore.dev", "queries Rekor online")]
    [InlineData("--allow-insecure-registry", null, "skips TLS verification")]
    [InlineData("--k8s-keychain", null, "Kubernetes API")]
    [InlineData("--use-signed-timestamps", null, "timestamp authority online")]
    public async Task Flags_that_need_the_network_or_weaken_a_check_are_usage_errors_naming_why(string flag, string? value, string why)
    {
        string[] extra = value is null ? [flag] : [flag, value];
        var (exit, stdout, stderr) = await Attestation(extra);
        Assert.True(exit == 2, stderr);
        Assert.Contains($"{flag} is not supported: ", stderr, StringComparison.Ordinal);
        Assert.Contains(why, stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task Insecure_ignore_tlog_is_refused_for_keyless_signers()
    {
        var (exit, _, stderr) = await Attestation("--insecure-ignore-tlog");
        Assert.True(exit == 2, stderr);
        Assert.Contains("--insecure-ignore-tlog applies to key-signed artifacts (--key) only", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_cue_policies_unify_and_each_one_binds()
    {
        var builder = Path.Combine(_dir, "builder.cue");
        File.WriteAllText(builder, "predicate: builder: id: =~\"^https://github.com/slsa-framework/slsa-github-generator/\"\n");
        var tag = Path.Combine(_dir, "tag.cue");
        File.WriteAllText(tag, "predicate: invocation: configSource: uri: =~\"@refs/tags/v13\\\\.\"\n");
        var (exit, _, stderr) = await Attestation("--policy", builder, "--policy", tag);
        Assert.True(exit == 0, stderr);
        File.WriteAllText(tag, "predicate: invocation: configSource: uri: =~\"@refs/tags/v14\\\\.\"\n");
        (exit, _, stderr) = await Attestation("--policy", builder, "--policy", tag);
        Assert.True(exit == 1, stderr);
        Assert.Contains("error: policy.cue-violation", stderr, StringComparison.Ordinal);
        Assert.Contains("builder.cue + tag.cue", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policy.rego", "Rego policies are not supported")]
    [InlineData("policy.yaml", "only .cue policies may be repeated")]
    public async Task A_rego_policy_or_an_image_policy_among_cue_policies_is_a_usage_error(string file, string words)
    {
        var cue = Path.Combine(_dir, "a.cue");
        File.WriteAllText(cue, "predicate: {}\n");
        var other = Path.Combine(_dir, file);
        File.WriteAllText(other, "x");
        string[] policies = file.EndsWith(".rego", StringComparison.Ordinal) ? ["--policy", other] : ["--policy", cue, "--policy", other];
        var (exit, _, stderr) = await Attestation(policies);
        Assert.True(exit == 2, stderr);
        Assert.Contains(words, stderr, StringComparison.Ordinal);
    }

    // --insecure-ignore-tlog on key-signed signatures that were never logged (containers/image's fixtures).

    private (string Layout, string Digest) KeySigned(string name = "valid")
    {
        var layout = Path.Combine(_dir, name);
        return (layout, ContainersImageLayout.Write(name, layout));
    }

    [Fact]
    public async Task A_never_logged_key_signature_fails_by_default_and_passes_only_with_the_opt_out_and_a_warning()
    {
        var (layout, digest) = KeySigned();
        string key = ContainersImageLayout.Fixture("cosign.pub");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("verify", digest, "--layout", layout, "--key", key);
        Assert.True(exit == 1, stderr);
        Assert.Contains("error: legacy.no-bundle-annotation", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);

        (exit, stdout, stderr) = await CliRunner.RunAsync("verify", digest, "--layout", layout, "--key", key, "--insecure-ignore-tlog", "--log-format", "text");
        Assert.True(exit == 0, stderr);
        Assert.Contains("warning: the transparency log is ignored", stderr, StringComparison.Ordinal);
        Assert.Contains("The signatures were verified against the specified public key", stderr, StringComparison.Ordinal);
        // cosign verify's JSON array of simple-signing payloads.
        using var array = JsonDocument.Parse(stdout);
        var payload = Assert.Single(array.RootElement.EnumerateArray());
        Assert.Equal(digest, payload.GetProperty("critical").GetProperty("image").GetProperty("docker-manifest-digest").GetString());
        Assert.Equal("cosign container image signature", payload.GetProperty("critical").GetProperty("type").GetString());
        Assert.Equal("192.168.64.2:5000/cosign-signed-single-sample", payload.GetProperty("critical").GetProperty("identity").GetProperty("docker-reference").GetString());
    }

    [Fact]
    public async Task The_opt_out_still_needs_the_right_key()
    {
        var (layout, digest) = KeySigned();
        var (exit, stdout, stderr) = await CliRunner.RunAsync("verify", digest, "--layout", layout, "--key", ContainersImageLayout.Fixture("cosign2.pub"), "--insecure-ignore-tlog");
        Assert.True(exit == 1, stderr);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task Output_text_prints_each_payload_as_signed()
    {
        var (layout, digest) = KeySigned();
        var (exit, stdout, stderr) = await CliRunner.RunAsync("verify", digest, "--layout", layout, "--key", ContainersImageLayout.Fixture("cosign.pub"),
            "--insecure-ignore-tlog", "-o", "text");
        Assert.True(exit == 0, stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("{\"critical\":{\"identity\":{\"docker-reference\":\"192.168.64.2:5000/cosign-signed-single-sample\"}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_with_tlog_zero_for_key_signers_is_the_same_opt_out_and_is_refused_for_keyless_signers()
    {
        var (layout, digest) = KeySigned();
        File.Copy(ContainersImageLayout.Fixture("cosign.pub"), Path.Combine(_dir, "cosign.pub"));
        var policy = Path.Combine(_dir, "policy.yaml");
        string Policy(string tlog) => $"""
            apiVersion: imagegate.dev/v1
            kind: ImagePolicy
            name: key-signed
            signature:
              keys: [cosign.pub]
            thresholds:
              tlog: {tlog}
            """;
        File.WriteAllText(policy, Policy("1"));
        var (exit, _, stderr) = await CliRunner.RunAsync("verify", digest, "--layout", layout, "--policy", policy);
        Assert.True(exit == 1, stderr);
        File.WriteAllText(policy, Policy("0"));
        (exit, _, stderr) = await CliRunner.RunAsync("verify", digest, "--layout", layout, "--policy", policy);
        Assert.True(exit == 0, stderr);
        // Not a terminal: the warning is a JSON line with its stable event name.
        Assert.Contains("\"event\":\"imagegate.tlog.ignored\"", stderr, StringComparison.Ordinal);

        File.WriteAllText(policy, """
            apiVersion: imagegate.dev/v1
            kind: ImagePolicy
            name: key-signed
            signature:
              identities:
                - subjectRegExp: "^https://github.com/natrontech/"
                  issuer: https://token.actions.githubusercontent.com
            thresholds:
              tlog: 0
            """);
        (exit, _, stderr) = await CliRunner.RunAsync("verify", digest, "--layout", layout, "--policy", policy);
        Assert.True(exit == 2, stderr);
        Assert.Contains("thresholds.tlog: 0 is for key signers only", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_image_needs_a_cosign_save_layout()
    {
        var (layout, _) = KeySigned();
        var (exit, _, stderr) = await CliRunner.RunAsync("verify", "--local-image", layout, "--key", ContainersImageLayout.Fixture("cosign.pub"), "--insecure-ignore-tlog");
        Assert.True(exit == 2, stderr);
        Assert.Contains("Expected a `cosign save` layout", stderr, StringComparison.Ordinal);
    }
}
