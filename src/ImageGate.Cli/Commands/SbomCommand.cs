using System.CommandLine;
using ImageGate.Cli.Sources;

namespace ImageGate.Cli.Commands;

/// <summary><c>imagegate sbom IMAGE</c>: verifies the image per policy, then emits the verified SBOM document
/// (the attestation's predicate, byte for byte as signed) to stdout or a file.</summary>
internal static class SbomCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "registry/repo@sha256:... (a tag only with --allow-tag); with --layout, a digest or tag in the layout." };
        var file = new Option<string?>("--output-file", "-o") { Description = "Write the SBOM here instead of stdout." };
        var allowTag = new Option<bool>("--allow-tag") { Description = "Accept a tag and verify the digest it resolves to." };
        var trustedRoot = new Option<string?>("--trusted-root") { Description = "trusted_root.json, or a directory holding it (default: the embedded Sigstore public-good root)." };
        var policy = new PolicyOptions();
        var sources = new SourceOptions();
        var command = new Command("sbom", "Verify an image, then print its verified SBOM document.") { image, file, allowTag, trustedRoot };
        policy.AddTo(command);
        sources.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var path = parse.GetValue(file);
            return new VerifyRun
            {
                Sources = sources.Read(parse, parse.GetValue(image)!),
                SbomPath = path,
                Output = path is null ? RunOutput.Sbom : RunOutput.Text,
                AllowTag = parse.GetValue(allowTag),
                TrustedRoot = parse.GetValue(trustedRoot),
                ResolvePolicy = () => policy.TryResolve(parse, out var p) is { } failure ? (null, failure) : (p, null),
            }.RunAsync(cancellationToken);
        });
        return command;
    }
}
