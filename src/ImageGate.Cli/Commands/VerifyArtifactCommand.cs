using System.CommandLine;
using ImageGate.Cli.Logging;
using ImageGate.Cli.Output;
using ImageGate.Cli.Reasons;
using ImageGate.Sigstore;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Verification.Provenance;

namespace ImageGate.Cli.Commands;

/// <summary>
/// <c>verify-artifact ARTIFACT... --provenance-path FILE --source-uri URI</c>: slsa-verifier's command of that name,
/// offline (docs/provenance.md §5). Each artifact must be a subject of a verified SLSA provenance statement from a
/// trusted SLSA GitHub builder, built from the given source (and branch, tag or versioned tag). Progress and the
/// verdict go to stderr as slsa-verifier writes them; stdout holds only what <c>--print-provenance</c> asks for.
/// Exit 0 verified, 1 rejected, 2 usage or configuration, 3 unreadable input.
/// </summary>
internal static class VerifyArtifactCommand
{
    /// <summary>A provenance file holds a few bundles; 64 MiB is far beyond any the generators write.</summary>
    private const long MaxProvenanceBytes = Limits.MaxBundleBytes;

    public static Command Create()
    {
        var artifacts = new Argument<string[]>("ARTIFACT") { Description = "The artifacts; each must be a subject of the provenance.", Arity = ArgumentArity.OneOrMore };
        var provenance = new Option<string>("--provenance-path") { Description = "The .intoto.jsonl provenance (one Sigstore bundle per line).", Required = true };
        var source = new ProvenanceOptions(sourceRequired: true);
        var print = new Option<bool>("--print-provenance") { Description = "Print each verified provenance statement to stdout." };
        var trustedRoot = new Option<string?>("--trusted-root") { Description = "trusted_root.json, or a directory holding it (default: the embedded Sigstore public-good root)." };

        var command = new Command("verify-artifact", "Verify SLSA provenance of artifacts offline, with slsa-verifier's flags.")
        {
            artifacts, provenance, print, trustedRoot,
        };
        source.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            if ((source.TryRead(parse, out var expected) ?? UnknownOption(parse.GetValue(artifacts)!)) is { } usage)
            {
                return Task.FromResult(Log.Refuse(CliReasons.Usage, usage));
            }
            return Task.FromResult(Run(expected!, parse.GetValue(artifacts)!, parse.GetValue(provenance)!,
                parse.GetValue(trustedRoot), parse.GetValue(print), cancellationToken));
        });
        return command;
    }

    private static int Run(ProvenanceExpectations expected, string[] artifactPaths, string provenancePath, string? trustedRootPath, bool print, CancellationToken cancellationToken)
    {
        var output = Console.Out;
        var error = Console.Error;
        if (TrustRootLoader.TryLoad(trustedRootPath, staging: false, out var root) is { } unloadable)
        {
            return Log.Refuse(unloadable);
        }
        if (TrustRootCapacity.Check(root!, VerifierOptions.Default.TlogThreshold, VerifierOptions.Default.SctThreshold, keyless: true) is { } unmeetable)
        {
            Log.Refuse(unmeetable);
            return ExitCodes.Usage;
        }
        if (InputFiles.TryRead(provenancePath, "provenance", MaxProvenanceBytes, out var provenanceBytes) is { } unread)
        {
            return Log.Refuse(unread);
        }
        var digests = new List<string>();
        foreach (var path in artifactPaths)
        {
            if (InputFiles.TryRead(path, "artifact", InputFiles.MaxArtifactBytes, out var bytes) is { } missing)
            {
                return Log.Refuse(missing);
            }
            digests.Add(ArtifactProvenanceVerifier.Sha256Hex(bytes));
        }

        var failure = new ArtifactProvenanceVerifier(root!).Verify(provenanceBytes, digests, expected, out var verified, cancellationToken);
        if (failure is not null)
        {
            int exit = Log.Refuse(failure);
            error.WriteLine(SlsaVerifierOutput.Failed);
            return exit;
        }
        for (int i = 0; i < verified.Count; i++)
        {
            var artifact = verified[i];
            SlsaVerifierOutput.WriteBuilder(artifact.BuilderId, artifact.SourceCommit);
            if (print)
            {
                SlsaVerifierOutput.WriteStatement(artifact.Statement.Span);
            }
            error.WriteLine($"Verifying artifact {artifactPaths[i]}: PASSED");
            error.WriteLine();
        }
        error.WriteLine(SlsaVerifierOutput.Passed);
        output.Flush();
        return ExitCodes.Verified;
    }

    /// <summary>The variadic ARTIFACT argument would take an unknown option as a path; it is refused, as cobra refuses it.</summary>
    private static string? UnknownOption(string[] artifactPaths) =>
        artifactPaths.FirstOrDefault(p => p.StartsWith('-')) is { } option
            ? $"unknown option {option} (an artifact whose name starts with '-' is given as ./{option})"
            : null;
}
