using System.Diagnostics;
using System.Security.Cryptography;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.Deploy;

/// <summary>
/// The two trust-root ConfigMaps of deploy/base (docs/trust-root.md §2.1): deploy/base/tuf holds the real public-good
/// metadata of the test fixture, and scripts/trust-root-configmap.sh writes exactly those files (and the trust root)
/// from a copy of the published repository, refusing a copy whose trust root is not the listed target.
/// </summary>
public sealed class TrustRootConfigMapTests : IDisposable
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "trust-root-configmap.sh")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("scripts/trust-root-configmap.sh not found above " + AppContext.BaseDirectory);
    });

    private static string Fixture => Path.Combine(Root.Value, "tests", "fixtures", "tuf", "sigstore-public-good");

    private readonly string _work = Directory.CreateTempSubdirectory("imagegate-configmap-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static Dictionary<string, string> Digests(string directory) =>
        Directory.GetFiles(directory, "*.json").ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));

    /// <summary>The published layout (tuf-repo-cdn): every root from 7, the metadata, targets/SHA256.trusted_root.json.</summary>
    private string PublishedCopy()
    {
        var repo = Path.Combine(_work, "repository");
        Directory.CreateDirectory(Path.Combine(repo, "targets"));
        File.Copy(Path.Combine(Fixture, "pinned", "7.root.json"), Path.Combine(repo, "7.root.json"));
        foreach (var file in Directory.GetFiles(Fixture, "*.json"))
        {
            var name = Path.GetFileName(file);
            File.Copy(file, name == "trusted_root.json"
                ? Path.Combine(repo, "targets", "6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66.trusted_root.json")
                : Path.Combine(repo, name));
        }
        return repo;
    }

    private static async Task<(int ExitCode, string Output)> ScriptAsync(string repo, string output)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Root.Value, "scripts", "trust-root-configmap.sh"));
        start.ArgumentList.Add(repo);
        start.ArgumentList.Add(output);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public void The_base_mounts_the_metadata_of_the_test_fixture()
    {
        var fixture = Digests(Fixture);
        var trustRoot = fixture["trusted_root.json"];
        fixture.Remove("trusted_root.json");
        Assert.Equal(fixture.OrderBy(e => e.Key), Digests(Path.Combine(Root.Value, "deploy", "base", "tuf")).OrderBy(e => e.Key));
        Assert.Equal(trustRoot, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Root.Value, "deploy", "base", "trusted_root.json")))));
    }

    [Fact]
    public async Task The_script_writes_both_configmaps_from_a_published_copy_and_imagegate_accepts_them()
    {
        var output = Path.Combine(_work, "out");
        Directory.CreateDirectory(Path.Combine(output, "tuf"));
        await File.WriteAllTextAsync(Path.Combine(output, "tuf", "3.root.json"), "stale", TestContext.Current.CancellationToken);
        var (exit, printed) = await ScriptAsync(PublishedCopy(), output);
        Assert.True(exit == 0, printed);
        Assert.Contains("root v7 (pinned) to v15, timestamp v762, snapshot v165, targets v14", printed, StringComparison.Ordinal);
        Assert.Contains("sha256:6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66  trusted_root.json", printed, StringComparison.Ordinal);
        Assert.Contains("sha256:df130b04ba3aaeb43d59c59a79ae2614626e99dcb5c3a3945558ae76e431fb02  tuf/timestamp.json", printed, StringComparison.Ordinal);
        Assert.Equal(Digests(Path.Combine(Root.Value, "deploy", "base", "tuf")).OrderBy(e => e.Key), Digests(Path.Combine(output, "tuf")).OrderBy(e => e.Key));
        // The generator's file list too: the shipped one is the script's output.
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Root.Value, "deploy", "base", "tuf", "kustomization.yaml"), TestContext.Current.CancellationToken),
            await File.ReadAllTextAsync(Path.Combine(output, "tuf", "kustomization.yaml"), TestContext.Current.CancellationToken));

        var (inspect, _, stderr) = await CliRunner.RunAsync("trust-root", "inspect", output, "--tuf-metadata", Path.Combine(output, "tuf"));
        Assert.True(inspect == 0, stderr);
    }

    [Fact]
    public async Task The_script_refuses_a_copy_whose_trust_root_is_not_the_listed_target()
    {
        var repo = PublishedCopy();
        var target = Directory.GetFiles(Path.Combine(repo, "targets")).Single();
        await File.AppendAllTextAsync(target, "\n", TestContext.Current.CancellationToken);
        var output = Path.Combine(_work, "out");
        var (exit, printed) = await ScriptAsync(repo, output);
        Assert.True(exit == 1, printed);
        Assert.Contains("trusted_root.json is not the target 14.targets.json lists (6787 bytes", printed, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
