using System.CommandLine;
using ImageGate.Cli.Output;
using ImageGate.Cli.Sources;
using ImageGate.Verification.Policy;

namespace ImageGate.Cli.Commands;

/// <summary>
/// <c>verify-image IMAGE@DIGEST --source-uri URI</c>: slsa-verifier's command of that name, offline
/// (docs/provenance.md §5). The image's SLSA provenance, found wherever cosign attaches it (a referrer bundle or the
/// legacy <c>.att</c> tag), must be signed by a trusted SLSA builder (the container generator, or
/// <c>--builder-id</c>) and say the given source, branch, tag or versioned tag. Nothing else is required: the same
/// rules on <c>verify</c> add to its policy. Output as slsa-verifier: the verdict on stderr, the provenance on stdout
/// with <c>--print-provenance</c>. Exit 0 verified, 1 rejected, 2 usage or configuration, 3 unavailable.
/// </summary>
internal static class VerifyImageCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "registry/repo@sha256:... (slsa-verifier accepts only a digest); with --layout, a digest in the layout." };
        var provenance = new ProvenanceOptions(sourceRequired: true);
        var print = new Option<bool>("--print-provenance") { Description = "Print the verified provenance statement to stdout." };
        var trustedRoot = new Option<string?>("--trusted-root") { Description = "trusted_root.json, or a directory holding it (default: the embedded Sigstore public-good root)." };
        var sources = new SourceOptions();
        var command = new Command("verify-image", "Verify an image's SLSA provenance offline, with slsa-verifier's flags.") { image, print, trustedRoot };
        provenance.AddTo(command);
        sources.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = await new VerifyRun
            {
                Sources = sources.Read(parse, parse.GetValue(image)!),
                Output = RunOutput.SlsaVerifier,
                PrintProvenance = parse.GetValue(print),
                OffersAllowTag = false,
                TrustedRoot = parse.GetValue(trustedRoot),
                ResolvePolicy = () =>
                {
                    if (provenance.TryRead(parse, out var expected) is { } usage)
                    {
                        return (null, new Sigstore.Failure(PolicyReasons.Invalid, usage));
                    }
                    return ProvenanceFlagsBinding.TryApply(PolicyFromFlags.Empty, expected!, out var policy) is { } failure ? (null, failure) : (policy, null);
                },
            }.RunAsync(cancellationToken).ConfigureAwait(false);
            if (code != ExitCodes.Verified)
            {
                Console.Error.WriteLine(SlsaVerifierOutput.Failed);
            }
            return code;
        });
        return command;
    }
}
