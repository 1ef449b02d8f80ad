using System.Diagnostics;
using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.FailClosed;

/// <summary>
/// `check` and `exec` admit a container only for the digest it runs: the digest is required, and the marker must be
/// a small regular file with the schema's fields naming exactly that digest (issue 9, item 4).
/// </summary>
public sealed class GateTests : IDisposable
{
    private static readonly string Digest = "sha256:" + new string('d', 64);
    private readonly Workspace _workspace = new([]);

    public GateTests() => _workspace.PlantStaleMarker(Digest);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_complete_marker_for_the_digest_passes_check_and_exec()
    {
        var check = await CliRunner.RunAsync("check", "--marker", _workspace.Marker, "--digest", Digest);
        Assert.True(check.ExitCode == 0, check.Stderr);
        var gate = await CliRunner.RunWithEnvironmentAsync(
            new Dictionary<string, string> { ["IMAGEGATE_MARKER"] = _workspace.Marker, ["IMAGEGATE_DIGEST"] = Digest },
            "exec", "--", "/bin/echo", "started");
        Assert.True(gate.ExitCode == 0, gate.Stderr);
        Assert.Equal("started\n", gate.Stdout);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("exec")]
    public async Task Without_a_digest_the_gate_is_a_usage_error(string command)
    {
        var (exit, stdout, stderr) = await RunGateAsync(command, new Dictionary<string, string>(), "--marker", _workspace.Marker);
        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        Assert.Contains("--digest (or IMAGEGATE_DIGEST) is required", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("started", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("exec")]
    public async Task An_empty_IMAGEGATE_DIGEST_is_a_usage_error_not_no_check(string command)
    {
        var (exit, stdout, stderr) = await RunGateAsync(command, new Dictionary<string, string> { ["IMAGEGATE_DIGEST"] = "" }, "--marker", _workspace.Marker);
        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        Assert.Contains("IMAGEGATE_DIGEST is set but empty", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("started", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_digest_flag_is_a_usage_error()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("check", "--marker", _workspace.Marker, "--digest", "");
        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        Assert.Contains("--digest was given an empty value", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("md5:0123456789abcdef0123456789abcdef")]
    [InlineData("dddd")]
    public async Task A_malformed_digest_is_a_usage_error(string digest)
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("check", "--marker", _workspace.Marker, "--digest", digest);
        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        Assert.Contains("--digest must be sha256:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_marker_for_another_digest_is_refused()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("check", "--marker", _workspace.Marker, "--digest", "sha256:" + new string('e', 64));
        Assert.True(exit == 1, stderr);
        Assert.Contains($"is for {Digest}", stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { """{"schemaVersion":1,"digest":"DIGEST"}""", "has no image" },
        { Workspace.MarkerJson("DIGEST").Replace("\"requirements\":[", "\"requirements\":[],\"x\":[", StringComparison.Ordinal), "lists no verified requirements" },
        { Workspace.MarkerJson("DIGEST").Replace("\"policy\":{\"name\":\"pmg-exporter\",", "\"policy\":{", StringComparison.Ordinal), "no policy name" },
        { Workspace.MarkerJson("DIGEST").Replace("\"schemaVersion\":1", "\"schemaVersion\":2", StringComparison.Ordinal), "unsupported schemaVersion" },
        // Two "digest" keys: a reader taking the last would see the expected one, a reader taking the first another.
        { Workspace.MarkerJson("DIGEST").Replace("{\"schemaVersion\":1,", "{\"schemaVersion\":1,\"digest\":\"sha256:" + new string('f', 64) + "\",", StringComparison.Ordinal), "repeats a key" },
        { "[1]", "not a JSON object" },
        { "{", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_marker_without_the_schema_is_refused(string json, string reason)
    {
        await File.WriteAllTextAsync(_workspace.Marker, json.Replace("DIGEST", Digest, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var (exit, _, stderr) = await CliRunner.RunAsync("check", "--marker", _workspace.Marker, "--digest", Digest);
        Assert.True(exit == 1, $"exit {exit}: {stderr}");
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_marker_over_64_KiB_is_refused_before_it_is_read()
    {
        var padded = Workspace.MarkerJson(Digest).Replace("{\"schemaVersion\"", "{\"pad\":\"" + new string('x', 70_000) + "\",\"schemaVersion\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(_workspace.Marker, padded, TestContext.Current.CancellationToken);
        var (exit, _, stderr) = await CliRunner.RunAsync("check", "--marker", _workspace.Marker, "--digest", Digest);
        Assert.True(exit == 1, $"exit {exit}: {stderr}");
        Assert.Contains("to be at most 65536 bytes", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbolic_link_marker_is_refused_even_to_a_valid_marker()
    {
        var target = Path.Combine(_workspace.Directory, "elsewhere.json");
        File.Move(_workspace.Marker, target);
        File.CreateSymbolicLink(_workspace.Marker, target);
        var (exit, _, stderr) = await CliRunner.RunAsync("check", "--marker", _workspace.Marker, "--digest", Digest);
        Assert.True(exit == 1, $"exit {exit}: {stderr}");
        Assert.Contains("found a symbolic link", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_FIFO_marker_is_refused_without_blocking()
    {
        File.Delete(_workspace.Marker);
        using (var mkfifo = Process.Start("mkfifo", _workspace.Marker))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, mkfifo.ExitCode);
        }
        // Opening a FIFO for reading blocks until a writer comes; CliRunner's guard would turn a hang into a failure.
        var (exit, _, stderr) = await CliRunner.RunAsync("check", "--marker", _workspace.Marker, "--digest", Digest);
        Assert.True(exit == 1, $"exit {exit}: {stderr}");
        Assert.Contains("found a FIFO, socket or device", stderr, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunGateAsync(string command, Dictionary<string, string> environment, params string[] args) =>
        CliRunner.RunWithEnvironmentAsync(environment, command == "exec" ? [command, .. args, "--", "/bin/echo", "started"] : [command, .. args]);
}
