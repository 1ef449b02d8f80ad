using System.Text.Json;
using ImageGate.Testing.Pmg;
using ImageGate.Testing.Processes;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Cli.Tests.Support;

/// <summary>Starts one imagegate process with these arguments: the JIT build by default, or another binary (the
/// arm64 one under qemu).</summary>
public delegate Task<(int ExitCode, string Stdout, string Stderr)> CliRun(string[] args);

/// <summary>
/// The end-to-end scenarios, written once and run from every <see cref="FixtureSource"/>: the happy release with
/// the whole init-container flow (verify, check, exec, SBOM out), and each <see cref="BrokenCase"/>.
/// </summary>
public static class Scenarios
{
    private static readonly CliRun Jit = args => CliRunner.RunAsync(args);

    public static async Task HappyReleaseAsync(FixtureSource source, string name, CliRun? run = null)
    {
        run ??= Jit;
        var cancellationToken = TestContext.Current.CancellationToken;
        using var fixture = PmgSignedFixture.Create();
        using var workspace = new Workspace(fixture.TrustedRootJson());
        var published = await source.PublishAsync(fixture, workspace, name, cancellationToken);
        // A marker for another digest left from an earlier pod: replaced, never trusted.
        workspace.PlantStaleMarker("sha256:" + new string('0', 64));

        var (exit, stdout, stderr) = await run(VerifyArgs(published, published.ImageFor(fixture.IndexDigest), workspace, "--sbom-out", workspace.Sbom));

        Assert.True(exit == 0, $"exit {exit}\nstdout: {stdout}\nstderr: {stderr}");
        Assert.Contains(fixture.IndexDigest, stdout, StringComparison.Ordinal);
        AssertMarkerNames(workspace.Marker, fixture.IndexDigest);
        Assert.Equal(fixture.SbomPredicate, await File.ReadAllBytesAsync(workspace.Sbom, cancellationToken));

        var check = await run(["check", "--marker", workspace.Marker, "--digest", fixture.IndexDigest]);
        Assert.True(check.ExitCode == 0, check.Stderr);
        var gate = await run(["exec", "--marker", workspace.Marker, "--digest", fixture.IndexDigest, "--", "/bin/echo", "ok"]);
        Assert.True(gate.ExitCode == 0, gate.Stderr);
        Assert.Equal("ok\n", gate.Stdout);
    }

    /// <summary>Runs one <see cref="BrokenCase"/>; returns the rejecting run's stderr for callers that check more of it.</summary>
    public static async Task<string> BrokenReleaseAsync(FixtureSource source, string name, CliRun? run = null)
    {
        run ??= Jit;
        var cancellationToken = TestContext.Current.CancellationToken;
        var broken = BrokenCases.Get(name);
        using var fixture = PmgSignedFixture.Create(broken.Options());
        using var other = broken.WrongTrustedRoot ? new VirtualSigstore(new VirtualClock(fixture.Sigstore.Created), "other") : null;
        using var workspace = new Workspace(other?.TrustedRootJson() ?? fixture.TrustedRootJson());
        var published = await source.PublishAsync(fixture, workspace, name, cancellationToken);
        if (broken.CorruptBlob is { } pick)
        {
            published.CorruptBlob(pick(fixture));
        }
        // A marker that `check` would accept for this very digest: the failing run must remove it.
        workspace.PlantStaleMarker(fixture.IndexDigest);

        var image = published.ImageFor(broken.Image?.Invoke(fixture) ?? fixture.IndexDigest);
        var (exit, stdout, stderr) = await run(VerifyArgs(published, image, workspace));

        Assert.True(exit == 1, $"expected exit 1 ({broken.Reason}), got {exit}\nstdout: {stdout}\nstderr: {stderr}");
        Assert.True(stderr.Contains($"error: {broken.Reason}", StringComparison.Ordinal), $"expected reason {broken.Reason}\nstderr: {stderr}");
        Assert.False(File.Exists(workspace.Marker), "no marker may exist after a rejection");
        return stderr;
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> VerifyAsync(PublishedFixture published, string image, Workspace workspace, params string[] extra) =>
        Jit(VerifyArgs(published, image, workspace, extra));

    /// <summary>`imagegate verify` of IMAGE from the published fixture with the pmg-exporter preset, the workspace's
    /// trusted root and marker.</summary>
    public static string[] VerifyArgs(PublishedFixture published, string image, Workspace workspace, params string[] extra) =>
        ["verify", image, .. published.SourceArgs, "--preset", "pmg-exporter",
            "--trusted-root", workspace.TrustedRoot, "--marker", workspace.Marker, .. extra];

    /// <summary>The marker records the digest and what met each of the preset's three requirements.</summary>
    public static void AssertMarkerNames(string marker, string digest)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(marker));
        var root = document.RootElement;
        Assert.Equal(digest, root.GetProperty("digest").GetString());
        var requirements = root.GetProperty("requirements").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("identity").GetString());
        Assert.Equal(PmgNames.ReleaseWorkflowIdentity, requirements["signature"]);
        Assert.Equal(PmgNames.ReleaseWorkflowIdentity, requirements["sbom"]);
        Assert.Equal(PmgNames.SlsaGeneratorIdentity, requirements["provenance"]);
    }
}
