using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Pmg;

namespace ImageGate.Cli.Tests;

/// <summary>
/// The same release and cases served by Debian's docker-registry on loopback: no referrers API, so the CLI must
/// find the bundles through the <c>sha256-&lt;hex&gt;</c> tag, exactly as on GHCR.
/// </summary>
public sealed class RegistryVerifyTests(RegistryFixture registry) : ReleaseSourceTests, IClassFixture<RegistryFixture>
{
    protected override FixtureSource Source => new RegistrySource(registry.Registry);

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
