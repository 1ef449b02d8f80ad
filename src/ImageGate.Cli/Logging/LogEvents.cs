using Microsoft.Extensions.Logging;

namespace ImageGate.Cli.Logging;

/// <summary>
/// Every event imagegate logs, with its stable id and name (docs/logging.md §3): ids are never reused or renumbered,
/// so a collector's alert on <c>eventId 1</c> keeps meaning the verdict. Source-generated (no reflection, AOT-safe);
/// no field carries a registry credential or an OTEL header.
/// </summary>
internal static partial class LogEvents
{
    public const int VerdictId = 1;

    public const int RefusedId = 2;

    /// <summary>The verdict and a refusal conclude a run: as text, the reason line that follows says the same.</summary>
    public static bool IsConclusion(int id) => id is VerdictId or RefusedId;

    [LoggerMessage(EventId = VerdictId, EventName = "imagegate.verdict",
        Message = "verification {Outcome}: reason {Reason}, exit code {ExitCode}, digest {Digest}: {Detail}")]
    public static partial void Verdict(this ILogger logger, LogLevel level, string outcome, string reason, int exitCode, string digest, string detail);

    [LoggerMessage(EventId = RefusedId, EventName = "imagegate.refused", Level = LogLevel.Error, Message = "{Reason}: {Detail}")]
    public static partial void Refused(this ILogger logger, string reason, string detail);

    [LoggerMessage(EventId = 10, EventName = "imagegate.trust_root.entry", Level = LogLevel.Warning, Message = "trust root: {Entry} {Condition}")]
    public static partial void TrustRootEntry(this ILogger logger, string entry, string condition);

    [LoggerMessage(EventId = 11, EventName = "imagegate.tlog.ignored", Level = LogLevel.Warning,
        Message = "the transparency log is ignored (--insecure-ignore-tlog or thresholds.tlog: 0): a key-signed signature is accepted without proof that it was ever published")]
    public static partial void TlogIgnored(this ILogger logger);

    [LoggerMessage(EventId = 12, EventName = "imagegate.telemetry.off", Level = LogLevel.Warning,
        Message = "telemetry is off: the OTEL_* settings were refused ({ExceptionType})")]
    public static partial void TelemetryOff(this ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 13, EventName = "imagegate.tuf.stale", Level = LogLevel.Warning,
        Message = "tuf: {Expired}; the metadata in {Directory} is stale: refresh it (--tuf-require-fresh refuses it)")]
    public static partial void TufStale(this ILogger logger, string expired, string directory);

    [LoggerMessage(EventId = 20, EventName = "imagegate.trust_root.loaded", Level = LogLevel.Information,
        Message = "trust root {Source} ({Digest}), {Tuf}")]
    public static partial void TrustRootLoaded(this ILogger logger, string source, string digest, string tuf);

    [LoggerMessage(EventId = 21, EventName = "imagegate.image.resolved", Level = LogLevel.Information,
        Message = "image {Image} resolved to {Digest} from the {Source}")]
    public static partial void ImageResolved(this ILogger logger, string image, string digest, string source);

    [LoggerMessage(EventId = 22, EventName = "imagegate.requirement.met", Level = LogLevel.Information,
        Message = "requirement {Requirement} met by {Format} {Artifact}, signed by {Identity} ({Issuer})")]
    public static partial void RequirementMet(this ILogger logger, string requirement, string format, string artifact, string identity, string issuer);

    [LoggerMessage(EventId = 23, EventName = "imagegate.requirement.unmet", Level = LogLevel.Warning,
        Message = "requirement {Requirement} not met: {Reason}: {Detail}")]
    public static partial void RequirementUnmet(this ILogger logger, string requirement, string reason, string detail);

    [LoggerMessage(EventId = 24, EventName = "imagegate.marker.written", Level = LogLevel.Information,
        Message = "readiness marker for {Digest} written to {Path}")]
    public static partial void MarkerWritten(this ILogger logger, string digest, string path);

    [LoggerMessage(EventId = 25, EventName = "imagegate.exec", Level = LogLevel.Information,
        Message = "marker {Path} names {Digest}: starting {Command}")]
    public static partial void Exec(this ILogger logger, string path, string digest, string command);
}
