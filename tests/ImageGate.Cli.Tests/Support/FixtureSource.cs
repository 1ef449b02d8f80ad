using ImageGate.Testing.Oci;
using ImageGate.Testing.Pmg;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.Support;

/// <summary>A fixture made reachable for the CLI: how to name an image in it, the source options, how to corrupt a stored blob.</summary>
public sealed class PublishedFixture
{
    public required Func<string, string> ImageFor { get; init; }

    public required IReadOnlyList<string> SourceArgs { get; init; }

    public required Action<string> CorruptBlob { get; init; }
}

/// <summary>Where the CLI reads the fixture from: an OCI image layout or a registry. Tests run the same cases through both.</summary>
public abstract class FixtureSource
{
    public abstract Task<PublishedFixture> PublishAsync(PmgSignedFixture fixture, Workspace workspace, string name, CancellationToken cancellationToken);
}

/// <summary>An OCI image layout in the workspace; IMAGE is then a digest or tag inside it.</summary>
public sealed class LayoutSource : FixtureSource
{
    public override Task<PublishedFixture> PublishAsync(PmgSignedFixture fixture, Workspace workspace, string name, CancellationToken cancellationToken)
    {
        fixture.WriteLayout(workspace.Layout);
        return Task.FromResult(new PublishedFixture
        {
            ImageFor = reference => reference,
            SourceArgs = ["--layout", workspace.Layout],
            CorruptBlob = digest => OciContent.CorruptLayoutBlob(workspace.Layout, digest),
        });
    }
}

/// <summary>
/// docker-registry (distribution 2.8: no referrers API, like GHCR) on loopback; one repository per case,
/// because every case's index has the same digest and so the same <c>sha256-&lt;hex&gt;</c> tags.
/// </summary>
public sealed class RegistrySource(DockerRegistryProcess registry) : FixtureSource
{
    public override async Task<PublishedFixture> PublishAsync(PmgSignedFixture fixture, Workspace workspace, string name, CancellationToken cancellationToken)
    {
        string repository = $"e2e/{name}/pmg-exporter";
        using (var http = registry.CreatePushClient())
        {
            await fixture.PushAsync(http, registry.BaseAddress, repository, cancellationToken);
        }
        return new PublishedFixture
        {
            ImageFor = reference => $"{registry.Host}/{repository}{(reference.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":")}{reference}",
            SourceArgs = ["--insecure-registry", registry.Host, "--timeout", "60"],
            CorruptBlob = registry.CorruptBlob,
        };
    }
}

/// <summary>One docker-registry for a test class (xunit class fixture), started by the tests themselves.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private DockerRegistryProcess? registry;

    public DockerRegistryProcess Registry => registry ?? throw new InvalidOperationException("the registry has not started");

    public async ValueTask InitializeAsync() => registry = await DockerRegistryProcess.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (registry is not null)
        {
            await registry.DisposeAsync();
        }
    }
}
