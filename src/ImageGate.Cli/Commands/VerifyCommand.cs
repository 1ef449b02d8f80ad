using System.CommandLine;
using ImageGate.Cli.Sources;

namespace ImageGate.Cli.Commands;

/// <summary>
/// <c>imagegate verify IMAGE</c>, the init-container job: verify the digest per policy, print the report, and
/// only when every requirement is met write the readiness marker (and the SBOM when asked). With cosign's signer
/// flags instead of a preset or an ImagePolicy it is <c>cosign verify</c> (or, with <c>--type</c>,
/// <c>cosign verify-attestation</c>) and prints what cosign prints.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create() => Build(attestation: false);

    /// <summary>Both commands: <paramref name="attestation"/> makes <c>verify-attestation</c> (cosign's default --type, its output).</summary>
    internal static Command Build(bool attestation)
    {
        var image = new Argument<string?>("IMAGE")
        {
            Description = "registry/repo@sha256:... (a tag only with --allow-tag); with --layout, a digest or tag in the layout; with --local-image, a `cosign save` directory. Not with --from-pod-spec.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var fromPodSpec = new Option<string?>("--from-pod-spec") { Description = "Verify the image this pod's spec names for CONTAINER instead of IMAGE (reads the own Pod; docs/pod-check.md §2)." };
        var pod = new PodOptions();
        var output = new Option<string?>("--output", "-o")
        {
            Description = attestation
                ? "json or text; accepted as cosign accepts it: verify-attestation always prints each envelope on its line."
                : "With a preset or an ImagePolicy: text (default) or json, ImageGate's report. With cosign's signer flags: json (default), cosign's array of payloads, or text, one payload per line.",
        };
        output.AcceptOnlyFromAmong("text", "json");
        var marker = new Option<string?>("--marker") { Description = "Readiness marker to write (atomically) when verification succeeds; a stale one is removed first." };
        var sbomOut = new Option<string?>("--sbom-out") { Description = "Write the verified SBOM document (the attestation's predicate) here." };
        var allowTag = new Option<bool>("--allow-tag") { Description = "Accept a tag and verify the digest it resolves to (the pod must then run that same digest)." };
        var trustedRoot = new Option<string?>("--trusted-root") { Description = "trusted_root.json, or a directory holding it (default: the embedded Sigstore public-good root)." };
        var tuf = new TufOptions();
        var installGate = new Option<string?>("--install-gate") { Description = "After a successful verification, copy this binary to DIR/imagegate (for `imagegate exec`/`check` in the main container)." };
        var cosign = new CosignOptions();
        var policy = new PolicyOptions { Cosign = cosign, DefaultType = attestation ? "custom" : null };
        var sources = new SourceOptions();
        var command = attestation
            ? new Command("verify-attestation", "cosign verify-attestation, offline: verify the image's attestations of --type by the signer flags (and --policy FILE.cue); print each envelope.")
            : new Command("verify", "Verify an image's signature and attestations offline against a policy; write the readiness marker.");
        command.Arguments.Add(image);
        foreach (var option in new Option[] { output, marker, sbomOut, allowTag, trustedRoot, installGate, fromPodSpec })
        {
            command.Options.Add(option);
        }
        pod.AddTo(command);
        command.Validators.Add(result =>
        {
            bool typed = result.GetValue(image) is not null, fromPod = result.GetValue(fromPodSpec) is not null;
            if (typed == fromPod)
            {
                result.AddError(typed ? "IMAGE and --from-pod-spec both name the image; give one" : "IMAGE is required (or --from-pod-spec CONTAINER)");
            }
            else if (fromPod && result.GetValue(cosign.LocalImage))
            {
                result.AddError("--from-pod-spec reads a registry reference; --local-image names a directory: give one");
            }
            else if (fromPod && result.GetValue(pod.PodName) is null)
            {
                result.AddError("--from-pod-spec needs --pod-name (IMAGEGATE_POD_NAME from the downward API: fieldRef metadata.name)");
            }
            else if (!fromPod && new Option[] { pod.PodName, pod.PodNamespace, pod.ServiceAccountDirectory }.FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } stray)
            {
                result.AddError($"{stray.Name} is given without --from-pod-spec, which alone reads the pod");
            }
        });
        tuf.AddTo(command);
        policy.AddTo(command);
        sources.AddTo(command);
        cosign.AddTo(command);
        command.SetAction((parse, cancellationToken) => new VerifyRun
        {
            Sources = cosign.Apply(parse, sources.Read(parse, parse.GetValue(image) ?? string.Empty)),
            // The validator above has made sure --pod-name is there.
            FromPodSpec = parse.GetValue(fromPodSpec) is { } container && pod.TryRead(parse, "--from-pod-spec", out var podArguments) is null
                ? (container, podArguments!) : null,
            Output = Mode(parse.GetValue(output), attestation, policy.IsCosignShaped(parse), parse.GetValue(policy.Types) is { Length: > 0 }),
            Formats = cosign.Formats(parse),
            MarkerPath = parse.GetValue(marker),
            SbomPath = parse.GetValue(sbomOut),
            AllowTag = parse.GetValue(allowTag),
            TrustedRoot = parse.GetValue(trustedRoot),
            Tuf = tuf.Read(parse),
            InstallGate = parse.GetValue(installGate),
            ResolvePolicy = () => policy.TryResolve(parse, out var p) is { } failure ? (null, failure) : (p, null),
        }.RunAsync(cancellationToken));
        return command;
    }

    /// <summary>cosign's output whenever cosign's flags are the policy; ImageGate's report for a preset or an ImagePolicy.</summary>
    private static RunOutput Mode(string? output, bool attestation, bool cosignShaped, bool typed) =>
        attestation || (cosignShaped && typed) ? RunOutput.CosignAttestations
        : cosignShaped ? (output == "text" ? RunOutput.CosignSignatureText : RunOutput.CosignSignatures)
        : output == "json" ? RunOutput.Json : RunOutput.Text;
}
