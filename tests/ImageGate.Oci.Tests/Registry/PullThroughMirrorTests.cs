using ImageGate.Oci.Registry;
using ImageGate.Oci.Registry.Mirrors;
using ImageGate.Oci.Tests.Support;
using ImageGate.Testing.Oci;

namespace ImageGate.Oci.Tests.Registry;

/// <summary>
/// Debian's docker-registry twice: an origin and a pull-through cache of it (distribution's proxy mode). One read
/// through the cache warms it; then the origin is stopped and the same read still succeeds from the cache, while
/// the client's per-host counts show which host carried the load.
/// </summary>
public sealed class PullThroughMirrorTests
{
    private static RegistryClientOptions Fast(DockerRegistryProcess origin, DockerRegistryProcess? cache) => new()
    {
        InsecureHosts = cache is null ? [origin.Host] : [origin.Host, cache.Host],
        Mirrors = cache is null ? new Dictionary<string, MirrorSet>() : new Dictionary<string, MirrorSet> { [origin.Host] = new([new RegistryMirror(cache.Host)]) },
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
        RequestTimeout = TimeSpan.FromSeconds(10),
        RetryBudget = TimeSpan.FromSeconds(30),
    };

    private static async Task<RegistryClient> WalkAsync(DockerRegistryProcess origin, DockerRegistryProcess? cache, PmgFixture fixture)
    {
        var reference = ImageReference.Parse($"{origin.Host}/{fixture.Repository}@{fixture.IndexDigest}");
        var client = new RegistryClient(Fast(origin, cache));
        var walked = await PmgWalk.ReadAsync(client.Open(reference), reference.ManifestReference, TestContext.Current.CancellationToken);
        PmgWalk.HasAllThree(fixture, walked, ReferrerOrigin.ReferrersTag);
        return client;
    }

    [Fact]
    public async Task A_warm_pull_through_cache_serves_the_read_while_the_origin_is_down()
    {
        var origin = await DockerRegistryProcess.StartAsync();
        try
        {
            var fixture = PmgFixture.Create();
            using (var http = origin.CreatePushClient())
            {
                await RegistryPusher.PushAsync(http, origin.BaseAddress, fixture, null, TestContext.Current.CancellationToken);
            }
            await using var cache = await DockerRegistryProcess.StartProxyAsync(origin.BaseAddress);

            using (var direct = await WalkAsync(origin, cache: null, fixture))
            {
                Assert.Equal(10, direct.RequestCountFor(origin.Host));
            }
            using (var cold = await WalkAsync(origin, cache, fixture))
            {
                // The cache fetched from the origin itself; this client asked the origin only for the absent .sig tag.
                Assert.Equal(10, cold.RequestCountFor(cache.Host));
                Assert.Equal(1, cold.RequestCountFor(origin.Host));
            }
            using (var warm = await WalkAsync(origin, cache, fixture))
            {
                Assert.Equal(10, warm.RequestCountFor(cache.Host));
                Assert.Equal(1, warm.RequestCountFor(origin.Host));
            }

            var originHost = origin.Host;
            await origin.DisposeAsync();
            using var down = await WalkAsync(origin, cache, fixture);
            Assert.Equal(10, down.RequestCountFor(cache.Host));
            // Only the .sig probe went to the origin: its retries once, then the origin is down for the run.
            Assert.Equal(new RegistryClientOptions().MaxAttempts, down.RequestCountFor(originHost));
        }
        finally
        {
            await origin.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_cache_holding_a_tampered_blob_is_a_digest_mismatch_even_with_the_origin_up()
    {
        await using var origin = await DockerRegistryProcess.StartAsync();
        var fixture = PmgFixture.Create();
        using (var http = origin.CreatePushClient())
        {
            await RegistryPusher.PushAsync(http, origin.BaseAddress, fixture, null, TestContext.Current.CancellationToken);
        }
        await using var cache = await DockerRegistryProcess.StartProxyAsync(origin.BaseAddress);
        (await WalkAsync(origin, cache, fixture)).Dispose();
        cache.CorruptBlob(fixture.SbomBundleDigest.ToString());

        var failure = await Assert.ThrowsAsync<OciSourceException>(() => WalkAsync(origin, cache, fixture));
        Assert.Equal(SourceReason.DigestMismatch, failure.Reason);
        Assert.Contains($"mirror {cache.Host}/", failure.Message, StringComparison.Ordinal);
    }
}
