using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ImageGate.Cli.Logging;

/// <summary>
/// Writes events to stderr synchronously, one line each, so they are all out before the one-line reason that ends
/// the run (and before <c>exec</c> replaces the process). Text: <c>warning: MESSAGE</c>. JSON: one object with the
/// level, the stable event id and name, the message and each field of its template (docs/logging.md §2). No
/// timestamp and no trace id: the container runtime stamps every line, and a run's stderr is the same with
/// telemetry on or off. A conclusion (the verdict, a refusal) is not printed as text: the reason line says it.
/// </summary>
internal sealed class StderrLogger(LogFormat format, LogLevel minimum) : ILogger, ILoggerProvider
{
    private const string OriginalFormat = "{OriginalFormat}";

    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public LogFormat Format => format;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }
        string message = formatter(state, exception);
        if (format == LogFormat.Text)
        {
            if (!LogEvents.IsConclusion(eventId.Id))
            {
                Console.Error.WriteLine(TextPrefix(logLevel) + message);
            }
            return;
        }
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Json))
        {
            json.WriteStartObject();
            json.WriteString("level", LevelName(logLevel));
            json.WriteNumber("eventId", eventId.Id);
            json.WriteString("event", eventId.Name);
            json.WriteString("message", message);
            if (state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                foreach (var (key, value) in fields)
                {
                    if (key != OriginalFormat)
                    {
                        WriteField(json, char.ToLowerInvariant(key[0]) + key[1..], value);
                    }
                }
            }
            json.WriteEndObject();
        }
        Console.Error.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    ILogger ILoggerProvider.CreateLogger(string categoryName) => this;

    void IDisposable.Dispose()
    {
    }

    private static void WriteField(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case int number:
                json.WriteNumber(name, number);
                break;
            case long number:
                json.WriteNumber(name, number);
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            default:
                json.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string TextPrefix(LogLevel level) => level switch
    {
        LogLevel.Warning => "warning: ",
        LogLevel.Error or LogLevel.Critical => "error: ",
        LogLevel.Information => "info: ",
        _ => "debug: ",
    };

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "information",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "critical",
    };
}
