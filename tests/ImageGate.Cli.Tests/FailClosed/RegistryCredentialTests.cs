using System.Text;
using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.FailClosed;

/// <summary>
/// Credentials the real registry (Debian's docker-registry with htpasswd) refuses are a configuration error:
/// exit 2 `registry.unauthorized`, not exit 3 "try again later" (issue 9, item 6). No credentials at all stays
/// `source.unauthorized`.
/// </summary>
public sealed class RegistryCredentialTests
{
    private static readonly string Digest = "sha256:" + new string('a', 64);

    [Fact]
    public async Task Refused_credentials_are_exit_2_registry_unauthorized()
    {
        await using var registry = await DockerRegistryProcess.StartAsync("pusher", "correct horse");
        using var workspace = new Workspace([]);
        var config = Path.Combine(workspace.Directory, "config.json");
        var wrong = Convert.ToBase64String(Encoding.UTF8.GetBytes("pusher:wrong horse"));
        await File.WriteAllTextAsync(config, "{\"auths\":{\"" + registry.Host + "\":{\"auth\":\"" + wrong + "\"}}}", TestContext.Current.CancellationToken);
        string image = $"{registry.Host}/natrontech/pmg-exporter@{Digest}";

        var refused = await CliRunner.RunAsync("inspect", image, "--insecure-registry", registry.Host, "--registry-config", config, "--timeout", "10");
        Assert.True(refused.ExitCode == 2, $"exit {refused.ExitCode}: {refused.Stderr}");
        Assert.Contains("error: registry.unauthorized:", refused.Stderr, StringComparison.Ordinal);

        var anonymous = await CliRunner.RunAsync("inspect", image, "--insecure-registry", registry.Host, "--timeout", "10");
        Assert.Contains("error: source.unauthorized:", anonymous.Stderr, StringComparison.Ordinal);
        Assert.Contains("no credentials configured", anonymous.Stderr, StringComparison.Ordinal);
    }
}
