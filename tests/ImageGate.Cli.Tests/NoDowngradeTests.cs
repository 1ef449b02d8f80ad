using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Pmg;
using ImageGate.Testing.Processes;
using ImageGate.Verification.Policy;

namespace ImageGate.Cli.Tests;

/// <summary>
/// No downgrades, through the built CLI against Debian's docker-registry: with <c>repo:TAG@DIGEST</c> the preset
/// accepts only a release whose every signer ran for TAG, so an older signed release (known bugs and all) cannot
/// stand in for the one the Deployment names.
/// </summary>
public sealed class NoDowngradeTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private const string OlderRelease = "v0.2.1";

    private Task<RegistryRelease> PublishAsync(string name, PmgFixtureOptions? options = null) =>
        RegistryRelease.PublishAsync(registry, name, options);

    [Fact]
    public async Task The_release_the_reference_names_verifies()
    {
        using var release = await PublishAsync("pinned-ok");
        var (fixture, workspace, published) = release;
        var (exit, _, stderr) = await Scenarios.VerifyAsync(published, release.Pinned(PmgNames.Version), workspace);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Scenarios.AssertMarkerNames(workspace.Marker, fixture.IndexDigest);
    }

    [Fact]
    public async Task Another_signed_release_under_the_reference_tag_is_rejected_naming_both_versions()
    {
        using var release = await PublishAsync("pinned-other");
        var (fixture, workspace, published) = release;
        workspace.PlantStaleMarker(fixture.IndexDigest);
        var (exit, _, stderr) = await Scenarios.VerifyAsync(published, release.Pinned(OlderRelease), workspace);
        Assert.True(exit == 1, $"exit {exit}: {stderr}");
        Assert.Contains("sourceRepositoryRef", stderr, StringComparison.Ordinal);
        Assert.Contains($"\"refs/tags/{OlderRelease}\"", stderr, StringComparison.Ordinal);
        Assert.Contains($"\"refs/tags/{PmgNames.Version}\"", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Marker), "no marker may exist after a rejection");
    }

    [Theory]
    [InlineData("sbom")]
    [InlineData("provenance")]
    [InlineData("signature")]
    public async Task One_artifact_from_an_older_release_is_enough_to_reject(string requirement)
    {
        var older = new ArtifactKnobs { ReleaseTag = OlderRelease };
        var options = requirement switch
        {
            "sbom" => new PmgFixtureOptions { SbomBytes = BrokenCases.SmallSbom, Sbom = older },
            "provenance" => new PmgFixtureOptions { SbomBytes = BrokenCases.SmallSbom, Provenance = older },
            _ => new PmgFixtureOptions { SbomBytes = BrokenCases.SmallSbom, Signature = older },
        };
        using var release = await PublishAsync("mixed-" + requirement, options);
        var (fixture, workspace, published) = release;
        var (exit, _, stderr) = await Scenarios.VerifyAsync(published, release.Pinned(PmgNames.Version), workspace);
        Assert.True(exit == 1, $"exit {exit}: {stderr}");
        Assert.Contains($"\"refs/tags/{OlderRelease}\"", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Marker));

        // Without a tag in the reference nothing binds: that artifact is a genuine signed release artifact.
        var digestOnly = await Scenarios.VerifyAsync(published, published.ImageFor(fixture.IndexDigest), workspace);
        Assert.True(digestOnly.ExitCode == 0, $"exit {digestOnly.ExitCode}: {digestOnly.Stderr}");
    }

    [Fact]
    public async Task The_same_policy_without_bindReferenceTag_accepts_another_tag()
    {
        using var release = await PublishAsync("pinned-unbound");
        var (fixture, workspace, published) = release;
        var policyDir = Path.Combine(workspace.Directory, "policy");
        Directory.CreateDirectory(policyDir);
        foreach (var cue in new[] { "policy.cue", "policy-sbom.cue" })
        {
            using var resource = typeof(Presets).Assembly.GetManifestResourceStream($"preset/pmg-exporter/{cue}")!;
            using var file = File.Create(Path.Combine(policyDir, cue));
            resource.CopyTo(file);
        }
        var image = release.Pinned(OlderRelease);
        foreach (var (binds, expected) in new[] { (true, 1), (false, 0) })
        {
            var yaml = Presets.PmgExporterYaml.Replace("bindReferenceTag: true", $"bindReferenceTag: {(binds ? "true" : "false")}", StringComparison.Ordinal);
            var policy = Path.Combine(policyDir, "policy.yaml");
            await File.WriteAllTextAsync(policy, yaml, TestContext.Current.CancellationToken);
            var (exit, _, stderr) = await CliRunner.RunAsync(["verify", image, .. published.SourceArgs, "--policy", policy,
                "--trusted-root", workspace.TrustedRoot, "--marker", workspace.Marker]);
            Assert.True(exit == expected, $"bindReferenceTag: {binds}: exit {exit}: {stderr}");
        }
    }
}
