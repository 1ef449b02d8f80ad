using System.CommandLine;
using ImageGate.Cli.Sources;

namespace ImageGate.Cli.Commands;

/// <summary>
/// <c>imagegate verify IMAGE</c>, the init-container job: verify the digest per policy, print the report, and
/// only when every requirement is met write the readiness marker (and the SBOM when asked).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "registry/repo@sha256:... (a tag only with --allow-tag); with --layout, a digest or tag in the layout." };
        var output = new Option<string>("--output") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var marker = new Option<string?>("--marker") { Description = "Readiness marker to write (atomically) when verification succeeds; a stale one is removed first." };
        var sbomOut = new Option<string?>("--sbom-out") { Description = "Write the verified SBOM document (the attestation's predicate) here." };
        var allowTag = new Option<bool>("--allow-tag") { Description = "Accept a tag and verify the digest it resolves to (the pod must then run that same digest)." };
        var trustedRoot = new Option<string?>("--trusted-root") { Description = "trusted_root.json, or a directory holding it (default: the embedded Sigstore public-good root)." };
        var installGate = new Option<string?>("--install-gate") { Description = "After a successful verification, copy this binary to DIR/imagegate (for `imagegate exec`/`check` in the main container)." };
        var policy = new PolicyOptions();
        var sources = new SourceOptions();
        var command = new Command("verify", "Verify an image's signature and attestations offline against a policy; write the readiness marker.")
        {
            image, output, marker, sbomOut, allowTag, trustedRoot, installGate,
        };
        policy.AddTo(command);
        sources.AddTo(command);
        command.SetAction((parse, cancellationToken) => new VerifyRun
        {
            Sources = sources.Read(parse, parse.GetValue(image)!),
            Output = parse.GetValue(output) == "json" ? RunOutput.Json : RunOutput.Text,
            MarkerPath = EnvironmentDefaults.Get(parse, marker, "IMAGEGATE_MARKER"),
            SbomPath = EnvironmentDefaults.Get(parse, sbomOut, "IMAGEGATE_SBOM_OUT"),
            AllowTag = parse.GetValue(allowTag),
            TrustedRoot = EnvironmentDefaults.Get(parse, trustedRoot, "IMAGEGATE_TRUSTED_ROOT"),
            InstallGate = EnvironmentDefaults.Get(parse, installGate, "IMAGEGATE_INSTALL_GATE"),
            ResolvePolicy = () => policy.TryResolve(parse, out var p) is { } failure ? (null, failure) : (p, null),
        }.RunAsync(cancellationToken));
        return command;
    }
}
