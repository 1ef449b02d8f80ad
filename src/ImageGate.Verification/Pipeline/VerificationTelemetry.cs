using System.Diagnostics;
using System.Diagnostics.Metrics;

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
}
