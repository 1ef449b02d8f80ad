using ImageGate.Oci;
using ImageGate.Oci.Layout;
using ImageGate.Oci.Registry;
using ImageGate.Testing.Oci;
using ImageGate.Testing.Processes;
using ImageGate.Verification.Discovery;

namespace ImageGate.Verification.Tests.Discovery;

/// <summary>
/// What discovery makes of pmg-exporter-shaped material from each kind of source: which artifact came from where,
/// in which format, with which predicate type (read from the payload, not the annotations), in how many requests.
/// </summary>
public sealed class DiscoveryTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("imagegate-discovery-").FullName;

    private static string CosignSaveLayout => Path.Combine(AppContext.BaseDirectory, "fixtures", "cosign-save-layout", "slsa-generator-v1.10.0", "container_workflow_dispatch");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_layout_yields_all_three_by_tag_and_by_digest()
    {
        var fixture = PmgFixture.Create();
        fixture.WriteLayout(directory);
        var layout = OciImageLayout.Open(directory);
        PmgAssertions.HasAllThree(fixture, await new ArtifactDiscoverer().DiscoverAsync(layout, fixture.Tag, Ct), ArtifactSource.Layout, ArtifactSource.Layout);
        PmgAssertions.HasAllThree(fixture, await new ArtifactDiscoverer().DiscoverAsync(layout, fixture.IndexDigest.ToString(), Ct), ArtifactSource.Layout, ArtifactSource.Layout);
    }

    // Without the API: 1 manifest + 1 referrers API (404) + 1 referrers tag + 2 referrer manifests + 2 bundle blobs
    // + 1 .sig tag (absent) + 1 .att tag + 1 .att layer blob. With it, the referrers tag is never asked.
    [Theory]
    [InlineData(false, ArtifactSource.ReferrersTag, 10)]
    [InlineData(true, ArtifactSource.ReferrersApi, 9)]
    public async Task Bundles_come_from_the_referrers_api_or_else_its_tag_in_the_minimum_requests(bool referrersApi, ArtifactSource bundles, int requests)
    {
        await using var registry = await FakeRegistry.StartAsync();
        registry.ReferrersApi = referrersApi;
        var fixture = PmgFixture.Create();
        fixture.PushTo(registry);
        using var client = new RegistryClient(registry.ClientOptions());
        PmgAssertions.HasAllThree(fixture, await Discover(client, registry.Host, fixture), bundles, ArtifactSource.LegacyTag);
        Assert.Equal(requests, client.RequestCount);
    }

    [Fact]
    public async Task Debian_docker_registry_serves_all_three_as_ghcr_does()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        var fixture = PmgFixture.Create();
        using (var http = registry.CreatePushClient())
        {
            await RegistryPusher.PushAsync(http, registry.BaseAddress, fixture, null, Ct);
        }
        using var client = new RegistryClient(new RegistryClientOptions { InsecureHosts = [registry.Host] });
        PmgAssertions.HasAllThree(fixture, await Discover(client, registry.Host, fixture), ArtifactSource.ReferrersTag, ArtifactSource.LegacyTag);
    }

    [Fact]
    public async Task The_real_cosign_save_layout_yields_its_slsa_provenance_from_the_payload()
    {
        var expected = File.ReadAllText(Path.Combine(Path.GetDirectoryName(CosignSaveLayout)!, "container_workflow_dispatch.digest")).Trim();
        var layout = OciImageLayout.Open(CosignSaveLayout);
        foreach (var reference in new[] { expected, "ghcr.io/slsa-framework/example-package@" + expected })
        {
            var result = await new ArtifactDiscoverer().DiscoverAsync(layout, reference, Ct);
            Assert.Equal(expected, result.Digest.ToString());
            Assert.Equal(MediaTypes.OciIndex, result.MediaType);
            Assert.Contains("linux/amd64", result.Platforms.Select(p => p.ToString()));
            var att = Assert.Single(result.Artifacts);
            Assert.Equal(ArtifactSource.Layout, att.Source);
            Assert.Equal(ArtifactFormat.LegacyAttestation, att.Format);
            Assert.Equal("https://slsa.dev/provenance/v0.2", att.PredicateType);
            Assert.Equal("sha256:20b16d5835eceaa7b9dbb7e4fdf4db52a8b9159c1416dd73e54cade07e838917", att.Digest.ToString());
            Assert.NotNull(att.LayerAnnotations?["dev.sigstore.cosign/bundle"]);
        }
    }

    private static Task<DiscoveryResult> Discover(RegistryClient client, string host, PmgFixture fixture)
    {
        var reference = ImageReference.Parse($"{host}/{fixture.Repository}:{fixture.Tag}");
        return new ArtifactDiscoverer().DiscoverAsync(client.OpenRepository(reference), reference.ManifestReference, Ct);
    }
}
