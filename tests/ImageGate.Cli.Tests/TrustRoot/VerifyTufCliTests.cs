using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.TrustRoot;

/// <summary>
/// <c>imagegate verify --tuf-metadata</c> (docs/trust-root.md §2) on real material (the slsa-verifier `cosign save`
/// layout) and the real public-good metadata: the genuine trust root verifies, with warnings for what has expired;
/// a substituted or tampered one is refused before any image is looked at, and no marker is written.
/// </summary>
public sealed class VerifyTufCliTests : IDisposable
{
    private const string GeneratorV110 = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v1.10.0";
    private const string Issuer = "https://token.actions.githubusercontent.com";

    private static string Saved => Path.Combine(AppContext.BaseDirectory, "fixtures", "cosign-save-layout", "slsa-generator-v1.10.0");

    private static string IndexDigest => File.ReadAllText(Path.Combine(Saved, "container_workflow_dispatch.digest")).Trim();

    private readonly TufFixture _fixture = new();

    private string Marker => Path.Combine(_fixture.Directory, "run", "verified.json");

    public void Dispose() => _fixture.Dispose();

    private Task<(int ExitCode, string Stdout, string Stderr)> Verify(string trustedRoot, params string[] extra) =>
        VerifyWith([], trustedRoot, extra);

    private Task<(int ExitCode, string Stdout, string Stderr)> VerifyWith(Dictionary<string, string> environment, string trustedRoot, params string[] extra) =>
        CliRunner.RunWithEnvironmentAsync(environment, ["verify", IndexDigest, "--layout", Path.Combine(Saved, "container_workflow_dispatch"), "--type", "slsaprovenance",
            "--certificate-identity", GeneratorV110, "--certificate-oidc-issuer", Issuer, "--trusted-root", trustedRoot, "--marker", Marker, .. extra]);

    [Fact]
    public async Task The_published_trust_root_verifies_with_a_warning_line_for_each_expired_file_and_entry()
    {
        var (exit, stdout, stderr) = await Verify(_fixture.TrustedRoot, "--tuf-metadata", _fixture.Metadata, "--log-format", "text");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.True(File.Exists(Marker));
        var warnings = stderr.Split('\n').Where(l => l.StartsWith("warning:", StringComparison.Ordinal)).ToList();
        Assert.Contains("warning: tuf: 15.root.json (root v15) expired at 2026-11-20T13:58:18Z; the metadata in " + _fixture.Metadata + " is stale: refresh it (--tuf-require-fresh refuses it)", warnings);
        Assert.Contains(warnings, w => w.StartsWith("warning: tuf: timestamp.json (timestamp v762) expired at 2026-08-28T19:25:56Z", StringComparison.Ordinal));
        Assert.Contains("warning: trust root: certificate authority https://fulcio.sigstore.dev (sigstore) expired at 2022-12-31T23:59:59.999Z (it still verifies what was signed before then)", warnings);
        Assert.Contains("warning: trust root: CT log https://ctfe.sigstore.dev/test (PKIX_ECDSA_P256_SHA_256) expired at 2022-10-31T23:59:59.999Z (it still verifies what was signed before then)", warnings);
        Assert.Equal(4, warnings.Count);
    }

    [Fact]
    public async Task The_staging_root_in_place_of_production_is_refused_and_nothing_is_verified()
    {
        var (exit, stdout, stderr) = await Verify(TufFixture.StagingRoot, "--tuf-metadata", _fixture.Metadata);
        Assert.True(exit == 1, $"exit {exit}\n{stderr}");
        Assert.Contains("error: tuf.target-mismatch: expected the trust root to be the trusted_root.json that 14.targets.json (targets v14) lists (6787 bytes, sha256 6494e21e", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Verification for", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public async Task A_root_with_a_flipped_signature_in_the_mounted_metadata_is_refused()
    {
        var path = Path.Combine(_fixture.Metadata, "12.root.json");
        var text = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        // The signature of key e71a54d5..., one of exactly three valid ones: its last hex digit changed.
        int keyId = text.IndexOf("\"keyid\": \"e71a54d543835ba86adad9460379c7641fb8726d164ea766801a1c522aba7ea2\"", StringComparison.Ordinal);
        int end = text.IndexOf('"', text.IndexOf("\"sig\": \"", keyId, StringComparison.Ordinal) + 8);
        text = text[..(end - 1)] + (text[end - 1] == '0' ? '1' : '0') + text[end..];
        await File.WriteAllTextAsync(path, text, TestContext.Current.CancellationToken);
        var (exit, _, stderr) = await Verify(_fixture.TrustedRoot, "--tuf-metadata", _fixture.Metadata);
        Assert.True(exit == 1, stderr);
        Assert.Contains("error: tuf.threshold-not-met: expected 12.root.json (root v12) to be signed by 3 of the 5 root key(s) of 11.root.json (root v11); found 2", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public async Task A_missing_timestamp_is_exit_2()
    {
        File.Delete(Path.Combine(_fixture.Metadata, "timestamp.json"));
        var (exit, _, stderr) = await Verify(_fixture.TrustedRoot, "--tuf-metadata", _fixture.Metadata);
        Assert.True(exit == 2, stderr);
        Assert.Contains("error: tuf.missing: expected timestamp.json in the metadata directory", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fresh_metadata_required_refuses_the_expired_set_before_any_image_is_read()
    {
        var (exit, _, stderr) = await Verify(_fixture.TrustedRoot, "--tuf-metadata", _fixture.Metadata, "--tuf-require-fresh", "--log-format", "text");
        Assert.True(exit == 2, stderr);
        Assert.Contains("error: tuf.expired: expected unexpired TUF metadata (--tuf-require-fresh)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning: tuf:", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public async Task The_metadata_directory_can_come_from_the_environment()
    {
        var (exit, _, stderr) = await VerifyWith(new() { ["IMAGEGATE_TUF_METADATA"] = _fixture.Metadata }, TufFixture.StagingRoot);
        Assert.True(exit == 1, stderr);
        Assert.Contains("error: tuf.target-mismatch", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_metadata_variable_is_not_an_absent_one()
    {
        var (exit, _, stderr) = await VerifyWith(new() { ["IMAGEGATE_TUF_METADATA"] = "" }, _fixture.TrustedRoot);
        Assert.True(exit == 2, stderr);
        Assert.Contains("IMAGEGATE_TUF_METADATA is set but empty", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_metadata_option_is_a_usage_error()
    {
        var (exit, _, stderr) = await Verify(_fixture.TrustedRoot, "--tuf-metadata", "");
        Assert.True(exit == 2, stderr);
        Assert.Contains("--tuf-metadata was given an empty value", stderr, StringComparison.Ordinal);
    }
}
