using System.Net;
using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Processes;
using ImageGate.Testing.Tls;

namespace ImageGate.Cli.Tests.Pod;

/// <summary>
/// `exec` and `check` with --pod-self-check (docs/pod-check.md §1), the real CLI against a TLS Kubernetes API on
/// loopback serving a realistic Pod: the command starts only when the container's imageID is the marker's digest and
/// its spec pins it; every other answer refuses, and exec never replaces itself.
/// </summary>
public sealed class PodSelfCheckCliTests : IAsyncLifetime
{
    private readonly Workspace _workspace = new([]);
    private FakeKubernetesApi _api = null!;

    public async ValueTask InitializeAsync()
    {
        _workspace.PlantStaleMarker(PodJson.SignedDigest);
        _api = await FakeKubernetesApi.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        _workspace.Dispose();
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Exec(Dictionary<string, string>? environment = null) =>
        CliRunner.RunWithEnvironmentAsync(environment ?? _api.Environment(),
            "exec", "--marker", _workspace.Marker, "--digest", PodJson.SignedDigest, "--pod-self-check", "pmg-exporter", "--", "/bin/echo", "started");

    private Task<(int ExitCode, string Stdout, string Stderr)> Check(Dictionary<string, string>? environment = null) =>
        CliRunner.RunWithEnvironmentAsync(environment ?? _api.Environment(),
            "check", "--marker", _workspace.Marker, "--digest", PodJson.SignedDigest, "--pod-self-check", "pmg-exporter");

    private static string Reason(string stderr) => stderr.TrimEnd().Split('\n')[^1];

    [Fact]
    public async Task The_command_starts_when_the_pulled_digest_is_the_verified_one()
    {
        var (exit, stdout, stderr) = await Exec();
        Assert.True(exit == 0, stderr);
        Assert.Equal("started\n", stdout);
        Assert.Contains("\"event\":\"imagegate.exec\"", stderr, StringComparison.Ordinal);
        Assert.Equal(1, _api.Requests);
        var check = await Check();
        Assert.True(check.ExitCode == 0, check.Stderr);
    }

    [Fact]
    public async Task Another_pulled_digest_is_refused_and_nothing_starts()
    {
        string pulled = "sha256:" + new string('e', 64);
        _api.Pod = PodJson.PmgExporter(PodJson.SignedDigest, imageId: PodJson.Repository + "@" + pulled);
        var (exit, stdout, stderr) = await Exec();
        Assert.True(exit == 1, stderr);
        Assert.Empty(stdout);
        Assert.StartsWith($"error: pod.digest-mismatch: expected container \"pmg-exporter\" to run {PodJson.SignedDigest}, the verified digest; the runtime pulled {pulled}", Reason(stderr), StringComparison.Ordinal);
        Assert.EndsWith("refusing to start /bin/echo", Reason(stderr), StringComparison.Ordinal);
        Assert.Equal(1, (await Check()).ExitCode);
    }

    [Fact]
    public async Task A_missing_container_is_refused()
    {
        var (exit, stdout, stderr) = await CliRunner.RunWithEnvironmentAsync(_api.Environment(),
            "exec", "--marker", _workspace.Marker, "--digest", PodJson.SignedDigest, "--pod-self-check", "exporter", "--", "/bin/echo", "started");
        Assert.True(exit == 1, stderr);
        Assert.Empty(stdout);
        Assert.StartsWith("error: pod.container-missing: expected a container \"exporter\" in the pod's spec; found \"pmg-exporter\", \"imagegate\"", Reason(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_is_refused()
    {
        _api.Status = HttpStatusCode.Forbidden;
        var (exit, stdout, stderr) = await Exec();
        Assert.True(exit == 1, stderr);
        Assert.Empty(stdout);
        Assert.StartsWith($"error: pod.forbidden: expected permission to get pod {FakeKubernetesApi.Namespace}/{FakeKubernetesApi.PodName}", Reason(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_that_names_a_tag_is_refused_even_when_the_pull_matches()
    {
        _api.Pod = PodJson.PmgExporter(PodJson.SignedDigest, specImage: PodJson.Repository + ":v0.2.1");
        var (exit, stdout, stderr) = await Exec();
        Assert.True(exit == 1, stderr);
        Assert.Empty(stdout);
        Assert.StartsWith("error: pod.image-not-pinned: ", Reason(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_image_id_does_not_say_what_was_pulled()
    {
        _api.Pod = PodJson.PmgExporter(PodJson.SignedDigest, imageId: PodJson.SignedDigest);
        var (exit, _, stderr) = await Check();
        Assert.True(exit == 1, stderr);
        Assert.StartsWith("error: pod.image-id-unknown: ", Reason(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_waits_for_the_kubelet_to_post_the_image_id_and_check_does_not()
    {
        _api.StatusLateBy = 2;
        var (exit, stdout, stderr) = await Exec();
        Assert.True(exit == 0, stderr);
        Assert.Equal("started\n", stdout);
        Assert.Equal(3, _api.Requests);
        _api.StatusLateBy = int.MaxValue;
        var check = await Check();
        Assert.True(check.ExitCode == 1, check.Stderr);
        Assert.StartsWith("error: pod.image-id-unknown: expected the kubelet to report container \"pmg-exporter\"'s imageID; it has no status yet", Reason(check.Stderr), StringComparison.Ordinal);
        Assert.Equal(4, _api.Requests);
    }

    [Fact]
    public async Task Another_token_is_unauthorized()
    {
        File.WriteAllText(Path.Combine(_api.ServiceAccountDirectory, "token"), "not-the-token");
        var (exit, _, stderr) = await Check();
        Assert.True(exit == 1, stderr);
        Assert.StartsWith("error: pod.unauthorized: ", Reason(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_server_not_signed_by_the_cluster_ca_is_never_asked()
    {
        await using var impostor = await FakeKubernetesApi.StartAsync(trustedBy: TestCertificates.Create());
        var (exit, _, stderr) = await Check(impostor.Environment());
        Assert.True(exit == 3, stderr);
        Assert.StartsWith("error: pod.api-unavailable: expected to reach the API server", Reason(stderr), StringComparison.Ordinal);
        Assert.Equal(0, impostor.Requests);
    }

    [Fact]
    public async Task An_unreachable_api_is_exit_3()
    {
        var environment = _api.Environment();
        environment["KUBERNETES_SERVICE_PORT"] = "1";
        var (exit, _, stderr) = await Check(environment);
        Assert.True(exit == 3, stderr);
        Assert.StartsWith("error: pod.api-unavailable: ", Reason(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_a_cluster_or_without_a_pod_name_it_is_exit_2()
    {
        var environment = _api.Environment();
        environment.Remove("KUBERNETES_SERVICE_HOST");
        var outside = await Check(environment);
        Assert.True(outside.ExitCode == 2, outside.Stderr);
        Assert.StartsWith("error: pod.not-in-cluster: expected KUBERNETES_SERVICE_HOST", Reason(outside.Stderr), StringComparison.Ordinal);

        environment = _api.Environment();
        environment.Remove("IMAGEGATE_POD_NAME");
        var nameless = await Check(environment);
        Assert.True(nameless.ExitCode == 2, nameless.Stderr);
        Assert.Contains("--pod-self-check needs --pod-name", Reason(nameless.Stderr), StringComparison.Ordinal);

        // A pod setting that nothing reads is refused, not ignored.
        var stray = await CliRunner.RunWithEnvironmentAsync(_api.Environment(), "check", "--marker", _workspace.Marker, "--digest", PodJson.SignedDigest);
        Assert.True(stray.ExitCode == 2, stray.Stderr);
        Assert.Contains("--pod-name is given without --pod-self-check", Reason(stray.Stderr), StringComparison.Ordinal);
        Assert.Equal(0, _api.Requests);
    }
}
