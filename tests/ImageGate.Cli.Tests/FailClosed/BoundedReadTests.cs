using System.Diagnostics;
using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.FailClosed;

/// <summary>
/// Every input file is checked before it is read: a FIFO, a device or a file over its cap is exit 2 at once, never
/// read into memory or waited on (issue 9, item 5). Oversized files are sparse, so the test writes nothing to disk.
/// </summary>
public sealed class BoundedReadTests : IDisposable
{
    private const string Issuer = "https://token.actions.githubusercontent.com";
    private static readonly string Digest = "sha256:" + new string('a', 64);
    private readonly Workspace _workspace = new([]);

    public void Dispose() => _workspace.Dispose();

    private string Fifo()
    {
        var path = Path.Combine(_workspace.Directory, $"fifo-{Guid.NewGuid():N}");
        using var mkfifo = Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private string Sparse(long length)
    {
        var path = Path.Combine(_workspace.Directory, $"sparse-{Guid.NewGuid():N}.json");
        using var stream = File.Create(path);
        stream.SetLength(length);
        return path;
    }

    private static string[] VerifyBundle(string bundle, string? trustedRoot = null) =>
        ["verify-bundle", "--bundle", bundle, "--certificate-identity", "x", "--certificate-oidc-issuer", Issuer,
         .. trustedRoot is null ? Array.Empty<string>() : ["--trusted-root", trustedRoot], Digest];

    private static void AssertUsage((int ExitCode, string Stdout, string Stderr) run, string expected)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_as_the_bundle_is_exit_2() =>
        AssertUsage(await CliRunner.RunAsync(VerifyBundle("/dev/zero")), "expected bundle /dev/zero to be a regular file; found a FIFO, socket or device");

    [Fact]
    public async Task A_FIFO_as_the_bundle_is_exit_2_without_blocking() =>
        AssertUsage(await CliRunner.RunAsync(VerifyBundle(Fifo())), "found a FIFO, socket or device");

    [Fact]
    public async Task A_bundle_over_its_cap_is_refused_before_it_is_read() =>
        AssertUsage(await CliRunner.RunAsync(VerifyBundle(Sparse(600L * 1024 * 1024))), "to be at most 67108864 bytes; it is 629145600");

    [Fact]
    public async Task A_device_as_the_trust_root_is_exit_2() =>
        AssertUsage(await CliRunner.RunAsync(VerifyBundle(Sparse(10), "/dev/zero")), "expected trust root /dev/zero to be a regular file");

    [Fact]
    public async Task A_trust_root_over_its_cap_is_exit_2() =>
        AssertUsage(await CliRunner.RunAsync(VerifyBundle(Sparse(10), Sparse(17L * 1024 * 1024))), "to be at most 16777216 bytes");

    [Fact]
    public async Task A_missing_trust_root_in_a_mounted_directory_is_exit_3()
    {
        var run = await CliRunner.RunAsync(VerifyBundle(Sparse(10), _workspace.Directory + "/run"));
        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains("no such file", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_FIFO_as_the_policy_is_exit_2() =>
        AssertUsage(await CliRunner.RunAsync("verify", $"example.invalid/pmg-exporter@{Digest}", "--policy", Fifo()), "found a FIFO, socket or device");

    [Theory]
    [InlineData("--registry-config", "expected registry config")]
    [InlineData("--registry-ca", "expected registry CA file")]
    public async Task A_FIFO_as_a_registry_file_is_exit_2(string option, string expected) =>
        AssertUsage(await CliRunner.RunAsync("inspect", $"127.0.0.1:5999/pmg-exporter@{Digest}", option, Fifo()), expected);

    [Fact]
    public async Task A_device_as_the_key_is_exit_2() =>
        AssertUsage(await CliRunner.RunAsync("verify", $"example.invalid/pmg-exporter@{Digest}", "--key", "/dev/zero"), "expected --key /dev/zero to be a regular file");

    [Fact]
    public async Task A_device_as_the_statement_of_policy_eval_is_exit_2()
    {
        var cue = Path.Combine(_workspace.Directory, "p.cue");
        await File.WriteAllTextAsync(cue, "predicateType: string\n", TestContext.Current.CancellationToken);
        AssertUsage(await CliRunner.RunAsync("policy", "eval", "--cue", cue, "--input", "/dev/zero"), "expected statement /dev/zero to be a regular file");
    }
}
