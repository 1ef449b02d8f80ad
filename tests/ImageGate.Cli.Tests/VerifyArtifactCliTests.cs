using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests;

/// <summary>
/// `imagegate verify-artifact` as a process, on the real generic-generator v2.1.0 provenance (tests/fixtures/
/// slsa-generic-artifact) with the embedded production root: the verdict on stderr as slsa-verifier prints it, the
/// verified statement alone on stdout with --print-provenance, and exit 0, 1 or 2 (docs/provenance.md §5).
/// </summary>
public sealed class VerifyArtifactCliTests
{
    private const string Source = "github.com/slsa-framework/example-package";

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "slsa-generic-artifact", name);

    private static string Artifact => Fixture("binary-linux-amd64");

    private static string Push => Fixture("binary-linux-amd64-push-v14.2.intoto.jsonl");

    private static string Dispatch => Fixture("binary-linux-amd64-workflow_dispatch.intoto.jsonl");

    private static Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] args) => CliRunner.RunAsync(["verify-artifact", .. args]);

    [Fact]
    public async Task Real_provenance_passes_and_says_so_on_stderr()
    {
        var (exit, stdout, stderr) = await Run(Artifact, "--provenance-path", Push, "--source-uri", Source, "--source-versioned-tag", "v14");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("PASSED: Verified SLSA provenance", stderr, StringComparison.Ordinal);
        Assert.Contains("generator_generic_slsa3.yml@refs/tags/v2.1.0", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);

        (exit, _, stderr) = await Run(Artifact, "--provenance-path", Dispatch, "--source-uri", Source, "--source-branch", "main");
        Assert.True(exit == 0, stderr);
        Assert.Contains("PASSED: Verified SLSA provenance", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_provenance_writes_only_the_verified_statement_to_stdout()
    {
        var (exit, stdout, stderr) = await Run(Artifact, "--provenance-path", Push, "--source-uri", Source, "--print-provenance");
        Assert.True(exit == 0, stderr);
        using var statement = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal("https://slsa.dev/provenance/v0.2", statement.RootElement.GetProperty("predicateType").GetString());
    }

    [Theory]
    [InlineData("--source-versioned-tag", "v14.1", "provenance.versioned-tag-mismatch")]
    [InlineData("--source-versioned-tag", "v15", "provenance.versioned-tag-mismatch")]
    [InlineData("--source-tag", "v14", "provenance.tag-mismatch")]
    [InlineData("--source-branch", "master", "provenance.branch-mismatch")]
    [InlineData("--builder-id", "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_go_slsa3.yml", "provenance.builder-mismatch")]
    public async Task A_rule_the_provenance_does_not_meet_is_exit_1_with_its_reason(string flag, string value, string code)
    {
        var (exit, stdout, stderr) = await Run(Artifact, "--provenance-path", Push, "--source-uri", Source, flag, value);
        Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains($"error: {code}: ", stderr, StringComparison.Ordinal);
        Assert.Contains("FAILED: SLSA verification failed", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSED", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_source_or_a_changed_artifact_is_exit_1()
    {
        var (exit, _, stderr) = await Run(Artifact, "--provenance-path", Dispatch, "--source-uri", "github.com/slsa-framework/example-packag");
        Assert.True(exit == 1, stderr);
        Assert.Contains("error: provenance.source-mismatch: ", stderr, StringComparison.Ordinal);

        var changed = Path.Combine(Directory.CreateTempSubdirectory("imagegate-artifact-").FullName, "binary-linux-amd64");
        var bytes = File.ReadAllBytes(Artifact);
        bytes[100] ^= 0x01;
        File.WriteAllBytes(changed, bytes);
        try
        {
            (exit, _, stderr) = await Run(changed, "--provenance-path", Push, "--source-uri", Source);
            Assert.True(exit == 1, stderr);
            Assert.Contains("error: provenance.artifact-hash-mismatch: ", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(changed)!, recursive: true);
        }
    }

    [Theory]
    [InlineData("--source-tag", "v14.2", "--source-versioned-tag", "v14")]
    [InlineData("--source-versioned-tag", "14", null, null)]
    [InlineData("--source-versioned-tag", "v14.2+build", null, null)]
    [InlineData("--source-branch", "", null, null)]
    [InlineData("--builder-id", "", null, null)]
    [InlineData("--builder-id", "https://github.com/a/b/.github/workflows/x.yml@", null, null)]
    [InlineData("--builder-id", "https://github.com/a/b/.github/workflows/x.yml@v1@v2", null, null)]
    [InlineData("--no-such-flag", "x", null, null)]
    public async Task Contradictory_empty_or_unknown_options_are_exit_2(string flag, string value, string? flag2, string? value2)
    {
        string[] extra = flag2 is null ? [flag, value] : [flag, value, flag2, value2!];
        var (exit, stdout, stderr) = await Run([Artifact, "--provenance-path", Push, "--source-uri", Source, .. extra]);
        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("error: usage: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_required_options_are_exit_2()
    {
        var (exit, _, stderr) = await Run(Artifact, "--provenance-path", Push);
        Assert.True(exit == 2, stderr);
        (exit, _, stderr) = await Run(Artifact, "--source-uri", Source);
        Assert.True(exit == 2, stderr);
        (exit, _, stderr) = await Run("--provenance-path", Push, "--source-uri", Source);
        Assert.True(exit == 2, stderr);
        (exit, _, stderr) = await Run(Artifact, "--provenance-path", Push, "--source-uri", "");
        Assert.True(exit == 2, stderr);
    }
}
