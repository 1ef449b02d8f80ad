using System.Net;
using ImageGate.Oci.Registry;
using ImageGate.Oci.Registry.Auth;
using ImageGate.Oci.Tests.Support;
using ImageGate.Testing.Oci;

namespace ImageGate.Oci.Tests.Registry;

/// <summary>The registry client against an in-process registry: discovery, request economy, faults and auth.</summary>
public sealed class FakeRegistryTests : IAsyncLifetime
{
    private readonly PmgFixture fixture = PmgFixture.Create();
    private FakeRegistry registry = null!;

    public async ValueTask InitializeAsync()
    {
        registry = await FakeRegistry.StartAsync();
        fixture.PushTo(registry);
    }

    public async ValueTask DisposeAsync() => await registry.DisposeAsync();

    private ImageReference Reference => ImageReference.Parse($"{registry.Host}/{fixture.Repository}:{fixture.Tag}");

    private async Task<(PmgWalk.Walked Result, RegistryClient Client)> ReadAsync(RegistryClientOptions? options = null)
    {
        var client = new RegistryClient(options ?? registry.ClientOptions());
        var result = await PmgWalk.ReadAsync(client.OpenRepository(Reference), Reference.ManifestReference, TestContext.Current.CancellationToken);
        return (result, client);
    }

    [Fact]
    public async Task Without_referrers_api_finds_all_three_through_the_tag_with_the_minimum_requests()
    {
        var (result, client) = await ReadAsync();
        using (client)
        {
            PmgWalk.HasAllThree(fixture, result, ReferrerOrigin.ReferrersTag);
            // 1 manifest + 1 referrers API + 1 referrers tag + 2 referrer manifests + 2 bundle blobs
            // + 1 .sig tag (absent) + 1 .att tag + 1 .att layer blob.
            Assert.Equal(10, client.RequestCount);
            Assert.Equal(10, registry.Requests.Count);
            Assert.Equal(1, registry.Count("/referrers/"));
            Assert.Equal(1, registry.Count($"/manifests/{fixture.Tag}"));
            Assert.Equal(3, registry.Count("/blobs/")); // 2 bundles + 1 att layer, nothing else
        }
    }

    [Fact]
    public async Task With_referrers_api_the_referrers_tag_is_not_requested()
    {
        registry.ReferrersApi = true;
        var (result, client) = await ReadAsync();
        using (client)
        {
            PmgWalk.HasAllThree(fixture, result, ReferrerOrigin.ReferrersApi);
            Assert.DoesNotContain($"GET /v2/{fixture.Repository}/manifests/{CosignTags.ReferrersTag(fixture.IndexDigest)}", registry.Requests);
            Assert.Equal(9, client.RequestCount);
        }
    }

    [Theory]
    [InlineData(429, "0")]
    [InlineData(503, null)]
    [InlineData(502, null)]
    [InlineData(504, "1")]
    public async Task Transient_statuses_are_retried_and_succeed(int status, string? retryAfter)
    {
        registry.AddFault(new Fault($"/manifests/{fixture.Tag}", FaultKind.Status, Times: 2) { StatusCode = status, RetryAfter = retryAfter });
        registry.AddFault(new Fault("/blobs/", FaultKind.Status) { StatusCode = status, RetryAfter = retryAfter });
        var (result, client) = await ReadAsync();
        using (client)
        {
            Assert.Equal(3, result.Blobs.Count);
            Assert.Equal(3, registry.Count($"/manifests/{fixture.Tag}"));
            Assert.Equal(13, client.RequestCount);
        }
    }

    [Theory]
    [InlineData(FaultKind.TruncatedBody)]
    [InlineData(FaultKind.SlowBody)]
    public async Task Truncated_and_stalled_bodies_are_retried_and_succeed(FaultKind kind)
    {
        registry.AddFault(new Fault("/blobs/", kind));
        var options = registry.ClientOptions();
        var (result, client) = await ReadAsync(new RegistryClientOptions
        {
            Handler = options.Handler,
            InsecureHosts = options.InsecureHosts,
            InitialBackoff = options.InitialBackoff,
            MaxBackoff = options.MaxBackoff,
            // A stalled body is cut off by the per-attempt timeout, then retried.
            RequestTimeout = TimeSpan.FromMilliseconds(500),
            RetryBudget = TimeSpan.FromSeconds(30),
        });
        using (client)
        {
            Assert.Equal(3, result.Blobs.Count);
            Assert.Equal(4, registry.Count("/blobs/")); // 3 blobs, one of them twice
        }
    }

    [Fact]
    public async Task A_wrong_blob_digest_is_a_hard_error_and_not_retried()
    {
        registry.AddFault(new Fault($"/blobs/{fixture.SbomBundleDigest}", FaultKind.WrongContent, Times: 10));
        var e = await Assert.ThrowsAsync<OciSourceException>(() => ReadAsync());
        Assert.Equal(SourceReason.DigestMismatch, e.Reason);
        Assert.Contains(fixture.SbomBundleDigest.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Equal(1, registry.Count($"/blobs/{fixture.SbomBundleDigest}"));
    }

    [Fact]
    public async Task A_tag_whose_content_does_not_match_the_claimed_digest_is_a_hard_error()
    {
        registry.AddFault(new Fault($"/manifests/{fixture.Tag}", FaultKind.WrongContent));
        var e = await Assert.ThrowsAsync<OciSourceException>(() => ReadAsync());
        Assert.Equal(SourceReason.DigestMismatch, e.Reason);
    }

    [Fact]
    public async Task An_oversized_manifest_body_is_a_hard_error()
    {
        registry.AddFault(new Fault($"/manifests/{fixture.Tag}", FaultKind.OversizedBody));
        var e = await Assert.ThrowsAsync<OciSourceException>(() => ReadAsync());
        Assert.Equal(SourceReason.TooLarge, e.Reason);
        Assert.Equal(1, registry.Count($"/manifests/{fixture.Tag}"));
    }

    [Fact]
    public async Task A_registry_that_keeps_failing_is_unavailable_after_the_bounded_attempts()
    {
        registry.AddFault(new Fault("/manifests/", FaultKind.Status, Times: 100) { StatusCode = 503 });
        var e = await Assert.ThrowsAsync<OciSourceException>(() => ReadAsync());
        Assert.Equal(SourceReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
        Assert.Equal(4, registry.Count("/manifests/"));
    }

    [Fact]
    public async Task A_retry_after_beyond_the_budget_gives_up_at_once()
    {
        registry.AddFault(new Fault("/manifests/", FaultKind.Status, Times: 100) { StatusCode = 429, RetryAfter = "3600" });
        var e = await Assert.ThrowsAsync<OciSourceException>(() => ReadAsync());
        Assert.Equal(SourceReason.Unavailable, e.Reason);
        Assert.Contains("Retry-After", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, registry.Count("/manifests/"));
    }

    [Fact]
    public async Task Basic_challenge_is_answered_with_configured_credentials_once_per_host()
    {
        registry.AuthMode = "basic";
        var credentials = new CredentialStore(new Dictionary<string, RegistryCredential> { [registry.Host] = new("alice", "s3cret") });
        var (result, client) = await ReadAsync(registry.ClientOptions(credentials));
        using (client)
        {
            Assert.Equal(3, result.Blobs.Count);
            Assert.Equal(11, client.RequestCount); // one 401 challenge, then Basic up front
        }
    }

    [Fact]
    public async Task Bearer_challenge_fetches_one_token_per_scope_and_reuses_it()
    {
        registry.AuthMode = "bearer";
        var credentials = new CredentialStore(new Dictionary<string, RegistryCredential> { [registry.Host] = new("alice", "s3cret") });
        var (result, client) = await ReadAsync(registry.ClientOptions(credentials));
        using (client)
        {
            Assert.Equal(3, result.Blobs.Count);
            Assert.Equal(1, registry.TokensIssued);
            Assert.Equal(12, client.RequestCount); // 401 + token, then 10 with the cached token
        }
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("bearer")]
    public async Task Missing_or_wrong_credentials_are_unauthorized(string mode)
    {
        registry.AuthMode = mode;
        var e = await Assert.ThrowsAsync<OciSourceException>(() => ReadAsync());
        Assert.Equal(SourceReason.Unauthorized, e.Reason);
        var wrong = new CredentialStore(new Dictionary<string, RegistryCredential> { [registry.Host] = new("alice", "nope") });
        e = await Assert.ThrowsAsync<OciSourceException>(() => ReadAsync(registry.ClientOptions(wrong)));
        // Credentials were sent and refused: a configuration error, not worth retrying.
        Assert.Equal(SourceReason.CredentialsRefused, e.Reason);
    }

    [Fact]
    public async Task A_missing_image_is_not_found()
    {
        using var client = new RegistryClient(registry.ClientOptions());
        var e = await Assert.ThrowsAsync<OciSourceException>(() =>
            client.OpenRepository(ImageReference.Parse($"{registry.Host}/nobody/here:v1")).GetManifestAsync("v1", TestContext.Current.CancellationToken));
        Assert.Equal(SourceReason.NotFound, e.Reason);
        Assert.Equal((int)HttpStatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public void Plain_http_is_used_only_for_hosts_declared_insecure()
    {
        using var client = new RegistryClient(new RegistryClientOptions { InsecureHosts = ["127.0.0.1:5000", "insecure.example"] });
        Assert.Equal("http", client.OpenRepository(ImageReference.Parse("127.0.0.1:5000/a")).BaseUri.Scheme);
        Assert.Equal("http", client.OpenRepository(ImageReference.Parse("insecure.example:8080/a")).BaseUri.Scheme);
        Assert.Equal("https", client.OpenRepository(ImageReference.Parse("127.0.0.1:5001/a")).BaseUri.Scheme);
        Assert.Equal("https", client.OpenRepository(ImageReference.Parse("ghcr.io/a/b")).BaseUri.Scheme);
        Assert.Equal("https://registry-1.docker.io/", client.OpenRepository(ImageReference.Parse("alpine")).BaseUri.ToString());
    }
}
