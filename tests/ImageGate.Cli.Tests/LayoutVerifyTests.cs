using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Pmg;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests;

/// <summary>`imagegate verify --preset pmg-exporter` on a pmg-shaped release written as an OCI image layout.</summary>
public sealed class LayoutVerifyTests : ReleaseSourceTests
{
    private static readonly LayoutSource Layout = new();

    protected override FixtureSource Source => Layout;

    [Fact]
    public async Task The_sbom_command_prints_exactly_the_signed_predicate()
    {
        using var fixture = PmgSignedFixture.Create();
        using var workspace = new Workspace(fixture.TrustedRootJson());
        fixture.WriteLayout(workspace.Layout);
        var (exit, stdout, stderr) = await CliRunner.RunAsync("sbom", fixture.IndexDigest, "--layout", workspace.Layout,
            "--preset", "pmg-exporter", "--trusted-root", workspace.TrustedRoot);
        Assert.True(exit == 0, stderr);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(fixture.SbomPredicate), stdout);
    }

    [Fact]
    public async Task A_tag_without_allow_tag_is_a_usage_error_and_with_it_verifies()
    {
        using var fixture = PmgSignedFixture.Create(new PmgFixtureOptions { SbomBytes = BrokenCases.SmallSbom });
        using var workspace = new Workspace(fixture.TrustedRootJson());
        var published = await Source.PublishAsync(fixture, workspace, "tag", TestContext.Current.CancellationToken);
        workspace.PlantStaleMarker(fixture.IndexDigest);

        var (exit, _, stderr) = await Scenarios.VerifyAsync(published, fixture.Tag, workspace);
        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        Assert.Contains("error: usage:", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Marker));

        (exit, _, stderr) = await Scenarios.VerifyAsync(published, fixture.Tag, workspace, "--allow-tag");
        Assert.True(exit == 0, stderr);
        Scenarios.AssertMarkerNames(workspace.Marker, fixture.IndexDigest);
    }

    [Fact]
    public async Task Without_a_marker_check_and_exec_refuse()
    {
        using var workspace = new Workspace([]);
        var digest = "sha256:" + new string('a', 64);
        var check = await CliRunner.RunAsync("check", "--marker", workspace.Marker, "--digest", digest);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("marker.invalid", check.Stderr, StringComparison.Ordinal);
        var gate = await CliRunner.RunAsync("exec", "--marker", workspace.Marker, "--digest", digest, "--", "/bin/echo", "ok");
        Assert.Equal(1, gate.ExitCode);
        Assert.DoesNotContain("ok", gate.Stdout, StringComparison.Ordinal);
    }
}
