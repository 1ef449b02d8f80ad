using System.Net.Http.Headers;
using System.Text;
using ImageGate.Oci.Registry;
using ImageGate.Oci.Registry.Auth;
using ImageGate.Oci.Tests.Support;
using ImageGate.Testing.Oci;

namespace ImageGate.Oci.Tests.Registry;

/// <summary>Against Debian's docker-registry (distribution 2.8, which has no referrers API, like GHCR): anonymous, htpasswd Basic auth, TLS with a generated CA.</summary>
public sealed class DockerRegistryTests
{
    private static RegistryClientOptions Fast(string? insecureHost, CredentialStore? credentials = null, string? caFile = null) => new()
    {
        InsecureHosts = insecureHost is null ? [] : [insecureHost],
        Credentials = credentials,
        CaFile = caFile,
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
        RequestTimeout = TimeSpan.FromSeconds(10),
        RetryBudget = TimeSpan.FromSeconds(30),
    };

    private static async Task<(PmgWalk.Walked, RegistryClient)> ReadAsync(DockerRegistryProcess registry, PmgFixture fixture, RegistryClientOptions options)
    {
        var reference = ImageReference.Parse($"{registry.Host}/{fixture.Repository}:{fixture.Tag}");
        var client = new RegistryClient(options);
        var result = await PmgWalk.ReadAsync(client.OpenRepository(reference), reference.ManifestReference, TestContext.Current.CancellationToken);
        return (result, client);
    }

    [Fact]
    public async Task Anonymous_finds_pmg_material_with_minimum_requests_over_one_connection()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        var fixture = PmgFixture.Create();
        using (var http = registry.CreatePushClient())
        {
            await RegistryPusher.PushAsync(http, registry.BaseAddress, fixture, null, TestContext.Current.CancellationToken);
        }
        var (result, client) = await ReadAsync(registry, fixture, Fast(registry.Host));
        using (client)
        {
            PmgWalk.HasAllThree(fixture, result, ReferrerOrigin.ReferrersTag);
            Assert.Equal(10, client.RequestCount);
            Assert.Equal(1, client.ConnectionCount);
        }
    }

    [Fact]
    public async Task Htpasswd_basic_auth_with_credentials_from_a_docker_config()
    {
        await using var registry = await DockerRegistryProcess.StartAsync("pusher", "correct horse");
        var fixture = PmgFixture.Create();
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("pusher:correct horse")));
        using (var http = registry.CreatePushClient())
        {
            await RegistryPusher.PushAsync(http, registry.BaseAddress, fixture, basic, TestContext.Current.CancellationToken);
        }
        var config = $"{{\"auths\":{{\"{registry.Host}\":{{\"auth\":\"{basic.Parameter}\"}}}}}}";
        var (result, client) = await ReadAsync(registry, fixture, Fast(registry.Host, CredentialStore.Parse(Encoding.UTF8.GetBytes(config), "test")));
        using (client)
        {
            PmgWalk.HasAllThree(fixture, result, ReferrerOrigin.ReferrersTag);
            Assert.Equal(11, client.RequestCount); // one challenge round trip, then Basic up front
        }

        var anonymous = await Assert.ThrowsAsync<OciSourceException>(() => ReadAsync(registry, fixture, Fast(registry.Host)));
        Assert.Equal(SourceReason.Unauthorized, anonymous.Reason);

        var wrong = Convert.ToBase64String(Encoding.UTF8.GetBytes("pusher:wrong horse"));
        var wrongConfig = $"{{\"auths\":{{\"{registry.Host}\":{{\"auth\":\"{wrong}\"}}}}}}";
        var refused = await Assert.ThrowsAsync<OciSourceException>(() => ReadAsync(registry, fixture, Fast(registry.Host, CredentialStore.Parse(Encoding.UTF8.GetBytes(wrongConfig), "test"))));
        Assert.Equal(SourceReason.CredentialsRefused, refused.Reason);
        Assert.Contains("with the configured credentials", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_with_a_generated_ca_is_trusted_only_through_the_ca_file()
    {
        await using var registry = await DockerRegistryProcess.StartAsync(tls: true);
        var fixture = PmgFixture.Create();
        using (var http = registry.CreatePushClient())
        {
            await RegistryPusher.PushAsync(http, registry.BaseAddress, fixture, null, TestContext.Current.CancellationToken);
        }
        var (result, client) = await ReadAsync(registry, fixture, Fast(insecureHost: null, caFile: registry.CaFile));
        using (client)
        {
            PmgWalk.HasAllThree(fixture, result, ReferrerOrigin.ReferrersTag);
            Assert.Equal(1, client.ConnectionCount);
        }

        var options = Fast(insecureHost: null);
        var untrusted = await Assert.ThrowsAsync<OciSourceException>(() => ReadAsync(registry, fixture, new RegistryClientOptions
        {
            MaxAttempts = 1,
            RequestTimeout = options.RequestTimeout,
        }));
        Assert.Equal(SourceReason.Unavailable, untrusted.Reason);
    }
}
