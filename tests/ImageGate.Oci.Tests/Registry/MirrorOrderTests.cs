using System.Net;
using System.Net.Sockets;
using System.Text;
using ImageGate.Oci.Registry;
using ImageGate.Oci.Registry.Auth;
using ImageGate.Oci.Registry.Mirrors;
using ImageGate.Oci.Tests.Support;
using ImageGate.Testing.Oci;

namespace ImageGate.Oci.Tests.Registry;

/// <summary>
/// Mirrors in containerd's order against in-process registries on loopback (Kestrel, so every host has its own
/// port and the client's per-host counts tell them apart): the first mirror that answers serves, an outage or a
/// 404 hands over to the next host, the origin comes last unless skipped, and bad content from a mirror is final.
/// </summary>
public sealed class MirrorOrderTests : IAsyncLifetime
{
    private readonly PmgFixture fixture = PmgFixture.Create();
    private FakeRegistry origin = null!;
    private FakeRegistry mirror = null!;
    private FakeRegistry empty = null!;

    public async ValueTask InitializeAsync()
    {
        origin = await FakeRegistry.StartAsync(kestrel: true);
        mirror = await FakeRegistry.StartAsync(kestrel: true);
        empty = await FakeRegistry.StartAsync(kestrel: true);
        fixture.PushTo(origin);
        fixture.PushTo(mirror);
    }

    public async ValueTask DisposeAsync()
    {
        await origin.DisposeAsync();
        await mirror.DisposeAsync();
        await empty.DisposeAsync();
    }

    private ImageReference Reference => ImageReference.Parse($"{origin.Host}/{fixture.Repository}:{fixture.Tag}");

    /// <summary>A loopback port nothing listens on: connection refused, as from a mirror that is down.</summary>
    private static string DeadHost()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    private RegistryClient Client(MirrorSet set, CredentialStore? credentials = null, params string[] insecure) => new(new RegistryClientOptions
    {
        InsecureHosts = [origin.Host, .. set.Mirrors.Select(m => m.Host), .. insecure],
        Mirrors = new Dictionary<string, MirrorSet> { [origin.Host] = set },
        Credentials = credentials,
        InitialBackoff = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(2),
        RetryBudget = TimeSpan.FromSeconds(20),
        MaxAttempts = 4,
    });

    private Task<PmgWalk.Walked> WalkAsync(RegistryClient client) =>
        PmgWalk.ReadAsync(client.Open(Reference), Reference.ManifestReference, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_warm_mirror_takes_the_load_and_the_origin_is_asked_only_for_what_no_mirror_has()
    {
        using var client = Client(new MirrorSet([new RegistryMirror(mirror.Host)]));
        PmgWalk.HasAllThree(fixture, await WalkAsync(client), ReferrerOrigin.ReferrersTag);
        // The whole walk from the mirror; the absent .sig tag is also asked of the origin (a 404 is not final).
        Assert.Equal(10, client.RequestCountFor(mirror.Host));
        Assert.Equal(1, client.RequestCountFor(origin.Host));
        Assert.Equal([$"GET /v2/{fixture.Repository}/manifests/{CosignTags.SignatureTag(fixture.IndexDigest)}"], origin.Requests);
    }

    [Fact]
    public async Task The_first_mirror_down_hands_over_to_the_second_and_is_not_asked_again()
    {
        var dead = DeadHost();
        using var client = Client(new MirrorSet([new RegistryMirror(dead), new RegistryMirror(mirror.Host)]));
        PmgWalk.HasAllThree(fixture, await WalkAsync(client), ReferrerOrigin.ReferrersTag);
        Assert.Equal(4, client.RequestCountFor(dead)); // its retries, once: then it is down for the run
        Assert.Equal(10, client.RequestCountFor(mirror.Host));
        Assert.Equal(1, client.RequestCountFor(origin.Host));
    }

    [Fact]
    public async Task Every_mirror_down_or_empty_leaves_the_origin()
    {
        var dead = DeadHost();
        using var client = Client(new MirrorSet([new RegistryMirror(dead), new RegistryMirror(empty.Host)]));
        PmgWalk.HasAllThree(fixture, await WalkAsync(client), ReferrerOrigin.ReferrersTag);
        Assert.Equal(10, client.RequestCountFor(origin.Host));
        Assert.Equal(4, client.RequestCountFor(dead));
        Assert.True(empty.Requests.Count >= 8, string.Join('\n', empty.Requests)); // asked first each time, had nothing
    }

    [Fact]
    public async Task Without_the_upstream_every_mirror_down_is_unavailable_and_the_origin_is_never_asked()
    {
        var dead = DeadHost();
        using var client = Client(new MirrorSet([new RegistryMirror(dead)], SkipUpstream: true));
        var failure = await Assert.ThrowsAsync<OciSourceException>(() => WalkAsync(client));
        Assert.Equal(SourceReason.Unavailable, failure.Reason);
        Assert.Contains($"mirror {dead}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("only", client.Open(Reference).Description, StringComparison.Ordinal);
        Assert.Equal(0, client.RequestCountFor(origin.Host));
        Assert.Empty(origin.Requests);
    }

    [Fact]
    public async Task Without_the_upstream_a_mirror_that_lacks_the_image_is_not_found()
    {
        using var client = Client(new MirrorSet([new RegistryMirror(empty.Host)], SkipUpstream: true));
        var failure = await Assert.ThrowsAsync<OciSourceException>(() => WalkAsync(client));
        Assert.Equal(SourceReason.NotFound, failure.Reason);
        Assert.Empty(origin.Requests);
    }

    [Fact]
    public async Task A_tampered_blob_from_a_mirror_is_a_digest_mismatch_naming_it_not_a_fallback()
    {
        mirror.AddFault(new Fault($"/blobs/{fixture.SignatureBundleDigest}", FaultKind.WrongContent));
        using var client = Client(new MirrorSet([new RegistryMirror(mirror.Host)]));
        var failure = await Assert.ThrowsAsync<OciSourceException>(() => WalkAsync(client));
        Assert.Equal(SourceReason.DigestMismatch, failure.Reason);
        Assert.Contains($"mirror {mirror.Host}/{fixture.Repository} (of {origin.Host})", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, origin.Count("/blobs/")); // the origin's good copy would have hidden the attack
    }

    [Fact]
    public async Task A_tampered_manifest_from_a_mirror_is_a_digest_mismatch()
    {
        var referrers = await ReferrerManifestAsync();
        mirror.AddFault(new Fault($"/manifests/{referrers}", FaultKind.WrongContent));
        using var client = Client(new MirrorSet([new RegistryMirror(mirror.Host)]));
        var failure = await Assert.ThrowsAsync<OciSourceException>(() => WalkAsync(client));
        Assert.Equal(SourceReason.DigestMismatch, failure.Reason);
        Assert.Contains($"mirror {mirror.Host}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_origins_credentials_are_never_sent_to_a_mirror()
    {
        origin.AuthMode = "basic";
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{origin.Username}:{origin.Password}"));
        var credentials = CredentialStore.Parse(Encoding.UTF8.GetBytes($"{{\"auths\":{{\"{origin.Host}\":{{\"auth\":\"{basic}\"}}}}}}"), "test");
        using var client = Client(new MirrorSet([new RegistryMirror(empty.Host)]), credentials);
        PmgWalk.HasAllThree(fixture, await WalkAsync(client), ReferrerOrigin.ReferrersTag);
        Assert.NotEmpty(empty.Authorizations);
        Assert.All(empty.Authorizations, a => Assert.Null(a.Authorization));
        Assert.Contains(origin.Authorizations, a => a.Authorization is not null);
    }

    [Fact]
    public void A_plain_http_mirror_that_is_not_declared_insecure_is_refused()
    {
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Mirrors = new Dictionary<string, MirrorSet> { [origin.Host] = new([new RegistryMirror(mirror.Host, "http")]) },
        });
        var failure = Assert.Throws<OciSourceException>(() => client.Open(Reference));
        Assert.Equal(SourceReason.BadInput, failure.Reason);
    }

    /// <summary>The digest of the image's signature-bundle referrer manifest, read straight from the origin.</summary>
    private async Task<Digest> ReferrerManifestAsync()
    {
        using var direct = new RegistryClient(origin.ClientOptions());
        var source = direct.OpenRepository(Reference);
        var image = await source.GetManifestAsync(Reference.ManifestReference, TestContext.Current.CancellationToken);
        var referrers = await source.GetReferrersAsync(image.Digest, TestContext.Current.CancellationToken);
        return referrers[0].Descriptor.ParsedDigest;
    }
}
