using System.Net;
using System.Net.Sockets;
using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.FailClosed;

/// <summary>
/// Configuration that would drop a constraint is exit 2 before any I/O, from a flag, an IMAGEGATE_* variable or a
/// policy file alike (issue 9, item 2); the stale marker is gone even then. The registry named is a closed loopback
/// port: a run that got past configuration would report source.unavailable instead.
/// </summary>
public sealed class ConfigurationErrorTests : IDisposable
{
    private const string Issuer = "https://token.actions.githubusercontent.com";
    private static readonly string Digest = "sha256:" + new string('a', 64);
    private readonly Workspace _workspace = new([]);
    private readonly int _port = ClosedPort();

    public ConfigurationErrorTests() => _workspace.PlantStaleMarker(Digest);

    public void Dispose() => _workspace.Dispose();

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private string[] Verify(params string[] extra) =>
        ["verify", $"127.0.0.1:{_port}/natrontech/pmg-exporter@{Digest}", "--insecure-registry", $"127.0.0.1:{_port}",
         "--marker", _workspace.Marker, .. extra.Contains("--timeout") ? extra : [.. extra, "--timeout", "5"]];

    private void AssertRefusedBeforeIo((int ExitCode, string Stdout, string Stderr) run, string expected)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("source.unavailable", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.Marker), "the stale marker must be removed before any error");
    }

    [Theory]
    [InlineData("--certificate-identity-regexp", "", "--certificate-oidc-issuer", Issuer)]
    [InlineData("--certificate-identity-regexp", " ", "--certificate-oidc-issuer", Issuer)]
    [InlineData("--certificate-identity", "", "--certificate-oidc-issuer", Issuer)]
    [InlineData("--certificate-identity", "https://github.com/x", "--certificate-oidc-issuer-regexp", "")]
    public async Task A_blank_identity_flag_is_exit_2(string sanFlag, string san, string issuerFlag, string issuer)
    {
        var run = await CliRunner.RunAsync(Verify(sanFlag, san, issuerFlag, issuer));
        AssertRefusedBeforeIo(run, "was given an empty value");
    }

    [Theory]
    [InlineData("IMAGEGATE_CERTIFICATE_IDENTITY_REGEXP")]
    [InlineData("IMAGEGATE_CERTIFICATE_IDENTITY")]
    [InlineData("IMAGEGATE_CERTIFICATE_OIDC_ISSUER")]
    [InlineData("IMAGEGATE_PRESET")]
    public async Task A_set_but_empty_variable_is_exit_2(string variable)
    {
        var run = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string> { [variable] = "" },
            Verify("--certificate-identity-regexp", "^https://github.com/natrontech/", "--certificate-oidc-issuer", Issuer));
        AssertRefusedBeforeIo(run, $"{variable} is set but empty");
    }

    [Fact]
    public async Task An_unknown_IMAGEGATE_variable_is_exit_2()
    {
        // A misspelt IMAGEGATE_DIGEST would otherwise be ignored in silence.
        var run = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string> { ["IMAGEGATE_DIGST"] = Digest }, Verify("--preset", "pmg-exporter"));
        AssertRefusedBeforeIo(run, "IMAGEGATE_DIGST is not a setting of imagegate");
    }

    [Theory]
    [InlineData("subjectRegExp: ''", "regexp is empty")]
    [InlineData("subjectRegExp: '   '", "regexp is empty")]
    [InlineData("subject: ''", "is empty; an empty value names no signer")]
    [InlineData("subjectRegExp: '^https://github.com/'\n      subject: https://github.com/x", "give exactly one")]
    public async Task A_blank_or_contradictory_identity_in_a_policy_file_is_exit_2(string subjectLines, string expected)
    {
        var policy = Path.Combine(_workspace.Directory, "policy.yaml");
        await File.WriteAllTextAsync(policy, $"""
            apiVersion: imagegate.dev/v1
            kind: ImagePolicy
            name: blank
            signature:
              identities:
                - issuer: {Issuer}
                  {subjectLines}
            """, TestContext.Current.CancellationToken);
        var run = await CliRunner.RunAsync(Verify("--policy", policy));
        AssertRefusedBeforeIo(run, expected);
    }

    [Fact]
    public async Task A_blank_extension_value_in_a_policy_file_is_exit_2()
    {
        var policy = Path.Combine(_workspace.Directory, "policy.yaml");
        await File.WriteAllTextAsync(policy, $"""
            apiVersion: imagegate.dev/v1
            kind: ImagePolicy
            name: blank-extension
            signature:
              identities:
                - issuer: {Issuer}
                  subjectRegExp: '^https://github.com/natrontech/'
                  extensions:
                    sourceRepositoryRef: ''
            """, TestContext.Current.CancellationToken);
        var run = await CliRunner.RunAsync(Verify("--policy", policy));
        AssertRefusedBeforeIo(run, "is empty; give the exact value");
    }

    [Fact]
    public async Task A_policy_nested_a_hundred_thousand_levels_deep_is_exit_2_not_a_crash()
    {
        var policy = Path.Combine(_workspace.Directory, "deep.json");
        var deep = new string('[', 100_000) + new string(']', 100_000);
        await File.WriteAllTextAsync(policy, $$"""{"apiVersion":"imagegate.dev/v1","kind":"ImagePolicy","name":"deep","signature":{{deep}}}""", TestContext.Current.CancellationToken);
        var run = await CliRunner.RunAsync(Verify("--policy", policy));
        AssertRefusedBeforeIo(run, "nested deeper than 32 levels");
    }

    [Fact]
    public async Task A_tlog_threshold_the_trust_root_cannot_meet_is_exit_2_before_any_io()
    {
        // The embedded production root holds two transparency logs.
        var policy = Path.Combine(_workspace.Directory, "policy.yaml");
        await File.WriteAllTextAsync(policy, $"""
            apiVersion: imagegate.dev/v1
            kind: ImagePolicy
            name: three-logs
            signature:
              identities:
                - issuer: {Issuer}
                  subjectRegExp: '^https://github.com/natrontech/'
            thresholds:
              tlog: 3
            """, TestContext.Current.CancellationToken);
        var run = await CliRunner.RunAsync(Verify("--policy", policy));
        AssertRefusedBeforeIo(run, "trustroot.unmeetable: the tlog threshold is 3, but the trust root holds only 2");
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("inspect")]
    public async Task A_reference_with_port_99999_is_exit_2_not_internal(string command)
    {
        string[] args = command == "verify"
            ? [command, $"127.0.0.1:99999/natrontech/pmg-exporter@{Digest}", "--preset", "pmg-exporter"]
            : [command, $"127.0.0.1:99999/natrontech/pmg-exporter@{Digest}"];
        var run = await CliRunner.RunAsync(args);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains("Expected a registry port from 1 to 65535", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usage_error_still_removes_the_stale_marker()
    {
        var run = await CliRunner.RunAsync(Verify("--no-such-option"));
        AssertRefusedBeforeIo(run, "error: usage:");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2147483647")]
    public async Task A_timeout_out_of_range_is_exit_2(string seconds)
    {
        var run = await CliRunner.RunAsync(Verify("--preset", "pmg-exporter", "--timeout", seconds));
        AssertRefusedBeforeIo(run, "--timeout must be a whole number of seconds");
    }

    [Fact]
    public async Task Sbom_with_a_policy_that_requires_no_SBOM_is_exit_2()
    {
        var run = await CliRunner.RunAsync("sbom", $"127.0.0.1:{_port}/natrontech/pmg-exporter@{Digest}", "--insecure-registry", $"127.0.0.1:{_port}",
            "--certificate-identity-regexp", "^https://github.com/natrontech/", "--certificate-oidc-issuer", Issuer);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains("the policy requires no SBOM attestation", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("source.unavailable", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--certificate-identity-regexp", "^https://github.com/(?=natrontech)", "regex.invalid")]
    [InlineData("--certificate-identity-regexp", "", "was given an empty value")]
    [InlineData("--certificate-identity", " ", "was given an empty value")]
    public async Task Verify_bundle_refuses_a_bad_identity_with_exit_2(string flag, string value, string expected)
    {
        // The bundle path does not exist: a run that got past the identity would report it unreadable (exit 3).
        var run = await CliRunner.RunAsync("verify-bundle", "--bundle", Path.Combine(_workspace.Directory, "absent.json"),
            flag, value, "--certificate-oidc-issuer", Issuer, Digest);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
    }
}
