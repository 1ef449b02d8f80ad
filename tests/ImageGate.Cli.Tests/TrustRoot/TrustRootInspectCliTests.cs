using System.Text.Json;
using ImageGate.Cli.Commands;
using ImageGate.Cli.Tuf;
using ImageGate.Testing.Processes;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Cli.Tests.TrustRoot;

/// <summary>
/// <c>imagegate trust-root inspect</c> (docs/trust-root.md §1): the digest and every entry's window and state, as text
/// and JSON, exit 0 whenever the file parses; 2 when it does not; and with <c>--tuf-metadata</c> the TUF check.
/// </summary>
public sealed class TrustRootInspectCliTests
{
    private const string ProductionDigest = "sha256:6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66";

    /// <summary>The command in this process, with a clock.</summary>
    private static (int Exit, string Stdout) Inspect(string? path, bool json, DateTimeOffset at, TufArguments? tuf = null)
    {
        using var stdout = new StringWriter();
        int exit = TrustRootInspectCommand.Run(path, json, tuf, new VirtualClock(at), stdout, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString());
    }

    [Fact]
    public async Task The_embedded_root_is_inspected_with_its_expired_entries_flagged()
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync("trust-root", "inspect");
        Assert.True(exit == 0, stderr);
        Assert.Contains("trust root: embedded production root", stdout, StringComparison.Ordinal);
        Assert.Contains("digest:     " + ProductionDigest, stdout, StringComparison.Ordinal);
        Assert.Contains("valid from 2021-03-07T03:20:29Z .. 2022-12-31T23:59:59.999Z: expired", stdout, StringComparison.Ordinal);
        Assert.Contains("https://ctfe.sigstore.dev/test (PKIX_ECDSA_P256_SHA_256, log id 086092f02852ff68", stdout, StringComparison.Ordinal);
        Assert.Contains("2 expired, 0 expiring within 30 days, 0 not yet valid, 0 unusable", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_lists_every_entry_with_its_window_and_state()
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync("trust-root", "inspect", TufFixture.StagingRoot, "--output", "json");
        Assert.True(exit == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var root = report.RootElement;
        Assert.Equal(TufFixture.StagingRoot, root.GetProperty("source").GetString());
        Assert.StartsWith("sha256:", root.GetProperty("sha256").GetString(), StringComparison.Ordinal);
        Assert.Equal(30, root.GetProperty("expiringWithinDays").GetInt32());
        Assert.Equal((1, 4, 4, 1), (root.GetProperty("certificateAuthorities").GetArrayLength(), root.GetProperty("transparencyLogs").GetArrayLength(),
            root.GetProperty("ctLogs").GetArrayLength(), root.GetProperty("timestampAuthorities").GetArrayLength()));
        var rsa = root.GetProperty("ctLogs")[0];
        Assert.Equal("https://ctfe.sigstage.dev/test", rsa.GetProperty("baseUrl").GetString());
        Assert.Equal("PKCS1_RSA_PKCS1V5", rsa.GetProperty("keyDetails").GetString());
        Assert.Equal("2021-03-14T00:00:00Z", rsa.GetProperty("validFor").GetProperty("start").GetString());
        Assert.Equal("2022-07-31T00:00:00Z", rsa.GetProperty("validFor").GetProperty("end").GetString());
        Assert.Equal("expired", rsa.GetProperty("state").GetString());
        Assert.Contains("not supported here", rsa.GetProperty("unusable").GetString(), StringComparison.Ordinal);
        var ca = root.GetProperty("certificateAuthorities")[0];
        Assert.Equal("https://fulcio.sigstage.dev", ca.GetProperty("uri").GetString());
        Assert.Equal(2, ca.GetProperty("certificates").GetInt32());
        Assert.Equal(JsonValueKind.Null, ca.GetProperty("validFor").GetProperty("end").ValueKind);
        Assert.Equal(JsonValueKind.Null, ca.GetProperty("unusable").ValueKind);
        var summary = root.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("unusable").GetInt32());
        Assert.Equal(4, summary.GetProperty("expired").GetInt32());
        Assert.False(root.TryGetProperty("tuf", out _));
    }

    [Fact]
    public async Task A_directory_means_its_trusted_root_json()
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync("trust-root", "inspect", TufFixture.Source);
        Assert.True(exit == 0, stderr);
        Assert.Contains(ProductionDigest, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_ending_within_30_days_is_flagged_expiring()
    {
        // ctfe.sigstore.dev/test's window ends 2022-10-31T23:59:59.999Z.
        var (exit, stdout) = Inspect(null, json: false, new DateTimeOffset(2022, 10, 15, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, exit);
        Assert.Contains("2022-10-31T23:59:59.999Z: expiring", stdout, StringComparison.Ordinal);
        Assert.Contains("0 expired, 1 expiring within 30 days, 3 not yet valid, 0 unusable", stdout, StringComparison.Ordinal);
        var (_, json) = Inspect(null, json: true, new DateTimeOffset(2022, 10, 15, 0, 0, 0, TimeSpan.Zero));
        using var report = JsonDocument.Parse(json);
        Assert.Equal("expiring", report.RootElement.GetProperty("ctLogs")[0].GetProperty("state").GetString());
        Assert.Equal("2022-10-15T00:00:00Z", report.RootElement.GetProperty("checkedAt").GetString());
    }

    [Fact]
    public async Task A_file_that_does_not_parse_is_exit_2_with_its_reason()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("imagegate-inspect-").FullName, "trusted_root.json");
        await File.WriteAllTextAsync(file, "{\"mediaType\": \"application/json\"}", TestContext.Current.CancellationToken);
        var (exit, stdout, stderr) = await CliRunner.RunAsync("trust-root", "inspect", file, "--output", "json");
        Assert.True(exit == 2, stderr);
        Assert.Contains("error: trustroot.malformed: trusted root: unsupported mediaType", stderr, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(stdout);
        Assert.Equal("trustroot.malformed", report.RootElement.GetProperty("error").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_unknown_option_is_exit_2()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("trust-root", "inspect", "--expiring-days", "10");
        Assert.True(exit == 2, stderr);
        Assert.Contains("error: usage:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_genuine_metadata_passes_and_its_expiry_is_a_warning()
    {
        using var fixture = new TufFixture();
        var (exit, stdout, stderr) = await CliRunner.RunAsync("trust-root", "inspect", fixture.TrustedRoot, "--tuf-metadata", fixture.Metadata, "--log-format", "text");
        Assert.True(exit == 0, stderr);
        Assert.Contains("tuf: the published trusted_root.json (root v15 from pinned v7, timestamp v762, snapshot v165, targets v14)", stdout, StringComparison.Ordinal);
        Assert.Contains("warning: tuf: timestamp.json (timestamp v762) expired at 2026-08-28T19:25:56Z", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fresh_metadata_required_refuses_the_expired_set()
    {
        using var fixture = new TufFixture();
        var (exit, stdout, stderr) = await CliRunner.RunAsync("trust-root", "inspect", fixture.TrustedRoot, "--tuf-metadata", fixture.Metadata, "--tuf-require-fresh", "-o", "json");
        Assert.True(exit == 2, stderr);
        Assert.Contains("error: tuf.expired: expected unexpired TUF metadata (--tuf-require-fresh)", stderr, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(stdout);
        var tuf = report.RootElement.GetProperty("tuf");
        Assert.False(tuf.GetProperty("verified").GetBoolean());
        Assert.Equal("tuf.expired", tuf.GetProperty("error").GetProperty("reason").GetString());
    }

    [Fact]
    public void With_a_clock_where_the_metadata_is_fresh_nothing_is_warned()
    {
        using var fixture = new TufFixture();
        // Fresh metadata required: an expired file would be exit 2.
        var (exit, stdout) = Inspect(fixture.TrustedRoot, json: true, TufFixture.Fresh, new TufArguments(fixture.Metadata, requireFresh: true));
        Assert.True(exit == 0, stdout);
        using var report = JsonDocument.Parse(stdout);
        var tuf = report.RootElement.GetProperty("tuf");
        Assert.True(tuf.GetProperty("verified").GetBoolean());
        Assert.Equal((7, 15, 762, 165, 14), (tuf.GetProperty("pinnedRootVersion").GetInt32(), tuf.GetProperty("rootVersion").GetInt32(),
            tuf.GetProperty("timestampVersion").GetInt32(), tuf.GetProperty("snapshotVersion").GetInt32(), tuf.GetProperty("targetsVersion").GetInt32()));
        Assert.Equal(0, tuf.GetProperty("expired").GetArrayLength());
    }

    [Fact]
    public async Task A_trusted_root_with_one_byte_changed_is_exit_1()
    {
        using var fixture = new TufFixture();
        var bytes = await File.ReadAllBytesAsync(fixture.TrustedRoot, TestContext.Current.CancellationToken);
        bytes[Array.IndexOf(bytes, (byte)'Z')] = (byte)'Y';
        await File.WriteAllBytesAsync(fixture.TrustedRoot, bytes, TestContext.Current.CancellationToken);
        var (exit, stdout, stderr) = await CliRunner.RunAsync("trust-root", "inspect", fixture.TrustedRoot, "--tuf-metadata", fixture.Metadata);
        Assert.True(exit == 1, stderr);
        Assert.Contains("error: tuf.target-mismatch: expected the trust root to be the trusted_root.json that 14.targets.json (targets v14) lists", stderr, StringComparison.Ordinal);
        Assert.Contains("tuf: FAILED tuf.target-mismatch", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_root_is_the_one_the_metadata_publishes()
    {
        using var fixture = new TufFixture();
        var (exit, _, stderr) = await CliRunner.RunAsync("trust-root", "inspect", "--tuf-metadata", fixture.Metadata);
        Assert.True(exit == 0, stderr);
    }

    [Fact]
    public async Task A_missing_metadata_directory_is_exit_2()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("trust-root", "inspect", "--tuf-metadata", "/nonexistent/tuf");
        Assert.True(exit == 2, stderr);
        Assert.Contains("error: tuf.missing: expected --tuf-metadata /nonexistent/tuf to be a directory", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fresh_metadata_required_without_metadata_is_a_usage_error()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("trust-root", "inspect", "--tuf-require-fresh");
        Assert.True(exit == 2, stderr);
        Assert.Contains("--tuf-require-fresh needs --tuf-metadata DIR", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_pinned_root_is_root_v7_of_sigstore_root_signing()
    {
        Assert.Equal(File.ReadAllBytes(Path.Combine(TufFixture.Source, "pinned", "7.root.json")), TufCheck.PinnedRoot());
    }
}
