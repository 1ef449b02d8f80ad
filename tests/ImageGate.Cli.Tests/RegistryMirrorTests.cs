using System.Net;
using System.Net.Sockets;
using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Pmg;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests;

/// <summary>
/// <c>--registry-mirror</c> through the built CLI: a signed pmg-shaped release on one docker-registry (the origin)
/// and Debian's docker-registry in proxy mode as a pull-through cache of it. Warm, the cache alone verifies the
/// release with the origin stopped; holding a tampered blob, it is rejected; mirrors are asked in order, then the
/// origin unless <c>--registry-mirror-only</c>; bad values are usage errors from every settings layer.
/// </summary>
public sealed class RegistryMirrorTests : IAsyncLifetime
{
    private DockerRegistryProcess origin = null!;
    private DockerRegistryProcess cache = null!;
    private PmgSignedFixture fixture = null!;
    private Workspace workspace = null!;
    private PublishedFixture published = null!;

    public async ValueTask InitializeAsync()
    {
        origin = await DockerRegistryProcess.StartAsync();
        fixture = PmgSignedFixture.Create(new PmgFixtureOptions { SbomBytes = BrokenCases.SmallSbom });
        workspace = new Workspace(fixture.TrustedRootJson());
        published = await new RegistrySource(origin).PublishAsync(fixture, workspace, "mirror", TestContext.Current.CancellationToken);
        // The proxy checks its upstream as it starts, so the origin comes first.
        cache = await DockerRegistryProcess.StartProxyAsync(origin.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await cache.DisposeAsync();
        await origin.DisposeAsync();
        workspace.Dispose();
        fixture.Dispose();
    }

    private string Image => published.ImageFor(fixture.IndexDigest);

    private static string DeadHost()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> VerifyAsync(params string[] mirrorArgs) =>
        Scenarios.VerifyAsync(published, Image, workspace, mirrorArgs);

    private string[] Through(params string[] mirrors) =>
        [.. mirrors.SelectMany(m => new[] { "--registry-mirror", $"{origin.Host}={m}", "--insecure-registry", m })];

    [Fact]
    public async Task A_warm_pull_through_mirror_verifies_while_the_origin_is_down()
    {
        var (exit, _, stderr) = await VerifyAsync(Through(cache.Host));
        Assert.True(exit == 0, $"warming: exit {exit}: {stderr}");
        File.Delete(workspace.Marker);

        await origin.DisposeAsync();
        var (direct, _, directErr) = await VerifyAsync();
        Assert.True(direct == 3, $"without the mirror the origin is down: exit {direct}: {directErr}");

        (exit, _, stderr) = await VerifyAsync(Through(cache.Host));
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Scenarios.AssertMarkerNames(workspace.Marker, fixture.IndexDigest);
    }

    [Fact]
    public async Task A_mirror_serving_a_tampered_blob_is_rejected_with_the_digest_mismatch_naming_it()
    {
        var (exit, _, stderr) = await VerifyAsync(Through(cache.Host));
        Assert.True(exit == 0, $"warming: exit {exit}: {stderr}");
        cache.CorruptBlob(fixture.SbomBundleDigest!);
        workspace.PlantStaleMarker(fixture.IndexDigest);

        (exit, _, stderr) = await VerifyAsync(Through(cache.Host));
        Assert.True(exit == 1, $"exit {exit}: {stderr}");
        Assert.Contains("error: source.digest-mismatch", stderr, StringComparison.Ordinal);
        Assert.Contains($"mirror {cache.Host}/", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Marker), "no marker may exist after a rejection");
    }

    [Fact]
    public async Task Mirrors_are_asked_in_order_then_the_origin_unless_mirror_only()
    {
        var dead = DeadHost();
        var (exit, _, stderr) = await VerifyAsync(Through(dead, cache.Host));
        Assert.True(exit == 0, $"first mirror down, second used: exit {exit}: {stderr}");

        (exit, _, stderr) = await VerifyAsync(Through(dead, DeadHost()));
        Assert.True(exit == 0, $"every mirror down, the origin used: exit {exit}: {stderr}");

        workspace.PlantStaleMarker(fixture.IndexDigest);
        (exit, _, stderr) = await VerifyAsync([.. Through(dead, DeadHost()), "--registry-mirror-only", origin.Host]);
        Assert.True(exit == 3, $"mirror-only, every mirror down: exit {exit}: {stderr}");
        Assert.Contains("error: source.unavailable", stderr, StringComparison.Ordinal);
        Assert.Contains("mirrors", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Marker));
    }

    [Theory]
    [InlineData("ghcr.io", "no '='")]
    [InlineData("=cache:5000", "an empty registry")]
    [InlineData("ghcr.io=", "an empty mirror")]
    [InlineData("ghcr.io=ftp://cache", "scheme must be http or https")]
    [InlineData("ghcr.io=cache:5000/v2", "no path")]
    [InlineData("ghcr.io=ghcr.io", "its own mirror")]
    [InlineData("ghcr.io=http://cache:5000", "not declared with --insecure-registry")]
    public async Task A_malformed_mirror_is_a_usage_error_before_any_io(string value, string why)
    {
        workspace.PlantStaleMarker(fixture.IndexDigest);
        var (exit, _, stderr) = await VerifyAsync("--registry-mirror", value);
        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        Assert.Contains("error: usage: --registry-mirror", stderr, StringComparison.Ordinal);
        Assert.Contains(why, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Marker));
    }

    [Fact]
    public async Task Contradicting_or_dangling_mirror_settings_are_usage_errors_from_every_layer()
    {
        var (exit, _, stderr) = await VerifyAsync("--registry-mirror", "ghcr.io=cache", "--registry-mirror", "ghcr.io=https://cache");
        Assert.True(exit == 2 && stderr.Contains("twice", StringComparison.Ordinal), $"exit {exit}: {stderr}");

        (exit, _, stderr) = await VerifyAsync("--registry-mirror-only", origin.Host);
        Assert.True(exit == 2 && stderr.Contains("without --registry-mirror", StringComparison.Ordinal), $"exit {exit}: {stderr}");

        // IMAGEGATE_REGISTRY_MIRROR is a comma-separated list, validated as typed.
        (exit, _, stderr) = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string> { ["IMAGEGATE_REGISTRY_MIRROR"] = "ghcr.io=a,ghcr.io" },
            ["verify", Image, .. published.SourceArgs, "--preset", "pmg-exporter", "--trusted-root", workspace.TrustedRoot, "--marker", workspace.Marker]);
        Assert.True(exit == 2 && stderr.Contains("error: usage: --registry-mirror", StringComparison.Ordinal), $"exit {exit}: {stderr}");

        // The settings file's list works like the repeated option: the warm path through it verifies.
        var settings = Path.Combine(workspace.Directory, "settings.yaml");
        await File.WriteAllTextAsync(settings, $"registry-mirror:\n  - {origin.Host}={cache.Host}\ninsecure-registry:\n  - {origin.Host}\n  - {cache.Host}\n", TestContext.Current.CancellationToken);
        (exit, _, stderr) = await CliRunner.RunAsync("verify", Image, "--config", settings, "--preset", "pmg-exporter", "--trusted-root", workspace.TrustedRoot, "--marker", workspace.Marker);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
    }
}
