using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ImageGate.Testing.Oci;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.Inspect;

/// <summary>`imagegate inspect` as a separate process: output, exit codes, reason codes.</summary>
public sealed class InspectCliTests
{
    private static string CosignSaveLayout => Path.Combine(AppContext.BaseDirectory, "fixtures", "cosign-save-layout", "slsa-generator-v1.10.0", "container_workflow_dispatch");

    [Fact]
    public async Task Lists_pmg_material_from_docker_registry_as_json_with_request_count()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        var fixture = PmgFixture.Create();
        using (var http = registry.CreatePushClient())
        {
            await RegistryPusher.PushAsync(http, registry.BaseAddress, fixture, null, TestContext.Current.CancellationToken);
        }
        var (exit, stdout, stderr) = await CliRunner.RunAsync("inspect", $"{registry.Host}/{fixture.Repository}:{fixture.Tag}",
            "--insecure-registry", registry.Host, "--output", "json", "--timeout", "30");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(fixture.IndexDigest.ToString(), root.GetProperty("digest").GetString());
        Assert.Equal(10, root.GetProperty("registryRequests").GetInt32());
        Assert.Equal(["linux/amd64", "linux/arm64"], root.GetProperty("platforms").EnumerateArray().Select(p => p.GetString()));
        var artifacts = root.GetProperty("artifacts").EnumerateArray()
            .Select(a => (Source: a.GetProperty("source").GetString(), Predicate: a.GetProperty("predicateType").GetString(), Digest: a.GetProperty("digest").GetString()))
            .ToList();
        Assert.Contains(("referrers-tag", PmgFixture.SignPredicate, fixture.SignatureBundleDigest.ToString()), artifacts);
        Assert.Contains(("referrers-tag", PmgFixture.SbomPredicate, fixture.SbomBundleDigest.ToString()), artifacts);
        Assert.Contains(("legacy-tag", PmgFixture.SlsaPredicate, fixture.ProvenanceLayerDigest.ToString()), artifacts);
        Assert.Equal(3, artifacts.Count);
    }

    [Fact]
    public async Task Lists_the_real_cosign_save_layout()
    {
        var digest = File.ReadAllText(Path.Combine(Path.GetDirectoryName(CosignSaveLayout)!, "container_workflow_dispatch.digest")).Trim();
        var (exit, stdout, stderr) = await CliRunner.RunAsync("inspect", "ghcr.io/slsa-framework/example-package@" + digest, "--layout", CosignSaveLayout, "--output", "json");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var artifact = Assert.Single(doc.RootElement.GetProperty("artifacts").EnumerateArray());
        Assert.Equal("layout", artifact.GetProperty("source").GetString());
        Assert.Equal("https://slsa.dev/provenance/v0.2", artifact.GetProperty("predicateType").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("registryRequests").GetInt32());
    }

    [Fact]
    public async Task Lists_an_oci_layout_in_text()
    {
        var directory = Directory.CreateTempSubdirectory("imagegate-cli-layout-").FullName;
        try
        {
            var fixture = PmgFixture.Create();
            fixture.WriteLayout(directory);
            var (exit, stdout, stderr) = await CliRunner.RunAsync("inspect", fixture.Tag, "--layout", directory);
            Assert.True(exit == 0, stderr);
            Assert.Contains(fixture.IndexDigest.ToString(), stdout, StringComparison.Ordinal);
            Assert.Contains(PmgFixture.SbomPredicate, stdout, StringComparison.Ordinal);
            Assert.Contains(PmgFixture.SlsaPredicate, stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task An_unreachable_registry_exits_3_within_the_timeout()
    {
        // A port nobody listens on (connection refused), and a listener that accepts and never answers.
        int closedPort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var (exit, _, stderr) = await CliRunner.RunAsync("inspect", $"127.0.0.1:{closedPort}/a/b:v1", "--insecure-registry", $"127.0.0.1:{closedPort}", "--timeout", "2");
        Assert.Equal(3, exit);
        Assert.Contains("source.unavailable", stderr, StringComparison.Ordinal);

        using var blackhole = new TcpListener(IPAddress.Loopback, 0);
        blackhole.Start();
        var port = ((IPEndPoint)blackhole.LocalEndpoint).Port;
        (exit, _, stderr) = await CliRunner.RunAsync("inspect", $"127.0.0.1:{port}/a/b:v1", "--insecure-registry", $"127.0.0.1:{port}", "--timeout", "2", "--output", "json");
        Assert.Equal(3, exit);
        Assert.Contains("source.unavailable", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_mismatch_exits_1_with_the_reason_code()
    {
        await using var registry = await FakeRegistry.StartAsync(kestrel: true);
        var fixture = PmgFixture.Create();
        fixture.PushTo(registry);
        registry.AddFault(new Fault($"/blobs/{fixture.SignatureBundleDigest}", FaultKind.WrongContent, Times: 10));
        var (exit, stdout, stderr) = await CliRunner.RunAsync("inspect", $"{registry.Host}/{fixture.Repository}:{fixture.Tag}", "--insecure-registry", registry.Host, "--output", "json");
        Assert.Equal(1, exit);
        Assert.Contains("source.digest-mismatch", stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("source.digest-mismatch", doc.RootElement.GetProperty("error").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_oversized_body_exits_1_with_the_reason_code()
    {
        await using var registry = await FakeRegistry.StartAsync(kestrel: true);
        var fixture = PmgFixture.Create();
        fixture.PushTo(registry);
        registry.AddFault(new Fault($"/manifests/{fixture.Tag}", FaultKind.OversizedBody));
        var (exit, _, stderr) = await CliRunner.RunAsync("inspect", $"{registry.Host}/{fixture.Repository}:{fixture.Tag}", "--insecure-registry", registry.Host);
        Assert.Equal(1, exit);
        Assert.Contains("source.too-large", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_redirect_exits_1_naming_the_location()
    {
        // The blob store is a second plain-HTTP host the user did not declare insecure.
        await using var registry = await FakeRegistry.StartAsync(kestrel: true);
        await using var blobStore = await FakeRegistry.StartAsync(kestrel: true);
        var fixture = PmgFixture.Create();
        fixture.PushTo(registry);
        fixture.PushTo(blobStore);
        registry.AddFault(new Fault("/blobs/", FaultKind.Redirect, Times: 10) { StatusCode = 307, RedirectTo = blobStore.BaseAddress });
        var (exit, _, stderr) = await CliRunner.RunAsync("inspect", $"{registry.Host}/{fixture.Repository}:{fixture.Tag}", "--insecure-registry", registry.Host);
        Assert.Equal(1, exit);
        Assert.Contains("source.redirect-refused", stderr, StringComparison.Ordinal);
        Assert.Contains($"http://{blobStore.Host}/v2/{fixture.Repository}/blobs/", stderr, StringComparison.Ordinal);
        Assert.Empty(blobStore.Requests);
    }
}
