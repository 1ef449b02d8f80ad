using ImageGate.Testing.Oci;

namespace ImageGate.Oci.Tests.Support;

/// <summary>
/// A class fixture: Debian's docker-registry on loopback (plain HTTP) holding the pmg fixture, for tests where a
/// fake registry redirects to it the way registries send blob GETs to a storage host.
/// </summary>
public sealed class PmgOnDockerRegistry : IAsyncLifetime
{
    public PmgFixture Fixture { get; } = PmgFixture.Create();

    public DockerRegistryProcess Registry { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Registry = await DockerRegistryProcess.StartAsync();
        using var http = Registry.CreatePushClient();
        await RegistryPusher.PushAsync(http, Registry.BaseAddress, Fixture, null, CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await Registry.DisposeAsync();
}
