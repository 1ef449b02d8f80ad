using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests;

/// <summary>
/// Real material (tests/fixtures/cosign-save-layout, from slsa-verifier): a `cosign save` layout with a legacy
/// keyless SLSA provenance by slsa-github-generator v1.10.0, checked against the embedded production root.
/// </summary>
public sealed class CosignSaveLayoutTests
{
    private const string GeneratorV110 = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v1.10.0";
    private const string Issuer = "https://token.actions.githubusercontent.com";

    private static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures", "cosign-save-layout", "slsa-generator-v1.10.0");

    private static string Layout => Path.Combine(Root, "container_workflow_dispatch");

    private static string IndexDigest => File.ReadAllText(Path.Combine(Root, "container_workflow_dispatch.digest")).Trim();

    private static Task<(int ExitCode, string Stdout, string Stderr)> Verify(string digest, string identity) =>
        CliRunner.RunAsync("verify", digest, "--layout", Layout, "--type", "slsaprovenance",
            "--certificate-identity", identity, "--certificate-oidc-issuer", Issuer);

    [Fact]
    public async Task Passes_with_the_generator_identity_for_the_index_digest()
    {
        var (exit, stdout, stderr) = await Verify(IndexDigest, GeneratorV110);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        // cosign's shape: the verified envelope on stdout, its statement naming the index digest.
        using var envelope = System.Text.Json.JsonDocument.Parse(stdout);
        var statement = System.Text.Encoding.UTF8.GetString(envelope.RootElement.GetProperty("payload").GetBytesFromBase64());
        Assert.Contains(IndexDigest["sha256:".Length..], statement, StringComparison.Ordinal);
        Assert.Contains($"Verification for {IndexDigest} --", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_with_another_identity()
    {
        var (exit, _, stderr) = await Verify(IndexDigest, GeneratorV110.Replace("v1.10.0", "v1.9.0", StringComparison.Ordinal));
        Assert.True(exit == 1, stderr);
        Assert.Contains("error: identity.san-mismatch", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_for_a_platform_manifest_digest_of_the_same_image()
    {
        // A manifest the index lists: it is in the layout, but nothing is attached to it.
        var (exit, _, stderr) = await Verify("sha256:ae01bed04d3f41efa80182824a50345cd1430f4d1a9308eda4369122bd94c85e", GeneratorV110);
        Assert.True(exit == 1, stderr);
        Assert.Contains("error: policy.requirement-missing", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_cannot_name_the_image_of_a_layout_that_records_no_names()
    {
        // The audit's case: the layout holds slsa-framework/example-package and names nothing; a pmg-exporter tag must
        // not verify that image and put pmg-exporter's name into the marker. Not worth retrying: a configuration error.
        var marker = Path.Combine(Directory.CreateTempSubdirectory("imagegate-save-tag-").FullName, "verified.json");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("verify", "--layout", Layout, "ghcr.io/natrontech/pmg-exporter:v0.2.2", "--allow-tag",
            "--type", "slsaprovenance", "--certificate-identity", GeneratorV110, "--certificate-oidc-issuer", Issuer, "--marker", marker);
        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("error: source.unknown-tag", stderr, StringComparison.Ordinal);
        Assert.Contains("'v0.2.2'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("VERIFIED", stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
        Directory.Delete(Path.GetDirectoryName(marker)!, recursive: true);
    }

    [Fact]
    public async Task A_full_reference_pinned_by_digest_still_resolves_by_the_digest()
    {
        var (exit, stdout, stderr) = await Verify("ghcr.io/slsa-framework/example-package@" + IndexDigest, GeneratorV110);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
    }
}
