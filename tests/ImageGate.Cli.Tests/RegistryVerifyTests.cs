using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Pmg;

namespace ImageGate.Cli.Tests;

/// <summary>
/// The same release and cases served by Debian's docker-registry on loopback: no referrers API, so the CLI must
/// find the bundles through the <c>sha256-&lt;hex&gt;</c> tag, exactly as on GHCR.
/// </summary>
public sealed class RegistryVerifyTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private RegistrySource Source => new(registry.Registry);

    [Fact]
    public Task The_release_verifies_writes_the_marker_and_opens_the_gate() => Scenarios.HappyReleaseAsync(Source, "happy");

    [Theory]
    [MemberData(nameof(BrokenCases.Names), MemberType = typeof(BrokenCases))]
    public Task A_release_with_one_thing_wrong_is_rejected_without_marker(string name) => Scenarios.BrokenReleaseAsync(Source, name);

    [Fact]
    public async Task A_tag_without_allow_tag_is_a_usage_error()
    {
        using var fixture = PmgSignedFixture.Create(new PmgFixtureOptions { SbomBytes = BrokenCases.SmallSbom });
        using var workspace = new Workspace(fixture.TrustedRootJson());
        var published = await Source.PublishAsync(fixture, workspace, "tag", TestContext.Current.CancellationToken);
        workspace.PlantStaleMarker(fixture.IndexDigest);
        var (exit, _, stderr) = await Scenarios.VerifyAsync(published, published.ImageFor(fixture.Tag), workspace);
        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        Assert.Contains("error: usage:", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Marker));
    }
}
