using System.Text.Json;
using ImageGate.Cli.Tests.Telemetry;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.Pod;

/// <summary>
/// `verify --from-pod-spec CONTAINER` (docs/pod-check.md §2): the image verified is the one the own Pod's spec names
/// for that container, read after the policy and trust root are valid; a tag alone is refused unless --allow-tag.
/// Real material: slsa-framework's example-package `cosign save` layout, named in the pod by repository and digest.
/// </summary>
public sealed class FromPodSpecCliTests : IAsyncLifetime
{
    private const string Repository = "ghcr.io/slsa-framework/example-package";

    private FakeKubernetesApi _api = null!;

    public async ValueTask InitializeAsync() => _api = await FakeKubernetesApi.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    private Task<(int ExitCode, string Stdout, string Stderr)> Verify(params string[] extra) =>
        CliRunner.RunWithEnvironmentAsync(_api.Environment(), ["verify", "--layout", SaveLayoutRun.Layout, "--type", "slsaprovenance",
            "--certificate-identity", SaveLayoutRun.GeneratorIdentity, "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com", .. extra]);

    private static string Reason(string stderr) => stderr.TrimEnd().Split('\n')[^1];

    [Fact]
    public async Task The_image_the_pod_spec_names_is_the_one_verified()
    {
        _api.Pod = PodJson.PmgExporter(SaveLayoutRun.Digest, specImage: $"{Repository}@{SaveLayoutRun.Digest}");
        var (exit, stdout, stderr) = await Verify("--from-pod-spec", "pmg-exporter");
        Assert.True(exit == 0, stderr);
        Assert.NotEmpty(stdout);
        var resolved = stderr.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("event").GetString() == "imagegate.image.resolved");
        Assert.Equal($"{Repository}@{SaveLayoutRun.Digest}", resolved.GetProperty("image").GetString());
        Assert.Equal(1, _api.Requests);
    }

    [Fact]
    public async Task A_tag_in_the_pod_spec_is_refused_without_allow_tag()
    {
        _api.Pod = PodJson.PmgExporter(SaveLayoutRun.Digest, specImage: Repository + ":v2.0.0");
        var (exit, _, stderr) = await Verify("--from-pod-spec", "pmg-exporter");
        Assert.True(exit == 2, stderr);
        Assert.StartsWith($"error: usage: \"{Repository}:v2.0.0\" is not pinned by digest", Reason(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_container_the_spec_lacks_is_refused()
    {
        var (exit, stdout, stderr) = await Verify("--from-pod-spec", "exporter");
        Assert.True(exit == 1, stderr);
        Assert.Empty(stdout);
        Assert.StartsWith("error: pod.container-missing: expected a container \"exporter\" in the pod's spec (not an init container)", Reason(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_argument_and_the_pod_spec_together_or_neither_are_exit_2()
    {
        var both = await Verify(SaveLayoutRun.Digest, "--from-pod-spec", "pmg-exporter");
        Assert.True(both.ExitCode == 2, both.Stderr);
        Assert.Contains("IMAGE and --from-pod-spec both name the image", Reason(both.Stderr), StringComparison.Ordinal);
        var neither = await CliRunner.RunAsync("verify", "--layout", SaveLayoutRun.Layout, "--preset", "pmg-exporter");
        Assert.True(neither.ExitCode == 2, neither.Stderr);
        Assert.Contains("IMAGE is required (or --from-pod-spec CONTAINER)", Reason(neither.Stderr), StringComparison.Ordinal);
        Assert.Equal(0, _api.Requests);
    }

    [Fact]
    public async Task The_pod_is_read_only_after_the_policy_is_valid()
    {
        var (exit, _, stderr) = await Verify("--from-pod-spec", "pmg-exporter", "--certificate-identity-regexp", "(unclosed");
        Assert.True(exit == 2, stderr);
        Assert.Equal(0, _api.Requests);
    }
}
