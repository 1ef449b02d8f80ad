using System.Diagnostics;
using ImageGate.Cli.Kubernetes;
using ImageGate.Cli.Logging;
using ImageGate.Cli.Marker;
using ImageGate.Cli.Output;
using ImageGate.Cli.Reasons;
using ImageGate.Cli.Sources;
using ImageGate.Cli.Telemetry;
using ImageGate.Oci;
using ImageGate.Sigstore;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Verification.Discovery;
using ImageGate.Verification.Pipeline;
using ImageGate.Verification.Policy;
using ImageGate.Verification.Report;
using Microsoft.Extensions.Logging;

namespace ImageGate.Cli.Commands;

/// <summary>
/// One verification run, shared by <c>verify</c>, <c>sbom</c> and <c>verify-image</c>: policy (no network before it is valid), stale
/// marker removed, trust root, source, discovery, the pipeline, then the outputs. Fail closed at every step.
/// </summary>
internal sealed class VerifyRun
{
    /// <summary>Set again once <see cref="FromPodSpec"/> has named the image.</summary>
    public required SourceArguments Sources { get; set; }

    /// <summary><c>--from-pod-spec</c>: the container whose spec image is verified, and the pod to read it from.</summary>
    public (string Container, PodArguments Pod)? FromPodSpec { get; init; }

    /// <summary>What stdout and stderr carry; the verdict never depends on it.</summary>
    public RunOutput Output { get; init; } = RunOutput.Text;

    /// <summary>With <see cref="RunOutput.SlsaVerifier"/>: print each verified provenance statement to stdout.</summary>
    public bool PrintProvenance { get; init; }

    public string? MarkerPath { get; init; }

    public string? SbomPath { get; init; }

    public bool AllowTag { get; init; }

    /// <summary>Whether the command has <c>--allow-tag</c> to suggest (slsa-verifier's <c>verify-image</c> has none).</summary>
    public bool OffersAllowTag { get; init; } = true;

    public string? TrustedRoot { get; init; }

    /// <summary>The TUF metadata the trust root must be published by (docs/trust-root.md §2), or null.</summary>
    public ImageGate.Cli.Tuf.TufArguments? Tuf { get; init; }

    /// <summary>Directory to copy this binary into after success, for the gate in the main container.</summary>
    public string? InstallGate { get; init; }

    public required Func<(ImagePolicy? Policy, Failure? Failure)> ResolvePolicy { get; init; }

    /// <summary>cosign's <c>--new-bundle-format</c>: which storage formats count.</summary>
    public FormatChoice Formats { get; init; } = FormatChoice.All;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    private RunDeadline _deadline = null!;

    /// <summary>The digest discovery resolved, for the verdict's log record (null if the run stopped before it).</summary>
    private string? _digest;

    /// <summary>Why the run refused: said by the verdict event, then by the last stderr line.</summary>
    private Failure? _refusal;

    /// <summary>The verified report, for slsa-verifier's lines after the verdict.</summary>
    private VerificationReport? _verified;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        _deadline = new RunDeadline(TimeSpan.FromSeconds(Sources.TimeoutSeconds + 1));
        using var activity = VerificationTelemetry.Source.StartActivity("imagegate.verify");
        activity?.SetTag("imagegate.image", Sources.Image);
        // The inner deadline cancels what can be cancelled with a precise message; this one, a second later, bounds
        // what cannot (a blocking read).
        var (code, reason) = await _deadline.RunAsync(
            () => RunStepsAsync(activity, cancellationToken),
            () => Error(SourceReason.Unavailable, $"expected the run to finish within {Sources.TimeoutSeconds} s; it was still reading its inputs"),
            cancellationToken).ConfigureAwait(false);
        string outcome = code == ExitCodes.Verified ? "verified" : "rejected";
        activity?.SetTag("imagegate.outcome", outcome);
        if (reason is not null)
        {
            activity?.SetTag("imagegate.reason", reason);
            activity?.SetStatus(ActivityStatusCode.Error, reason);
        }
        var tags = new TagList { { "outcome", outcome }, { "reason", reason ?? "none" } };
        var refusal = _refusal;
        Log.Logger.Verdict(refusal is null ? LogLevel.Information : LogLevel.Error, outcome, reason ?? "none", code, _digest ?? "unknown",
            refusal?.Message ?? "every requirement of the policy is met");
        VerificationTelemetry.Runs.Add(1, tags);
        VerificationTelemetry.RunDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        // Last on stderr: the one-line reason (the termination message), or slsa-verifier's PASSED.
        if (refusal is not null)
        {
            Log.ReasonLine(refusal.Code, refusal.Message);
        }
        else if (Output == RunOutput.SlsaVerifier && _verified is not null)
        {
            SlsaVerifierOutput.WritePassed(_verified, PrintProvenance);
        }
        return code;
    }

    private async Task<(int Code, string? Reason)> RunStepsAsync(Activity? activity, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(Sources.TimeoutSeconds));
        var (policy, policyFailure) = ResolvePolicy();
        if (policyFailure is not null)
        {
            return Error(policyFailure.Code, policyFailure.Message);
        }
        if (ReferenceTagBinding.TryBind(policy!, ImageSource.PinnedTag(Sources.Image), out var bound) is { } unbindable)
        {
            return Error(unbindable.Code, unbindable.Message);
        }
        policy = bound;
        if (policy.InsecureIgnoreTlog && policy.NeedsKeyless)
        {
            return Error(PolicyReasons.Invalid, "the transparency log may be ignored for key signers only, and this policy also accepts keyless signers");
        }
        if ((SbomPath is not null || SbomToStdout) && !policy.Attestations.Any(a => IsSbom(a.PredicateType)))
        {
            return Error(PolicyReasons.Invalid, "an SBOM was asked for, but the policy requires no SBOM attestation (cyclonedx or spdx)");
        }
        if (TrustRootLoader.TryLoad(TrustedRoot, Tuf, Time, out var root) is { } unloadable)
        {
            return Error(unloadable.Code, unloadable.Message);
        }
        if (TrustRootCapacity.Check(root!, policy!.InsecureIgnoreTlog ? 0 : policy.TlogThreshold, policy.SctThreshold, policy.NeedsKeyless) is { } unmeetable)
        {
            return Error(unmeetable.Code, unmeetable.Message);
        }
        if (policy.InsecureIgnoreTlog)
        {
            Log.Logger.TlogIgnored();
        }

        if (FromPodSpec is var (container, pod))
        {
            // Policy and trust root are valid by now; the pod is the first thing read over the network.
            string found = string.Empty;
            if (await PodReader.DecideAsync(pod, p => (PodSpecImage.TryFind(p, container, out found), false), TimeSpan.FromSeconds(Math.Min(10, Sources.TimeoutSeconds)),
                Time, Environment.GetEnvironmentVariable, handler: null, deadline.Token).ConfigureAwait(false) is { } unread)
            {
                return Error(unread.Code, unread.Message);
            }
            Sources = Sources.ForImage(found);
            activity?.SetTag("imagegate.image", found);
        }

        ImageSource? source = null;
        try
        {
            source = ImageSource.Open(Sources);
            if (!source.IsDigestPinned && !AllowTag)
            {
                return Error(CliReasons.Usage, $"\"{Sources.Image}\" is not pinned by digest: the pod must run exactly the digest verified here; pin it (@sha256:...){(OffersAllowTag ? " or pass --allow-tag" : string.Empty)}");
            }
            DiscoveryResult discovery;
            using (VerificationTelemetry.Source.StartActivity("imagegate.discover"))
            {
                discovery = await new ArtifactDiscoverer().DiscoverAsync(source.Source, source.Reference, deadline.Token).ConfigureAwait(false);
            }
            discovery = FormatFilter.Apply(discovery, Formats);
            _digest = discovery.Digest.ToString();
            activity?.SetTag("imagegate.image.digest", _digest);
            Log.Logger.ImageResolved(Sources.Image, _digest, source.Kind);
            VerificationReport report;
            using (VerificationTelemetry.Source.StartActivity("imagegate.policy"))
            {
                report = new ImageVerifier(root!, Time).Verify(Sources.Image, discovery, policy!, deadline.Token);
            }
            return Finish(report, discovery);
        }
        catch (OciSourceException e)
        {
            return Error(e.Reason, e.Message);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Error(SourceReason.Unavailable, $"expected the run to finish within {Sources.TimeoutSeconds} s; it was still waiting on the {source?.Kind ?? "source"}");
        }
        finally
        {
            source?.Dispose();
        }
    }

    private bool SbomToStdout => Output == RunOutput.Sbom;

    private (int, string?) Finish(VerificationReport report, DiscoveryResult discovery)
    {
        LogRequirements(report);
        switch (Output)
        {
            case RunOutput.CosignSignatures or RunOutput.CosignSignatureText or RunOutput.CosignAttestations when report.Verified:
                // cosign prints only after success: a failed run leaves stdout empty for the pipe that reads it.
                CosignOutput.WriteHeader(Console.Error, report);
                using (var stdout = Console.OpenStandardOutput())
                {
                    string name = Sources.LocalImage ? Sources.Image : CosignName(Sources.Image, report.Digest);
                    if (Output == RunOutput.CosignAttestations)
                    {
                        CosignOutput.WriteAttestations(stdout, report, discovery);
                    }
                    else if (Output == RunOutput.CosignSignatures)
                    {
                        CosignOutput.WriteSignatures(stdout, report, discovery, name);
                    }
                    else
                    {
                        CosignOutput.WriteSignaturePayloads(stdout, report, discovery, name);
                    }
                }
                break;
            case RunOutput.Json:
                using (var stdout = Console.OpenStandardOutput())
                {
                    ReportWriter.WriteJson(report, stdout);
                }
                break;
            case RunOutput.Text:
                ReportWriter.WriteText(report, Console.Out);
                break;
        }
        if (!report.Verified)
        {
            // The report is the output (on stdout in json mode already); the failure is only said on stderr.
            return Refused(report.FirstFailure!);
        }
        if (!_deadline.TryCommit())
        {
            return (ExitCodes.Unavailable, SourceReason.Unavailable);
        }
        try
        {
            if (SbomPath is not null || SbomToStdout)
            {
                var sbom = report.Requirements.FirstOrDefault(r => IsSbom(r.PredicateType))?.Evidence?.Statement;
                if (sbom is null || !StatementPredicate.TryExtract(sbom.Value, out var predicate))
                {
                    return Error(ReasonCodes.StatementMalformed, "the verified SBOM statement has no predicate");
                }
                if (SbomToStdout)
                {
                    using var stdout = Console.OpenStandardOutput();
                    stdout.Write(predicate.Span);
                }
                else
                {
                    ReadinessMarker.WriteAtomically(SbomPath!, predicate.ToArray());
                }
            }
            if (InstallGate is not null)
            {
                GateInstaller.Install(InstallGate);
            }
            if (MarkerPath is not null)
            {
                using (VerificationTelemetry.Source.StartActivity("imagegate.marker"))
                {
                    ReadinessMarker.WriteAtomically(MarkerPath, ReadinessMarker.Serialize(report));
                }
                Log.Logger.MarkerWritten(report.Digest, MarkerPath);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Error(SourceReason.Unavailable, $"verified, but cannot write the output: {e.Message}");
        }
        _verified = report;
        return (ExitCodes.Verified, null);
    }

    /// <summary>The docker-reference cosign puts in its output: go-containerregistry's name, repository@digest.</summary>
    private static string CosignName(string image, string digest) =>
        ImageReference.TryParse(image, out var parsed, out _) ? $"{parsed.Registry}/{parsed.Repository}@{digest}" : image;

    private static bool IsSbom(string predicateType) =>
        predicateType is PredicateTypeNames.CycloneDx or "https://spdx.dev/Document";

    /// <summary>Each requirement's outcome, as an event: the trail a collector keeps beside the verdict.</summary>
    private static void LogRequirements(VerificationReport report)
    {
        foreach (var requirement in report.Requirements)
        {
            if (requirement.Evidence is { } evidence)
            {
                Log.Logger.RequirementMet(requirement.Name, evidence.Format, evidence.ArtifactDigest, evidence.Identity ?? "a key", evidence.Issuer ?? "no issuer");
            }
            else if (requirement.Failure is { } failure)
            {
                Log.Logger.RequirementUnmet(requirement.Name, failure.Code, failure.Message);
            }
        }
    }

    /// <summary>Reports a failure (with the error object on stdout in json mode); its exit code comes from
    /// <see cref="ReasonCatalogue"/>, never from the call site.</summary>
    private (int, string?) Error(string code, string message)
    {
        if (Output == RunOutput.Json)
        {
            using var stdout = Console.OpenStandardOutput();
            ReportWriter.WriteError(stdout, code, message);
        }
        return Refused(new Failure(code, message));
    }

    /// <summary>Records why the run refused; <see cref="RunAsync"/> says it, after the verdict event, as the last stderr line.</summary>
    private (int, string?) Refused(Failure failure)
    {
        _refusal ??= failure;
        return (ReasonCatalogue.ExitCodeFor(failure.Code), failure.Code);
    }
}

/// <summary>Where a run's outcome is written, besides the error line on stderr that every mode has.</summary>
internal enum RunOutput
{
    /// <summary>The human summary on stdout.</summary>
    Text,

    /// <summary>The full report as JSON on stdout.</summary>
    Json,

    /// <summary>The verified SBOM document on stdout, nothing else (<c>sbom</c> without a file).</summary>
    Sbom,

    /// <summary>slsa-verifier's lines on stderr, the provenance on stdout when asked (<c>verify-image</c>).</summary>
    SlsaVerifier,

    /// <summary><c>cosign verify -o json</c>: a JSON array of simple-signing payloads.</summary>
    CosignSignatures,

    /// <summary><c>cosign verify -o text</c>: each signature's payload on its line.</summary>
    CosignSignatureText,

    /// <summary><c>cosign verify-attestation</c>: each verified DSSE envelope on its line.</summary>
    CosignAttestations,
}
