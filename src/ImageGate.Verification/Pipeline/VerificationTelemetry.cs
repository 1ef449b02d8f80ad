using System.Diagnostics;
using System.Diagnostics.Metrics;
using ImageGate.Verification.Report;

namespace ImageGate.Verification.Pipeline;

/// <summary>
/// The BCL sources the pipeline reports through; the CLI decides whether an OpenTelemetry SDK listens.
/// With no listener, starting an activity returns null and costs next to nothing.
/// </summary>
public static class VerificationTelemetry
{
    public const string Name = "ImageGate";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>("imagegate.run.duration", "s", "Duration of one verification run.");

    public static readonly Counter<long> Runs = Meter.CreateCounter<long>("imagegate.runs", description: "Verification runs by outcome and reason code.");

    /// <summary>
    /// One <c>imagegate.requirement</c> span per requirement, at its outcome: met or not, why, and the identity that
    /// signed (on a mismatch, the one that was refused). A sibling of the artifact spans that decided it.
    /// </summary>
    public static void RecordRequirement(RequirementOutcome outcome, string? signerIdentity)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var activity = Source.StartActivity("imagegate.requirement");
        if (activity is null)
        {
            return;
        }
        activity.SetTag("imagegate.requirement", outcome.Name);
        activity.SetTag("imagegate.predicate_type", outcome.PredicateType);
        activity.SetTag("imagegate.outcome", outcome.Satisfied ? "verified" : "rejected");
        activity.SetTag("imagegate.signer.identity", signerIdentity);
        if (outcome.Failure is { } failure)
        {
            activity.SetTag("imagegate.reason", failure.Code);
            activity.SetStatus(ActivityStatusCode.Error, failure.Code);
        }
    }
}
