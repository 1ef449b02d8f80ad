using ImageGate.Cli.Tests.Support;

namespace ImageGate.Cli.Tests.Deploy;

/// <summary>
/// deploy/check.sh, the offline check of the shipped manifests: the shipped tree passes, and each defect planted in a
/// copy of deploy/base (Pod Security "restricted", a weakening flag, the trust root not mounted, a schema error) is
/// caught by name, as is each defect planted in a copy of the Dockerfile's two-platform build. The check renders with
/// the real kubectl kustomize and validates with the pinned kubernetes-models.
/// </summary>
public sealed class DeployCheckTests : IDisposable
{
    private readonly string _copy = Directory.CreateTempSubdirectory("imagegate-deploy-").FullName;

    public DeployCheckTests()
    {
        // A copy of what check.sh reads: deploy/ (schema modules linked, not copied), the Dockerfile, the embedded root.
        CopyTree(Path.Combine(RepositoryRoot.Path, "deploy"), Path.Combine(_copy, "deploy"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "Dockerfile"), Path.Combine(_copy, "Dockerfile"));
        var resources = Path.Combine(_copy, "src", "ImageGate.Cli", "Resources");
        Directory.CreateDirectory(resources);
        File.Copy(Path.Combine(RepositoryRoot.Path, "src", "ImageGate.Cli", "Resources", "production.trusted_root.json"), Path.Combine(resources, "production.trusted_root.json"));
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var dir in Directory.GetDirectories(from))
        {
            if (Path.GetFileName(dir) == "node_modules")
            {
                Directory.CreateSymbolicLink(Path.Combine(to, "node_modules"), dir);
                continue;
            }
            CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    private string Deployment => Path.Combine(_copy, "deploy", "base", "deployment.yaml");

    private void Plant(string find, string replace)
    {
        var text = File.ReadAllText(Deployment);
        Assert.True(text.Contains(find, StringComparison.Ordinal), $"deployment.yaml no longer contains {find}");
        File.WriteAllText(Deployment, text.Replace(find, replace, StringComparison.Ordinal));
    }

    private async Task<(int ExitCode, string Output)> CheckAsync()
    {
        var (exit, stdout, stderr) = await Bash.RunAsync([Path.Combine(_copy, "deploy", "check.sh"), Path.Combine(_copy, "deploy", "base")], TimeSpan.FromMinutes(2));
        return (exit, stdout + stderr);
    }

    [Fact]
    public async Task The_shipped_manifests_pass()
    {
        var (exit, output) = await CheckAsync();
        Assert.True(exit == 0, output);
        Assert.Matches(@"(?m)^schema: [1-9][0-9]* documents valid, 0 invalid$", output);
        Assert.Contains("tuf: targets v14 (snapshot v165) lists this trust root", output, StringComparison.Ordinal);
        Assert.Contains("check: ok", output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> Defects => new()
    {
        { "privileged", "            privileged: false\n", "            privileged: true\n", "privileged is not allowed" },
        { "capability added", "              drop: [\"ALL\"]\n            seccompProfile:\n              type: RuntimeDefault\n          resources:\n            # One",
            "              drop: [\"ALL\"]\n              add: [\"NET_ADMIN\"]\n            seccompProfile:\n              type: RuntimeDefault\n          resources:\n            # One", "capabilities.add may hold only NET_BIND_SERVICE" },
        { "host network", "      automountServiceAccountToken: false\n", "      automountServiceAccountToken: false\n      hostNetwork: true\n", "hostNetwork is not allowed" },
        { "host port", "              containerPort: 10069\n", "              containerPort: 10069\n              hostPort: 10069\n", "hostPort 10069 is not allowed" },
        { "escalation", "            allowPrivilegeEscalation: false\n            privileged: false\n", "            allowPrivilegeEscalation: true\n            privileged: false\n", "allowPrivilegeEscalation must be false" },
        { "allow-tag", "args: [\"verify\", \"$(GATED_IMAGE)\", \"--timeout\", \"120\"]", "args: [\"verify\", \"$(GATED_IMAGE)\", \"--timeout\", \"120\", \"--allow-tag\"]", "passes --allow-tag" },
        { "insecure-registry", "args: [\"verify\", \"$(GATED_IMAGE)\", \"--timeout\", \"120\"]", "args: [\"verify\", \"$(GATED_IMAGE)\", \"--timeout\", \"120\", \"--insecure-registry\", \"r.example\"]", "passes --insecure-registry" },
        { "no trust root", "            - name: IMAGEGATE_TRUSTED_ROOT\n              value: /etc/imagegate/trust-root/trusted_root.json\n", "", "sets no IMAGEGATE_TRUSTED_ROOT" },
        { "trust root not mounted", "value: /etc/imagegate/trust-root/trusted_root.json", "value: /etc/other/trusted_root.json", "is not under a volume mounted into the imagegate container" },
        { "tuf metadata not mounted", "value: /etc/imagegate/tuf\n", "value: /etc/other/tuf\n", "IMAGEGATE_TUF_METADATA '/etc/other/tuf' is not under a volume mounted" },
        { "no image to verify", "args: [\"verify\", \"$(GATED_IMAGE)\", \"--timeout\", \"120\"]", "args: [\"verify\", \"--timeout\", \"120\"]", "must run /imagegate verify with $(GATED_IMAGE) or IMAGEGATE_FROM_POD_SPEC (one of them)" },
        { "two images to verify", "            - name: IMAGEGATE_PRESET\n", "            - name: IMAGEGATE_FROM_POD_SPEC\n              value: pmg-exporter\n            - name: IMAGEGATE_PRESET\n", "must run /imagegate verify with $(GATED_IMAGE) or IMAGEGATE_FROM_POD_SPEC (one of them)" },
        { "pod spec of another container", "            - name: IMAGEGATE_PRESET\n", "            - name: IMAGEGATE_FROM_POD_SPEC\n              value: exporter\n            - name: IMAGEGATE_PRESET\n", "IMAGEGATE_FROM_POD_SPEC must name the pmg-exporter container, not 'exporter'" },
        { "schema", "          imagePullPolicy: IfNotPresent\n          command: [\"/imagegate\"]", "          imagePullPolicy: IfNotPresent\n          command: \"/imagegate\"", "must be array" },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task Each_planted_defect_is_caught_by_name(string defect, string find, string replace, string message)
    {
        Plant(find, replace);
        var (exit, output) = await CheckAsync();
        Assert.True(exit == 1, $"{defect}: exit {exit}\n{output}");
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    /// <summary>Defects in the Dockerfile's two-platform build: each would ship an image labelled arm64 (or amd64)
    /// that holds the other architecture's binary, or fail only on a builder of the other architecture.</summary>
    public static TheoryData<string, string, string, string> DockerfileDefects => new()
    {
        { "build stage emulated", "FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build", "FROM ${SDK_IMAGE} AS build", "expected the build stage FROM --platform=$BUILDPLATFORM" },
        { "arm64 built as x64", "arm64) rid=linux-arm64; bin=artifacts/publish/linux-arm64/imagegate ;;", "arm64) rid=linux-x64; bin=artifacts/publish/imagegate ;;", "expected TARGETARCH arm64 built as RID linux-arm64" },
        { "no arm64 toolchain", "arm64) cross=\"gcc-aarch64-linux-gnu libc6-dev-arm64-cross\" ;;", "arm64) cross=\"\" ;;", "expected the arm64 cross toolchain in the build stage" },
        { "default RID", "&& RID=\"$rid\" bash scripts/publish-aot.sh", "&& bash scripts/publish-aot.sh", "expected the publish with the target's RID" },
    };

    [Theory]
    [MemberData(nameof(DockerfileDefects))]
    public async Task Each_planted_dockerfile_defect_is_caught_by_name(string defect, string find, string replace, string message)
    {
        var dockerfile = Path.Combine(_copy, "Dockerfile");
        var text = File.ReadAllText(dockerfile);
        Assert.True(text.Contains(find, StringComparison.Ordinal), $"the Dockerfile no longer contains {find}");
        File.WriteAllText(dockerfile, text.Replace(find, replace, StringComparison.Ordinal));
        var (exit, output) = await CheckAsync();
        Assert.True(exit == 1, $"{defect}: exit {exit}\n{output}");
        Assert.Contains("Dockerfile: " + message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trust_root_the_tuf_metadata_does_not_publish_is_caught()
    {
        var trustRoot = Path.Combine(_copy, "deploy", "base", "trusted_root.json");
        File.AppendAllText(trustRoot, "\n");
        var (exit, output) = await CheckAsync();
        Assert.True(exit == 1, output);
        Assert.Contains("14.targets.json lists trusted_root.json as 6787 bytes", output, StringComparison.Ordinal);
        Assert.Contains("imagegate would refuse it", output, StringComparison.Ordinal);
    }
}
