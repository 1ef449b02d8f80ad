using ImageGate.Cli.Reasons;
using ImageGate.Sigstore;
using Microsoft.Extensions.Logging;

namespace ImageGate.Cli.Logging;

/// <summary>
/// The run's logger: stderr in the format and level the command line asks for, and, while telemetry is on, the
/// OpenTelemetry SDK's logger factory as well (OTLP logs, Information and above whatever <c>--log-level</c> says:
/// the level keeps stderr, and so the termination message, short; the collector gets the whole trail).
/// </summary>
internal static class Log
{
    /// <summary>The category, named as the ActivitySource and the Meter are.</summary>
    public const string Category = "ImageGate";

    private static readonly char[] LineBreaks = ['\r', '\n'];

    private static StderrLogger _stderr = new(LogOptions.ResolveFormat(null), LogLevel.Information);

    public static ILogger Logger { get; private set; } = _stderr;

    /// <summary>Once the command line is parsed: what it says about stderr.</summary>
    public static void Configure(LogFormat format, LogLevel minimum)
    {
        _stderr = new StderrLogger(format, minimum);
        Logger = _stderr;
    }

    /// <summary>While telemetry is on, events also go to the SDK's factory; null returns to stderr alone.</summary>
    public static void UseTelemetry(ILoggerFactory? factory)
    {
        if (factory is null)
        {
            Logger = _stderr;
            return;
        }
        factory.AddProvider(_stderr);
        Logger = factory.CreateLogger(Category);
    }

    /// <summary>
    /// Ends a run that refused: the event (JSON only), then the one-line reason <c>error: CODE: SENTENCE</c> as the last
    /// stderr line in every format, which the kubelet shows as the termination message. Returns the code's exit code.
    /// </summary>
    public static int Refuse(string code, string message)
    {
        Logger.Refused(code, message);
        ReasonLine(code, message);
        return ReasonCatalogue.ExitCodeFor(code);
    }

    public static int Refuse(Failure failure) => Refuse(failure.Code, failure.Message);

    /// <summary>The one-line reason alone, for a run whose verdict event already carried it. One line whatever the
    /// message holds (the parser's "must be one of" lists its choices on lines of their own).</summary>
    public static void ReasonLine(string code, string message) =>
        Console.Error.WriteLine($"error: {code}: {string.Join(' ', message.Split(LineBreaks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");

}
