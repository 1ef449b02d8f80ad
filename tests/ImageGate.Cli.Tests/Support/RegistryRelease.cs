using ImageGate.Testing.Pmg;

namespace ImageGate.Cli.Tests.Support;

/// <summary>A pmg-shaped release pushed to the real registry, with its workspace; disposing removes both.</summary>
public sealed record RegistryRelease(PmgSignedFixture Fixture, Workspace Workspace, PublishedFixture Published) : IDisposable
{
    /// <summary>The release (small SBOM unless <paramref name="options"/> say otherwise) under repository <paramref name="name"/>.</summary>
    public static async Task<RegistryRelease> PublishAsync(RegistryFixture registry, string name, PmgFixtureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var fixture = PmgSignedFixture.Create(options ?? new PmgFixtureOptions { SbomBytes = BrokenCases.SmallSbom });
        var workspace = new Workspace(fixture.TrustedRootJson());
        var published = await new RegistrySource(registry.Registry).PublishAsync(fixture, workspace, name, TestContext.Current.CancellationToken);
        return new RegistryRelease(fixture, workspace, published);
    }

    /// <summary><c>host/repo:TAG@DIGEST</c>: the registry is asked by digest only, the tag is a claim to check.</summary>
    public string Pinned(string tag) => Published.ImageFor(tag) + "@" + Fixture.IndexDigest;

    public void Dispose()
    {
        Workspace.Dispose();
        Fixture.Dispose();
    }
}
