using Microsoft.Extensions.Logging;

namespace ImageGate.Cli.Telemetry;

/// <summary>
/// The one log record a verification run writes, at its verdict: what was decided, why, and for which digest.
/// Source-generated (no reflection, AOT-safe); it carries nothing from the registry credentials or OTEL headers.
/// </summary>
internal static partial class VerdictLog
{
    public const int VerdictEventId = 1;

    [LoggerMessage(EventId = VerdictEventId, EventName = "imagegate.verdict",
        Message = "verification {Outcome}: reason {Reason}, exit code {ExitCode}, digest {Digest}")]
    public static partial void Verdict(this ILogger logger, LogLevel level, string outcome, string reason, int exitCode, string digest);
}
