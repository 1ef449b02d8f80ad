using System.Text.Json;
using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.FailClosed;

/// <summary>
/// The composition root (src/ImageGate.Cli/Configuration): defaults &lt; --config FILE &lt; IMAGEGATE_* &lt; arguments,
/// one test per layer on one option, the policy options taken from one layer only, and a setting from a file
/// validated exactly as the same argument typed.
/// </summary>
public sealed class SettingsLayerTests : IDisposable
{
    private static string SavedLayout => Path.Combine(AppContext.BaseDirectory, "fixtures", "cosign-save-layout", "slsa-generator-v1.10.0", "container_workflow_dispatch");

    private static string SavedDigest => File.ReadAllText(SavedLayout + ".digest").Trim();

    private readonly string _dir = Directory.CreateTempSubdirectory("imagegate-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Settings(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Inspect(Dictionary<string, string> environment, params string[] extra) =>
        CliRunner.RunWithEnvironmentAsync(environment, ["inspect", SavedDigest, "--layout", SavedLayout, .. extra]);

    private static bool IsJson(string stdout)
    {
        try
        {
            using var _ = JsonDocument.Parse(stdout);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Each_layer_overrides_the_one_below_it()
    {
        // Default: text.
        var (exit, stdout, stderr) = await Inspect([]);
        Assert.True(exit == 0, stderr);
        Assert.False(IsJson(stdout));
        // The file: json.
        var file = Settings("settings.yaml", "output: json\n");
        (exit, stdout, stderr) = await Inspect([], "--config", file);
        Assert.True(exit == 0 && IsJson(stdout), stderr);
        // The environment over the file: text.
        (exit, stdout, stderr) = await Inspect(new() { ["IMAGEGATE_OUTPUT"] = "text" }, "--config", file);
        Assert.True(exit == 0 && !IsJson(stdout), stderr);
        // The argument over the environment: json.
        (exit, stdout, stderr) = await Inspect(new() { ["IMAGEGATE_OUTPUT"] = "text" }, "--config", file, "--output", "json");
        Assert.True(exit == 0 && IsJson(stdout), stderr);
        // IMAGEGATE_CONFIG names the file as --config does.
        (exit, stdout, stderr) = await Inspect(new() { ["IMAGEGATE_CONFIG"] = file });
        Assert.True(exit == 0 && IsJson(stdout), stderr);
    }

    [Fact]
    public async Task A_json_settings_file_with_a_list_sets_a_repeatable_option()
    {
        var file = Settings("settings.json", """{"layout": "LAYOUT", "source-uri": "github.com/slsa-framework/example-package", "insecure-registry": ["a.example", "b.example"]}""".Replace("LAYOUT", SavedLayout, StringComparison.Ordinal));
        var (exit, _, stderr) = await CliRunner.RunAsync("verify-image", SavedDigest, "--config", file);
        Assert.True(exit == 0, stderr);
        Assert.EndsWith("PASSED: Verified SLSA provenance", stderr.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_policy_comes_from_the_highest_layer_that_names_one()
    {
        // Key-signed, never-logged signatures: only the command line's --key (with the opt-out) can pass them.
        var layout = Path.Combine(_dir, "layout");
        var digest = ContainersImageLayout.Write("valid", layout);
        string[] keyed = ["verify", digest, "--layout", layout, "--key", ContainersImageLayout.Fixture("cosign.pub"), "--insecure-ignore-tlog"];
        // IMAGEGATE_PRESET is set, but the command line names the signer: the preset is not also applied.
        var (exit, _, stderr) = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string> { ["IMAGEGATE_PRESET"] = "pmg-exporter" }, keyed);
        Assert.True(exit == 0, stderr);
        // The same preset from a file, the key from the environment: the environment's policy wins whole.
        var file = Settings("policy.yaml", "preset: pmg-exporter\n");
        (exit, _, stderr) = await CliRunner.RunWithEnvironmentAsync(
            new Dictionary<string, string> { ["IMAGEGATE_KEY"] = ContainersImageLayout.Fixture("cosign.pub") },
            "verify", digest, "--layout", layout, "--insecure-ignore-tlog", "--config", file);
        Assert.True(exit == 0, stderr);
        // And with no higher layer the file's preset applies, and rejects this image.
        (exit, _, stderr) = await CliRunner.RunAsync("verify", digest, "--layout", layout, "--config", file);
        Assert.True(exit == 1, stderr);
    }

    [Theory]
    [InlineData("settings.yaml", "timeout: 0\n", "--timeout must be a whole number of seconds from 1 to 86400")]
    [InlineData("settings.yaml", "output: xml\n", "xml")]
    [InlineData("settings.yaml", "bogus: 1\n", "bogus is not a setting of imagegate")]
    [InlineData("settings.yaml", "output: ''\n", "output is set but empty")]
    [InlineData("settings.yaml", "output:\n  nested: json\n", "expected a value or a list of values")]
    [InlineData("settings.yaml", "- output\n", "expected one mapping")]
    [InlineData("settings.json", "{\"output\": {\"a\": 1}}", "expected a value or a list of values")]
    [InlineData("settings.json", "{\"output\": ", "not valid JSON")]
    public async Task A_bad_setting_in_the_file_is_exit_2_before_any_io(string name, string text, string words)
    {
        var (exit, stdout, stderr) = await Inspect([], "--config", Settings(name, text));
        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        Assert.Contains(words, stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task A_missing_settings_file_or_an_empty_IMAGEGATE_CONFIG_is_exit_2()
    {
        var (exit, _, stderr) = await Inspect([], "--config", Path.Combine(_dir, "absent.yaml"));
        Assert.True(exit == 2, stderr);
        Assert.Contains("no such file", stderr, StringComparison.Ordinal);
        (exit, _, stderr) = await Inspect(new() { ["IMAGEGATE_CONFIG"] = "" });
        Assert.True(exit == 2, stderr);
        Assert.Contains("IMAGEGATE_CONFIG is set but empty", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_marker_named_only_in_the_settings_file_is_removed_even_when_the_run_is_refused()
    {
        var marker = Path.Combine(_dir, "verified.json");
        File.WriteAllText(marker, "{}");
        var file = Settings("settings.yaml", $"marker: {marker}\n");
        // No policy: exit 2, and still no marker left for a gate to accept.
        var (exit, _, stderr) = await CliRunner.RunAsync("verify", SavedDigest, "--layout", SavedLayout, "--config", file);
        Assert.True(exit == 2, stderr);
        Assert.False(File.Exists(marker), "the stale marker survived a refused run");
    }

    [Fact]
    public async Task Every_option_has_a_variable_validated_as_its_argument()
    {
        // --timeout had no variable before the composition root; now it has one, held to the option's rule.
        var (exit, _, stderr) = await Inspect(new() { ["IMAGEGATE_TIMEOUT"] = "0" });
        Assert.True(exit == 2, stderr);
        Assert.Contains("--timeout must be a whole number", stderr, StringComparison.Ordinal);
    }
}
