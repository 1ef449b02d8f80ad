using System.Net;
using System.Net.Sockets;
using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Pmg;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests;

/// <summary>Configuration errors are found before any network access (exit 2); an unreachable source is worth retrying (exit 3).</summary>
public sealed class SourceFailureTests
{
    private static readonly string Digest = "sha256:" + new string('a', 64);

    /// <summary>A loopback port nobody listens on: connection refused.</summary>
    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task An_invalid_policy_exits_2_before_touching_an_unreachable_registry()
    {
        using var workspace = new Workspace([]);
        var policy = Path.Combine(workspace.Directory, "policy.yaml");
        // Lookahead is not RE2: cosign could never run this policy, so it is a configuration error.
        await File.WriteAllTextAsync(policy, """
            apiVersion: imagegate.dev/v1
            kind: ImagePolicy
            name: broken
            signature:
              identities:
                - issuer: https://token.actions.githubusercontent.com
                  subjectRegExp: '^https://github.com/(?=natrontech)'
            """, TestContext.Current.CancellationToken);
        workspace.PlantStaleMarker(Digest);
        int port = ClosedPort();
        var (exit, _, stderr) = await CliRunner.RunAsync("verify", $"127.0.0.1:{port}/natrontech/pmg-exporter@{Digest}",
            "--insecure-registry", $"127.0.0.1:{port}", "--policy", policy, "--marker", workspace.Marker, "--timeout", "5");
        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        Assert.Contains("error: policy.invalid", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("source.unavailable", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_registry_exits_3_and_leaves_no_marker()
    {
        using var fixture = PmgSignedFixture.Create(new PmgFixtureOptions { SbomBytes = BrokenCases.SmallSbom });
        using var workspace = new Workspace(fixture.TrustedRootJson());
        workspace.PlantStaleMarker(fixture.IndexDigest);
        int port = ClosedPort();
        var (exit, _, stderr) = await CliRunner.RunAsync("verify", $"127.0.0.1:{port}/natrontech/pmg-exporter@{fixture.IndexDigest}",
            "--insecure-registry", $"127.0.0.1:{port}", "--preset", "pmg-exporter", "--trusted-root", workspace.TrustedRoot,
            "--marker", workspace.Marker, "--timeout", "3");
        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.Contains("error: source.unavailable", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Marker));
    }
}
