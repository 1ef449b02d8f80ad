using ImageGate.Cli.Tests.Support;

namespace ImageGate.Cli.Tests.Deploy;

/// <summary>
/// scripts/e2e-pod.sh, the pod rehearsal: deploy/base rendered by kubectl kustomize and played by podman against a TLS
/// + htpasswd docker-registry on loopback. The signed release starts the main container through the gate (which
/// prints the marker the gate wrote); the unsigned one never starts it.
/// </summary>
[Collection(nameof(AotPublishCollection))]
public sealed class PodRehearsalTests
{
    [Fact]
    public async Task The_signed_release_starts_through_the_gate_and_the_unsigned_one_never_starts()
    {
        var (exit, stdout, stderr) = await Bash.RunAsync([Path.Combine(RepositoryRoot.Path, "scripts", "e2e-pod.sh")], TimeSpan.FromMinutes(10));
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("PASS signed: the gate verified sha256:", stdout, StringComparison.Ordinal);
        Assert.Contains("PASS unsigned: the gate refused (policy.requirement-missing)", stdout, StringComparison.Ordinal);
    }
}
