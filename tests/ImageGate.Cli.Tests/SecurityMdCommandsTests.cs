using System.Text.Json;
using System.Text.Json.Nodes;
using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Pmg;
using ImageGate.Testing.Processes;
using ImageGate.Verification.Policy;

namespace ImageGate.Cli.Tests;

/// <summary>
/// The five commands of pmg-exporter's SECURITY.md, as written there (slsa-verifier and cosign replaced by
/// <c>imagegate</c>; <c>--trusted-root</c> and the loopback registry's flags added), run by bash with jq and base64
/// against the pmg-shaped release in Debian's docker-registry and its Python release files. Broken releases fail the
/// command that checks what is broken, and a rollback to another signed release fails the commands that name the version.
/// </summary>
public sealed class SecurityMdCommandsTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private const string Version = PmgNames.Version;
    private const string OlderRelease = "v0.2.1";
    private const string GeneratorRegexp = "^https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v[0-9]+.[0-9]+.[0-9]+$";
    private const string ReleaseRegexp = "^https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/tags/v[0-9]+.[0-9]+.[0-9]+(-rc.[0-9]+)?$";

    /// <summary>SECURITY.md's commands, keyed by what they verify. $IG is imagegate, $R the trust root, $H the registry.</summary>
    private static readonly Dictionary<string, string> Commands = new()
    {
        ["wheel"] = """
            ARTIFACT=pmg_exporter-${VERSION#v}-py3-none-any.whl
            $IG verify-artifact --provenance-path multiple.intoto.jsonl --source-uri github.com/natrontech/pmg-exporter --source-tag $VERSION --trusted-root $R $ARTIFACT
            """,
        ["sdist"] = """
            ARTIFACT=pmg_exporter-${VERSION#v}.tar.gz
            $IG verify-artifact --provenance-path multiple.intoto.jsonl --source-uri github.com/natrontech/pmg-exporter --source-tag $VERSION --trusted-root $R $ARTIFACT
            """,
        ["image-provenance"] = """
            $IG verify-image --source-uri github.com/natrontech/pmg-exporter --source-versioned-tag $VERSION --trusted-root $R --insecure-registry $H $IMAGE
            """,
        ["cosign-provenance"] = $$"""
            $IG verify-attestation --type slsaprovenance --new-bundle-format=false --certificate-oidc-issuer https://token.actions.githubusercontent.com --certificate-identity-regexp '{{GeneratorRegexp}}' --policy policy.cue --trusted-root $R --allow-http-registry $IMAGE | jq -r '.payload' | base64 -d | jq > provenance.json
            """,
        ["cosign-signature"] = $$"""
            $IG verify --new-bundle-format --certificate-oidc-issuer https://token.actions.githubusercontent.com --certificate-identity-regexp '{{ReleaseRegexp}}' --trusted-root $R --allow-http-registry $IMAGE | jq > signature.json
            """,
        ["cosign-sbom"] = $$"""
            $IG verify-attestation --new-bundle-format --type cyclonedx --certificate-oidc-issuer https://token.actions.githubusercontent.com --certificate-identity-regexp '{{ReleaseRegexp}}' --policy policy-sbom.cue --trusted-root $R --allow-http-registry $IMAGE | jq -r '.payload' | base64 -d | jq -r '.predicate' > sbom.json
            """,
    };

    private sealed record Release(RegistryRelease Registry, PmgReleaseFiles Files) : IDisposable
    {
        public void Dispose() => Registry.Dispose();
    }

    private async Task<Release> PublishAsync(string name, PmgFixtureOptions? options = null, string tag = Version)
    {
        var release = await RegistryRelease.PublishAsync(registry, name, options ?? new PmgFixtureOptions { SbomBytes = BrokenCases.SmallSbom });
        var dir = release.Workspace.Directory;
        foreach (var cue in new[] { "policy.cue", "policy-sbom.cue" })
        {
            using var resource = typeof(Presets).Assembly.GetManifestResourceStream($"preset/pmg-exporter/{cue}")!;
            using var file = File.Create(Path.Combine(dir, cue));
            resource.CopyTo(file);
        }
        return new Release(release, PmgReleaseFiles.Write(release.Fixture, dir, tag));
    }

    /// <summary>Runs one command with bash -euo pipefail in the release directory, VERSION set as SECURITY.md says.</summary>
    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Release release, string command, string version = Version) =>
        Bash.RunAsync(["-euo", "pipefail", "-c", command], TimeSpan.FromMinutes(2), new Dictionary<string, string>
        {
            ["IG"] = $"dotnet {CliRunner.CliDll}",
            ["R"] = release.Registry.Workspace.TrustedRoot,
            ["H"] = registry.Registry.Host,
            ["VERSION"] = version,
            ["IMAGE"] = release.Registry.Pinned(version),
        }, release.Files.Directory);

    [Fact]
    public async Task All_five_commands_pass_on_the_release_as_written()
    {
        using var release = await PublishAsync("security-md");
        foreach (var (what, command) in Commands)
        {
            var (exit, _, stderr) = await RunAsync(release, command);
            Assert.True(exit == 0, $"{what}: exit {exit}: {stderr}");
            if (what is "wheel" or "sdist" or "image-provenance")
            {
                Assert.EndsWith("PASSED: Verified SLSA provenance", stderr.TrimEnd(), StringComparison.Ordinal);
            }
        }
        var dir = release.Files.Directory;
        using (var provenance = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "provenance.json"))))
        {
            Assert.Equal(PmgNames.SlsaPredicateType, provenance.RootElement.GetProperty("predicateType").GetString());
        }
        using (var signature = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "signature.json"))))
        {
            var payload = Assert.Single(signature.RootElement.EnumerateArray());
            Assert.Equal(release.Registry.Fixture.IndexDigest, payload.GetProperty("critical").GetProperty("image").GetProperty("docker-manifest-digest").GetString());
            Assert.Equal(PmgNames.SignPredicateType, payload.GetProperty("critical").GetProperty("type").GetString());
            Assert.Equal(PmgNames.Repository, payload.GetProperty("optional").GetProperty("repo").GetString());
            Assert.Equal("Release", payload.GetProperty("optional").GetProperty("workflow").GetString());
        }
        // The SBOM from cosign's pipe is the document `imagegate sbom` verifies and prints (both through jq).
        var (code, _, sbomErr) = await RunAsync(release, "$IG sbom --preset pmg-exporter --trusted-root $R --insecure-registry $H $IMAGE | jq > sbom-imagegate.json");
        Assert.True(code == 0, sbomErr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "sbom-imagegate.json")), File.ReadAllBytes(Path.Combine(dir, "sbom.json")));
        using var raw = JsonDocument.Parse(release.Registry.Fixture.SbomPredicate);
        using var piped = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "sbom.json")));
        Assert.True(JsonElement.DeepEquals(raw.RootElement, piped.RootElement), "the piped SBOM is not the attested predicate");
    }

    [Fact]
    public async Task Cosigns_format_choice_is_why_the_provenance_command_says_new_bundle_format_false()
    {
        using var release = await PublishAsync("security-md-format");
        // The generator stores provenance under the legacy .att tag only; with bundles present, cosign (and so
        // imagegate) counts only the bundles when --new-bundle-format is given.
        var (exit, stdout, stderr) = await RunAsync(release, Commands["cosign-provenance"].Replace("--new-bundle-format=false", "--new-bundle-format", StringComparison.Ordinal));
        Assert.True(exit != 0, stderr);
        Assert.Contains("error: policy.requirement-missing", stderr, StringComparison.Ordinal);
        Assert.Contains("--new-bundle-format counts only the referrer bundles", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
        // And the signature is a bundle: the legacy tags alone hold none.
        (exit, _, stderr) = await RunAsync(release, Commands["cosign-signature"].Replace("--new-bundle-format", "--new-bundle-format=false", StringComparison.Ordinal));
        Assert.True(exit != 0, stderr);
        Assert.Contains("--new-bundle-format=false counts only the legacy .sig/.att tags", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allow_http_registry_is_what_lets_the_cosign_commands_reach_the_plain_http_registry()
    {
        using var release = await PublishAsync("security-md-http");
        var (exit, _, stderr) = await RunAsync(release, Commands["cosign-signature"].Replace(" --allow-http-registry", string.Empty, StringComparison.Ordinal));
        Assert.True(exit != 0, stderr);
        Assert.Contains("error: source.", stderr, StringComparison.Ordinal);
        // slsa-verifier's command takes cosign's flag too, in place of --insecure-registry HOST.
        (exit, _, stderr) = await RunAsync(release, Commands["image-provenance"].Replace("--insecure-registry $H", "--allow-http-registry", StringComparison.Ordinal));
        Assert.True(exit == 0, stderr);
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "signature-other-identity", "cosign-signature" },
        { "sbom-other-identity", "cosign-sbom" },
        { "provenance-other-source", "image-provenance" },
        { "provenance-other-source", "cosign-provenance" },
        { "wheel-tampered", "wheel" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task A_broken_release_fails_the_command_that_checks_what_is_broken(string broken, string command)
    {
        const string fork = "https://github.com/acme/fork/.github/workflows/release.yml@refs/tags/v0.2.2";
        var options = broken switch
        {
            "signature-other-identity" => new PmgFixtureOptions { SbomBytes = BrokenCases.SmallSbom, Signature = new ArtifactKnobs { Identity = fork } },
            "sbom-other-identity" => new PmgFixtureOptions { SbomBytes = BrokenCases.SmallSbom, Sbom = new ArtifactKnobs { Identity = fork } },
            "provenance-other-source" => new PmgFixtureOptions
            {
                SbomBytes = BrokenCases.SmallSbom,
                Provenance = new ArtifactKnobs { EditStatement = s => s["predicate"]!["invocation"]!["configSource"]!["uri"] = "git+https://github.com/acme/fork@refs/tags/v0.2.2" },
            },
            _ => null,
        };
        using var release = await PublishAsync($"security-md-{broken}-{command}", options);
        if (broken == "wheel-tampered")
        {
            File.AppendAllText(release.Files.Wheel, "tampered");
        }
        var (exit, stdout, stderr) = await RunAsync(release, Commands[command]);
        Assert.True(exit != 0, $"{broken}/{command} passed: {stderr}");
        Assert.Contains("error: ", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task A_rollback_to_another_signed_release_fails_every_command_that_names_the_version()
    {
        // v0.2.1, genuinely signed, deployed where v0.2.2 is expected (the reference still says :v0.2.2).
        static void Retag(JsonObject statement)
        {
            var text = statement.ToJsonString().Replace("refs/tags/" + Version, "refs/tags/" + OlderRelease, StringComparison.Ordinal);
            var older = JsonNode.Parse(text)!.AsObject();
            foreach (var (key, value) in older.ToList())
            {
                statement[key] = value?.DeepClone();
            }
        }
        var older = new ArtifactKnobs { ReleaseTag = OlderRelease, EditStatement = Retag };
        using var release = await PublishAsync("security-md-rollback",
            new PmgFixtureOptions { SbomBytes = BrokenCases.SmallSbom, Signature = older, Sbom = older, Provenance = older }, tag: OlderRelease);
        foreach (var command in new[] { "image-provenance" })
        {
            var (exit, _, stderr) = await RunAsync(release, Commands[command]);
            Assert.True(exit == 1, $"{command}: exit {exit}: {stderr}");
            Assert.Contains("error: provenance.versioned-tag-mismatch", stderr, StringComparison.Ordinal);
        }
        // The release files of v0.2.1 under the name SECURITY.md computes for v0.2.2 do not exist; renamed, they fail on the tag.
        File.Move(release.Files.Wheel, release.Files.Wheel.Replace(OlderRelease.TrimStart('v'), Version.TrimStart('v'), StringComparison.Ordinal));
        var (code, _, err) = await RunAsync(release, Commands["wheel"]);
        Assert.True(code == 1, err);
        Assert.Contains("error: provenance.tag-mismatch", err, StringComparison.Ordinal);
        // cosign's regexps accept any signed vX.Y.Z: those three commands cannot see a rollback; the preset pinned to the tag does.
        var (exit2, _, stderr2) = await RunAsync(release, Commands["cosign-signature"]);
        Assert.True(exit2 == 0, stderr2);
        (exit2, _, stderr2) = await RunAsync(release, "$IG verify --preset pmg-exporter --trusted-root $R --insecure-registry $H $IMAGE");
        Assert.True(exit2 == 1, stderr2);
        Assert.Contains($"refs/tags/{OlderRelease}", stderr2, StringComparison.Ordinal);
    }
}
