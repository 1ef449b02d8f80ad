using System.CommandLine;
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
    public const string Passed = "PASSED: Verified SLSA provenance";
    public const string Failed = "FAILED: SLSA verification failed";

    /// <summary>A provenance file holds a few bundles; 64 MiB is far beyond any the generators write.</summary>
    private const long MaxProvenanceBytes = Limits.MaxBundleBytes;

    public static Command Create()
    {
        var artifacts = new Argument<string[]>("ARTIFACT") { Description = "The artifacts; each must be a subject of the provenance.", Arity = ArgumentArity.OneOrMore };
        var provenance = new Option<string>("--provenance-path") { Description = "The .intoto.jsonl provenance (one Sigstore bundle per line).", Required = true };
        var sourceUri = new Option<string>("--source-uri") { Description = "The source repository that must have produced the artifacts, e.g. github.com/owner/repo.", Required = true };
        var branch = new Option<string?>("--source-branch") { Description = "The branch the artifacts must have been built from." };
        var tag = new Option<string?>("--source-tag") { Description = "The exact tag the artifacts must have been built from." };
        var versionedTag = new Option<string?>("--source-versioned-tag") { Description = "A semantic version the build's tag must match: v1 accepts v1.x.y, v1.2 accepts v1.2.y." };
        var builderId = new Option<string?>("--builder-id") { Description = "The builder workflow that must have signed, https://github.com/OWNER/REPO/PATH[@REF]." };
        var print = new Option<bool>("--print-provenance") { Description = "Print each verified provenance statement to stdout." };
        var trustedRoot = new Option<string?>("--trusted-root") { Description = "trusted_root.json, or a directory holding it (default: the embedded Sigstore public-good root)." };

        var command = new Command("verify-artifact", "Verify SLSA provenance of artifacts offline, with slsa-verifier's flags.")
        {
            artifacts, provenance, sourceUri, branch, tag, versionedTag, builderId, print, trustedRoot,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var expected = new ProvenanceExpectations(parse.GetValue(sourceUri)!)
            {
                Branch = parse.GetValue(branch),
                Tag = parse.GetValue(tag),
                VersionedTag = parse.GetValue(versionedTag),
                BuilderId = parse.GetValue(builderId),
            };
            return Task.FromResult(Run(expected, parse.GetValue(artifacts)!, parse.GetValue(provenance)!,
                EnvironmentDefaults.Get(parse, trustedRoot, "IMAGEGATE_TRUSTED_ROOT"), parse.GetValue(print), cancellationToken));
        });
        return command;
    }

    private static int Run(ProvenanceExpectations expected, string[] artifactPaths, string provenancePath, string? trustedRootPath, bool print, CancellationToken cancellationToken)
    {
        var output = Console.Out;
        var error = Console.Error;
        if ((Usage(expected) ?? UnknownOption(artifactPaths)) is { } usage)
        {
            error.WriteLine($"error: {CliReasons.Usage}: {usage}");
            return ExitCodes.Usage;
        }
        if (TrustRootLoader.TryLoad(trustedRootPath, staging: false, error, out var root) is { } unloadable)
        {
            return unloadable;
        }
        if (TrustRootCapacity.Check(root!, VerifierOptions.Default.TlogThreshold, VerifierOptions.Default.SctThreshold, keyless: true) is { } unmeetable)
        {
            error.WriteLine($"error: {unmeetable}");
            return ExitCodes.Usage;
        }
        if (InputFiles.TryRead(provenancePath, "provenance", MaxProvenanceBytes, error, out var provenanceBytes) is { } unread)
        {
            return unread;
        }
        var digests = new List<string>();
        foreach (var path in artifactPaths)
        {
            if (InputFiles.TryRead(path, "artifact", InputFiles.MaxArtifactBytes, error, out var bytes) is { } missing)
            {
                return missing;
            }
            digests.Add(ArtifactProvenanceVerifier.Sha256Hex(bytes));
        }

        var failure = new ArtifactProvenanceVerifier(root!).Verify(provenanceBytes, digests, expected, out var verified, cancellationToken);
        if (failure is not null)
        {
            error.WriteLine($"error: {failure}");
            error.WriteLine(Failed);
            return ReasonCatalogue.ExitCodeFor(failure.Code);
        }
        for (int i = 0; i < verified.Count; i++)
        {
            var artifact = verified[i];
            error.WriteLine($"Verified build using builder \"{artifact.BuilderId}\" at commit {artifact.SourceCommit ?? "(not recorded)"}");
            if (print)
            {
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(artifact.Statement.Span);
                stdout.WriteByte((byte)'\n');
            }
            error.WriteLine($"Verifying artifact {artifactPaths[i]}: PASSED");
            error.WriteLine();
        }
        error.WriteLine(Passed);
        output.Flush();
        return ExitCodes.Verified;
    }

    /// <summary>The variadic ARTIFACT argument would take an unknown option as a path; it is refused, as cobra refuses it.</summary>
    private static string? UnknownOption(string[] artifactPaths) =>
        artifactPaths.FirstOrDefault(p => p.StartsWith('-')) is { } option
            ? $"unknown option {option} (an artifact whose name starts with '-' is given as ./{option})"
            : null;

    /// <summary>Contradictory or malformed expectations, refused before anything is read (blank values are refused earlier).</summary>
    private static string? Usage(ProvenanceExpectations expected)
    {
        if (expected.Tag is not null && expected.VersionedTag is not null)
        {
            return "--source-tag and --source-versioned-tag were both given; give one (an exact tag, or a semantic version to match)";
        }
        if (expected.VersionedTag is { } version && !VersionedTagRule.IsValidExpectation(version))
        {
            return $"--source-versioned-tag \"{version}\" is not a semantic version: expected vMAJOR, vMAJOR.MINOR or vMAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]";
        }
        if (expected.BuilderId is { } builder && BuilderRule.ParseBuilderId(builder) is null)
        {
            return $"--builder-id \"{builder}\" is not a builder id: expected NAME or NAME@REF, one '@' and a non-empty ref";
        }
        return null;
    }
}
