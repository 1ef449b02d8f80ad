using System.Text.Json;
using ImageGate.Cli.Tests.Support;
using ImageGate.Cli.Tests.Telemetry;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.Logging;

/// <summary>
/// stderr as a log (docs/logging.md): JSON lines when it is not a terminal, one object per event with its stable id;
/// human lines on a terminal (a real pseudo-terminal, through util-linux's script); the level filters; the last line
/// is the one-line reason in every format, the same sentence as the verdict event.
/// </summary>
public sealed class StderrLogTests
{
    private static readonly string[] Rejected = SaveLayoutRun.VerifyAttestation(SaveLayoutRun.GeneratorIdentity.Replace("v1.10.0", "v1.9.0", StringComparison.Ordinal));

    private static readonly string[] Verified = SaveLayoutRun.VerifyAttestation(SaveLayoutRun.GeneratorIdentity);

    private static string[] Lines(string stderr) => stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static List<JsonElement> Events(string stderr) =>
        [.. Lines(stderr)[..^1].Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    [Fact]
    public async Task Redirected_stderr_is_json_lines_with_stable_event_ids_and_ends_with_the_reason()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync(Rejected);
        Assert.True(exit == 1, stderr);
        var lines = Lines(stderr);
        Assert.StartsWith("error: identity.san-mismatch: ", lines[^1], StringComparison.Ordinal);
        var events = Events(stderr);
        Assert.All(events, e =>
        {
            Assert.Equal(JsonValueKind.Number, e.GetProperty("eventId").ValueKind);
            Assert.StartsWith("imagegate.", e.GetProperty("event").GetString(), StringComparison.Ordinal);
            Assert.False(e.TryGetProperty("timestamp", out _));
        });
        // Trust root loaded, its two expired entries, the image, the unmet requirement, the verdict.
        Assert.Equal([20, 10, 10, 21, 23, 1], events.Select(e => e.GetProperty("eventId").GetInt32()));
        var verdict = events[^1];
        Assert.Equal("imagegate.verdict", verdict.GetProperty("event").GetString());
        Assert.Equal("error", verdict.GetProperty("level").GetString());
        Assert.Equal("rejected", verdict.GetProperty("outcome").GetString());
        Assert.Equal(1, verdict.GetProperty("exitCode").GetInt32());
        Assert.Equal(SaveLayoutRun.Digest, verdict.GetProperty("digest").GetString());
        // The termination message and the verdict say the same sentence.
        Assert.Equal(lines[^1], $"error: {verdict.GetProperty("reason").GetString()}: {verdict.GetProperty("detail").GetString()}");
        Assert.Contains("refs/tags/v1.10.0", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verified_run_logs_its_trail_and_no_reason_line()
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync(Verified);
        Assert.True(exit == 0, stderr);
        Assert.NotEmpty(stdout);
        // cosign's "Verification for ..." header is output, not an event: it stays as cosign prints it.
        var events = Lines(stderr).Where(l => l.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.Equal(["imagegate.trust_root.loaded", "imagegate.image.resolved", "imagegate.requirement.met", "imagegate.verdict"],
            events.Where(e => e.GetProperty("level").GetString() == "information").Select(e => e.GetProperty("event").GetString()));
        var met = events.Single(e => e.GetProperty("eventId").GetInt32() == 22);
        Assert.Equal(SaveLayoutRun.GeneratorIdentity, met.GetProperty("identity").GetString());
        Assert.Equal("https://token.actions.githubusercontent.com", met.GetProperty("issuer").GetString());
        var root = events.Single(e => e.GetProperty("eventId").GetInt32() == 20);
        Assert.Equal("sha256:6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66", root.GetProperty("digest").GetString());
        Assert.Equal("verified", events[^1].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Text_format_is_human_lines_without_the_verdict_event()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync([.. Rejected, "--log-format", "text"]);
        Assert.True(exit == 1, stderr);
        var lines = Lines(stderr);
        Assert.All(lines, l => Assert.False(l.StartsWith('{'), l));
        Assert.StartsWith("info: trust root embedded production root (sha256:6494e21e", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("warning: requirement ", StringComparison.Ordinal));
        Assert.StartsWith("error: identity.san-mismatch: ", lines[^1], StringComparison.Ordinal);
        Assert.Single(lines, l => l.StartsWith("error: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("information", 6)]
    [InlineData("warning", 4)]
    [InlineData("error", 1)]
    [InlineData("none", 0)]
    public async Task The_level_filters_events_and_never_the_reason_line(string level, int events)
    {
        var (exit, _, stderr) = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string> { ["IMAGEGATE_LOG_LEVEL"] = level }, Rejected);
        Assert.True(exit == 1, stderr);
        var lines = Lines(stderr);
        Assert.Equal(events + 1, lines.Length);
        Assert.StartsWith("error: identity.san-mismatch: ", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_format_comes_from_every_layer_and_a_bad_value_is_exit_2()
    {
        var text = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string> { ["IMAGEGATE_LOG_FORMAT"] = "text" }, Rejected);
        Assert.StartsWith("info: ", text.Stderr, StringComparison.Ordinal);
        // The argument wins over the variable.
        var json = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string> { ["IMAGEGATE_LOG_FORMAT"] = "text" }, [.. Rejected, "--log-format", "json"]);
        Assert.StartsWith("{", json.Stderr, StringComparison.Ordinal);
        foreach (var (variable, value) in new[] { ("IMAGEGATE_LOG_FORMAT", "xml"), ("IMAGEGATE_LOG_FORMAT", ""), ("IMAGEGATE_LOG_LEVEL", "debug") })
        {
            var bad = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string> { [variable] = value }, Rejected);
            Assert.True(bad.ExitCode == 2, $"{variable}={value}: {bad.Stderr}");
            Assert.StartsWith("error: usage: ", Lines(bad.Stderr)[^1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task On_a_terminal_auto_is_human_lines()
    {
        // script(1) gives the process a pseudo-terminal for stdin, stdout and stderr.
        // The arguments hold no quote or space, so single quotes are enough.
        string[] argv = ["dotnet", CliRunner.CliDll, .. Rejected];
        string command = string.Join(' ', argv.Select(a => "'" + a + "'"));
        var (exit, output, _) = await Bash.RunAsync(["-c", "script -qec \"$0\" /dev/null", command], TimeSpan.FromMinutes(1));
        Assert.True(exit == 1, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // The console's own terminal sequences may precede the first line.
        Assert.EndsWith("info: trust root embedded production root (sha256:6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66), not checked against TUF metadata",
            lines.First(l => l.Contains("info: ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("\"eventId\"", output, StringComparison.Ordinal);
        Assert.StartsWith("error: identity.san-mismatch: ", lines.Last(l => l.Contains("error: ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
