using ImageGate.Oci.Registry;
using ImageGate.Oci.Registry.Auth;
using ImageGate.Oci.Tests.Support;
using ImageGate.Testing.Oci;
using ImageGate.Testing.Tls;

namespace ImageGate.Oci.Tests.Registry;

/// <summary>
/// Registries answer blob GETs with a redirect to a storage host. Followed only to https, or to plain http on a
/// host declared insecure; never more than the limit; credentials only to the origin they were meant for. The
/// front is the fake registry (it adds the redirect fault), the storage host the real docker-registry or a
/// second fake that records what it was sent.
/// </summary>
public sealed class RedirectTests(PmgOnDockerRegistry storage) : IClassFixture<PmgOnDockerRegistry>, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("imagegate-redirect-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RegistryClientOptions Options(string[] insecure, string? caFile = null, CredentialStore? credentials = null) => new()
    {
        InsecureHosts = insecure,
        CaFile = caFile,
        Credentials = credentials,
        InitialBackoff = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(10),
        RetryBudget = TimeSpan.FromSeconds(20),
        MaxAttempts = 3,
    };

    private static async Task<PmgWalk.Walked> ReadAsync(FakeRegistry front, PmgFixture fixture, RegistryClientOptions options)
    {
        var reference = ImageReference.Parse($"{front.Host}/{fixture.Repository}:{fixture.Tag}");
        using var client = new RegistryClient(options);
        return await PmgWalk.ReadAsync(client.OpenRepository(reference), reference.ManifestReference, Ct);
    }

    /// <summary>A TLS front holding the pmg material, redirecting every blob GET to the plain-HTTP docker-registry.</summary>
    private async Task<(FakeRegistry Front, string CaFile)> TlsFrontAsync()
    {
        var certificates = TestCertificates.Create();
        var caFile = Path.Combine(directory, "ca.pem");
        File.WriteAllText(caFile, certificates.CaPem);
        var front = await FakeRegistry.StartAsync(tls: certificates.ServerCertificate());
        storage.Fixture.PushTo(front);
        front.AddFault(new Fault("/blobs/", FaultKind.Redirect, Times: 100) { StatusCode = 307, RedirectTo = storage.Registry.BaseAddress });
        return (front, caFile);
    }

    [Fact]
    public async Task An_https_registry_redirecting_to_plain_http_is_refused_naming_the_location()
    {
        var (front, caFile) = await TlsFrontAsync();
        await using (front)
        {
            var e = await Assert.ThrowsAsync<OciSourceException>(() => ReadAsync(front, storage.Fixture, Options([], caFile)));
            Assert.Equal(SourceReason.RedirectRefused, e.Reason);
            Assert.Contains($"http://{storage.Registry.Host}/v2/{storage.Fixture.Repository}/blobs/sha256:", e.Message, StringComparison.Ordinal);
            Assert.Contains("--insecure-registry", e.Message, StringComparison.Ordinal);
            // Refused, not retried: the same registry would only redirect the same way again.
            Assert.Equal(1, front.Count("/blobs/"));
        }
    }

    [Fact]
    public async Task An_https_registry_redirecting_to_plain_http_on_a_host_declared_insecure_is_followed()
    {
        var (front, caFile) = await TlsFrontAsync();
        await using (front)
        {
            var result = await ReadAsync(front, storage.Fixture, Options([storage.Registry.Host], caFile));
            PmgWalk.HasAllThree(storage.Fixture, result, ReferrerOrigin.ReferrersTag);
            Assert.Equal(3, front.Count("/blobs/"));
        }
    }

    [Fact]
    public async Task A_plain_http_registry_redirecting_to_another_plain_http_host_not_declared_insecure_is_refused()
    {
        await using var front = await FakeRegistry.StartAsync(kestrel: true);
        storage.Fixture.PushTo(front);
        front.AddFault(new Fault("/blobs/", FaultKind.Redirect, Times: 100) { StatusCode = 302, RedirectTo = storage.Registry.BaseAddress });
        var e = await Assert.ThrowsAsync<OciSourceException>(() => ReadAsync(front, storage.Fixture, Options([front.Host])));
        Assert.Equal(SourceReason.RedirectRefused, e.Reason);
        Assert.Contains($"http://{storage.Registry.Host}/", e.Message, StringComparison.Ordinal);

        var followed = await ReadAsync(front, storage.Fixture, Options([front.Host, storage.Registry.Host]));
        Assert.Equal(3, followed.Blobs.Count);
    }

    [Fact]
    public async Task A_redirect_loop_stops_at_the_limit()
    {
        await using var front = await FakeRegistry.StartAsync(kestrel: true);
        storage.Fixture.PushTo(front);
        front.AddFault(new Fault("/blobs/", FaultKind.Redirect, Times: 1000) { StatusCode = 307, RedirectTo = front.BaseAddress });
        var e = await Assert.ThrowsAsync<OciSourceException>(() => ReadAsync(front, storage.Fixture, Options([front.Host])));
        Assert.Equal(SourceReason.RedirectRefused, e.Reason);
        Assert.Contains("5 redirects", e.Message, StringComparison.Ordinal);
        Assert.Equal(6, front.Count("/blobs/"));
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("bearer")]
    public async Task Credentials_for_the_registry_are_never_sent_to_the_storage_host(string mode)
    {
        await using var front = await FakeRegistry.StartAsync(kestrel: true);
        await using var blobStore = await FakeRegistry.StartAsync(kestrel: true);
        storage.Fixture.PushTo(front);
        storage.Fixture.PushTo(blobStore);
        front.AuthMode = mode;
        front.AddFault(new Fault("/blobs/", FaultKind.Redirect, Times: 100) { StatusCode = 307, RedirectTo = blobStore.BaseAddress });
        var credentials = new CredentialStore(new Dictionary<string, RegistryCredential> { [front.Host] = new("alice", "s3cret") });

        var result = await ReadAsync(front, storage.Fixture, Options([front.Host, blobStore.Host], credentials: credentials));

        Assert.Equal(3, result.Blobs.Count);
        Assert.All(front.Authorizations.Where(a => a.Request.Contains("/blobs/", StringComparison.Ordinal)), a => Assert.NotNull(a.Authorization));
        var atStorage = blobStore.Authorizations;
        Assert.Equal(3, atStorage.Count);
        Assert.All(atStorage, a => Assert.Null(a.Authorization));
    }

    [Fact]
    public async Task A_redirect_within_the_same_origin_keeps_the_credentials()
    {
        await using var front = await FakeRegistry.StartAsync(kestrel: true);
        storage.Fixture.PushTo(front);
        front.AuthMode = "basic";
        // A relative Location on the registry itself (a path rewrite), once per blob: the second GET must still authenticate.
        var blob = storage.Fixture.ProvenanceLayerDigest;
        front.AddFault(new Fault($"/blobs/{blob}", FaultKind.Redirect) { StatusCode = 301, RedirectTo = new Uri($"/v2/{storage.Fixture.Repository}/blobs/{blob}?moved=1", UriKind.Relative) });
        var credentials = new CredentialStore(new Dictionary<string, RegistryCredential> { [front.Host] = new("alice", "s3cret") });

        var result = await ReadAsync(front, storage.Fixture, Options([front.Host], credentials: credentials));

        Assert.Equal(3, result.Blobs.Count);
        var blobGets = front.Authorizations.Where(a => a.Request.EndsWith($"/blobs/{blob}", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, blobGets.Count);
        Assert.All(blobGets, a => Assert.StartsWith("Basic ", a.Authorization, StringComparison.Ordinal));
    }
}
