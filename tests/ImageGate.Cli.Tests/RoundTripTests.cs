using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Oci;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests;

/// <summary>
/// Round trips to a distant registry (issue 13, item 4): the real CLI verifies the pmg-shaped release from Debian's
/// docker-registry through a proxy that holds every request for 30 ms. The figure is the client's sequential round
/// trips as the proxy saw them (requests that overlap count once), not a wall time: independent fetches go out side
/// by side, so a verification pinned by digest costs 4 of them however many requests it makes: the image manifest,
/// the referrers API, the .sig and the .att tags, all at once; then the referrers tag (after the API's 404: asking
/// for it beside the API would cost every registry that has one a request) with the .att layers; then the referrer
/// manifests; then the bundles. Fetched one after another the same 10 requests took 10. scripts/bench-round-trips.sh
/// prints the wall times.
/// </summary>
public sealed class RoundTripTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task A_verification_pinned_by_digest_costs_four_sequential_round_trips()
    {
        using var release = await RegistryRelease.PublishAsync(registry, "roundtrip/pmg-exporter");
        await using var proxy = await LatencyProxy.StartAsync(registry.Registry.BaseAddress, TimeSpan.FromMilliseconds(30));
        // host/repository:TAG@DIGEST, the host the proxy's: the registry is asked by digest, the tag is checked.
        string image = release.Pinned(release.Fixture.Tag).Replace(registry.Registry.Host, proxy.Host, StringComparison.Ordinal);
        var (exit, _, stderr) = await CliRunner.RunAsync("verify", image, "--insecure-registry", proxy.Host, "--preset", "pmg-exporter",
            "--trusted-root", release.Workspace.TrustedRoot, "--marker", release.Workspace.Marker);
        Assert.True(exit == 0, stderr);
        string figures = $"{proxy.Requests} requests in {proxy.RoundTrips} sequential round trips";
        Assert.True(proxy.RoundTrips <= 4, figures);
        // Side by side, not fewer: every manifest and blob is still fetched (and checked against its digest).
        Assert.True(proxy.Requests >= 8, figures);
        Assert.True(proxy.Requests > proxy.RoundTrips, figures);
    }
}
