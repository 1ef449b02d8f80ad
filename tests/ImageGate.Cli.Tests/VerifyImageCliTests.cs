using System.Text.Json;
using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Pmg;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests;

/// <summary>
/// <c>imagegate verify-image</c>, slsa-verifier's command offline, and the same flags on <c>verify</c>, through the
/// built CLI: on the real `cosign save` layout of slsa-github-generator v1.10.0's container provenance (production
/// root), and on the pmg-shaped release in Debian's docker-registry. Verdicts and words as slsa-verifier's.
/// </summary>
public sealed class VerifyImageCliTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private const string Generator = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml";
    private const string ExamplePackage = "github.com/slsa-framework/example-package";

    private static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures", "cosign-save-layout", "slsa-generator-v1.10.0");

    private static string Layout => Path.Combine(Root, "container_workflow_dispatch");

    private static string Digest => File.ReadAllText(Path.Combine(Root, "container_workflow_dispatch.digest")).Trim();

    private static Task<(int ExitCode, string Stdout, string Stderr)> VerifyImage(params string[] flags) =>
        CliRunner.RunAsync(["verify-image", Digest, "--layout", Layout, .. flags]);

    private static void Passed(int exit, string stderr)
    {
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.EndsWith("PASSED: Verified SLSA provenance", stderr.TrimEnd(), StringComparison.Ordinal);
    }

    private static void Failed(int exit, string stderr, string code, string words)
    {
        Assert.True(exit == 1, $"exit {exit}: {stderr}");
        Assert.Contains($"error: {code}", stderr, StringComparison.Ordinal);
        Assert.Contains(words, stderr, StringComparison.Ordinal);
        Assert.EndsWith("FAILED: SLSA verification failed", stderr.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Real_container_provenance_passes_for_its_source_naming_the_builder_and_commit()
    {
        var (exit, stdout, stderr) = await VerifyImage("--source-uri", ExamplePackage);
        Passed(exit, stderr);
        Assert.Contains($"Verified build using builder \"{Generator}@refs/tags/v1.10.0\" at commit d37a7f740ee7404914456f24dcd90e865a0509e8", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task Print_provenance_writes_the_verified_statement_to_stdout()
    {
        var (exit, stdout, stderr) = await VerifyImage("--source-uri", ExamplePackage, "--print-provenance");
        Passed(exit, stderr);
        using var statement = JsonDocument.Parse(stdout);
        Assert.Equal("https://slsa.dev/provenance/v0.2", statement.RootElement.GetProperty("predicateType").GetString());
        Assert.Equal(Digest["sha256:".Length..], statement.RootElement.GetProperty("subject")[0].GetProperty("digest").GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Another_source_fails()
    {
        var (exit, stdout, stderr) = await VerifyImage("--source-uri", "github.com/slsa-framework/example-package-fork");
        Failed(exit, stderr, "provenance.source-mismatch", "expected source 'slsa-framework/example-package-fork'; found 'slsa-framework/example-package'");
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task The_builder_id_with_its_version_passes_and_another_version_fails()
    {
        var (exit, _, stderr) = await VerifyImage("--source-uri", ExamplePackage, "--builder-id", Generator + "@v1.10.0");
        Passed(exit, stderr);
        (exit, _, stderr) = await VerifyImage("--source-uri", ExamplePackage, "--builder-id", Generator + "@v1.9.0");
        Failed(exit, stderr, "provenance.builder-mismatch", $"expected {Generator}@v1.9.0");
    }

    [Fact]
    public async Task A_workflow_dispatch_build_on_main_meets_the_branch_and_no_tag()
    {
        var (exit, _, stderr) = await VerifyImage("--source-uri", ExamplePackage, "--source-branch", "main");
        Passed(exit, stderr);
        (exit, _, stderr) = await VerifyImage("--source-uri", ExamplePackage, "--source-branch", "release");
        Failed(exit, stderr, "provenance.branch-mismatch", "release");
        (exit, _, stderr) = await VerifyImage("--source-uri", ExamplePackage, "--source-versioned-tag", "v1");
        Failed(exit, stderr, "provenance.versioned-tag-mismatch", "v1");
    }

    [Theory]
    [InlineData("--source-branch", "main")]
    [InlineData("--source-uri", ExamplePackage, "--source-tag", "v1.0.0", "--source-versioned-tag", "v1")]
    [InlineData("--source-uri", ExamplePackage, "--source-versioned-tag", "latest")]
    [InlineData("--source-uri", ExamplePackage, "--builder-id", "a@b@c")]
    [InlineData("--source-uri", ExamplePackage, "--allow-tag")]
    public async Task Missing_contradictory_malformed_or_unknown_flags_are_usage_errors(params string[] flags)
    {
        var (exit, _, stderr) = await VerifyImage(flags);
        Assert.True(exit == 2, $"exit {exit}: {stderr}");
    }

    [Fact]
    public async Task A_tag_is_refused_as_slsa_verifier_refuses_a_mutable_image()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("verify-image", "ghcr.io/slsa-framework/example-package:latest", "--source-uri", ExamplePackage);
        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        Assert.Contains("is not pinned by digest", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("--allow-tag", stderr, StringComparison.Ordinal);
    }

    // The pmg-shaped release in a real registry.

    [Fact]
    public async Task The_release_verifies_with_its_versioned_tag_and_not_with_the_next_minor()
    {
        using var release = await RegistryRelease.PublishAsync(registry, "verify-image");
        var (fixture, workspace, published) = release;
        string[] command = ["verify-image", release.Pinned(PmgNames.Version), .. published.SourceArgs,
            "--trusted-root", workspace.TrustedRoot, "--source-uri", "github.com/" + PmgNames.Repository];
        var (exit, _, stderr) = await CliRunner.RunAsync([.. command, "--source-versioned-tag", "v0.2"]);
        Passed(exit, stderr);
        (exit, _, stderr) = await CliRunner.RunAsync([.. command, "--source-versioned-tag", "v0.3"]);
        Failed(exit, stderr, "provenance.versioned-tag-mismatch", "minor version expected '3', got '2'");
    }

    [Fact]
    public async Task On_verify_the_flags_tighten_the_preset_and_a_contradiction_is_a_usage_error()
    {
        using var release = await RegistryRelease.PublishAsync(registry, "verify-source-flags");
        var (fixture, workspace, published) = release;
        var image = release.Pinned(PmgNames.Version);
        string[] source = ["--source-uri", "github.com/" + PmgNames.Repository];
        var (exit, _, stderr) = await Scenarios.VerifyAsync(published, image, workspace, "--source-tag", PmgNames.Version);
        Assert.True(exit == 2, $"as slsa-verifier, a tag needs --source-uri: exit {exit}: {stderr}");
        Assert.Contains("give --source-uri as well", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = await Scenarios.VerifyAsync(published, image, workspace, [.. source, "--source-tag", PmgNames.Version]);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Scenarios.AssertMarkerNames(workspace.Marker, fixture.IndexDigest);

        (exit, _, stderr) = await Scenarios.VerifyAsync(published, image, workspace, [.. source, "--source-tag", "v0.2.1"]);
        Assert.True(exit == 1, $"exit {exit}: {stderr}");
        Assert.Contains("error: provenance.tag-mismatch", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Marker), "no marker may exist after a rejection");

        (exit, _, stderr) = await Scenarios.VerifyAsync(published, image, workspace, "--source-uri", "github.com/acme/fork");
        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        Assert.Contains("contradicts the provenance block", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signer_flags_with_a_source_uri_require_the_signature_and_the_provenance()
    {
        using var release = await RegistryRelease.PublishAsync(registry, "verify-cosign-and-slsa");
        var (fixture, workspace, published) = release;
        string[] command = ["verify", release.Pinned(PmgNames.Version), .. published.SourceArgs,
            "--trusted-root", workspace.TrustedRoot, "--output", "json",
            "--certificate-identity-regexp", "^https://github.com/natrontech/pmg-exporter/", "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com"];
        var (exit, stdout, stderr) = await CliRunner.RunAsync([.. command, "--source-uri", "github.com/" + PmgNames.Repository]);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        using var report = JsonDocument.Parse(stdout);
        Assert.Equal(["signature", "provenance"], report.RootElement.GetProperty("requirements").EnumerateArray().Select(r => r.GetProperty("name").GetString()));

        (exit, _, stderr) = await CliRunner.RunAsync([.. command, "--source-uri", "github.com/acme/fork"]);
        Assert.True(exit == 1, $"exit {exit}: {stderr}");
        Assert.Contains("error: provenance.source-mismatch", stderr, StringComparison.Ordinal);
    }
}
