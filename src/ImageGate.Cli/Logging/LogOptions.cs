using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace ImageGate.Cli.Logging;

/// <summary>
/// How stderr carries the run's events (docs/logging.md): <c>--log-format</c> and <c>--log-level</c>, on every command,
/// set like any option (a file, <c>IMAGEGATE_LOG_FORMAT</c>, <c>IMAGEGATE_LOG_LEVEL</c>). The last stderr line, the
/// one-line reason, is written whatever they say.
/// </summary>
internal static class LogOptions
{
    public static readonly Option<string> Format = new("--log-format")
    {
        Description = "auto (text on a terminal, JSON lines otherwise), text or json: how stderr carries events.",
        DefaultValueFactory = _ => "auto",
        Recursive = true,
    };

    public static readonly Option<string> Level = new("--log-level")
    {
        Description = "information, warning, error or none: the least severe event written to stderr.",
        DefaultValueFactory = _ => "information",
        Recursive = true,
    };

    static LogOptions()
    {
        Format.AcceptOnlyFromAmong("auto", "text", "json");
        Level.AcceptOnlyFromAmong("information", "warning", "error", "none");
    }

    public static void AddTo(Command root)
    {
        root.Options.Add(Format);
        root.Options.Add(Level);
    }

    /// <summary>The format the parsed command line asks for; auto is decided by whether stderr is a terminal.</summary>
    public static LogFormat ResolveFormat(string? value) => value switch
    {
        "text" => LogFormat.Text,
        "json" => LogFormat.Json,
        _ => Console.IsErrorRedirected ? LogFormat.Json : LogFormat.Text,
    };

    public static LogLevel ResolveLevel(string? value) => value switch
    {
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "none" => LogLevel.None,
        _ => LogLevel.Information,
    };
}

/// <summary>Human lines for a terminal; one JSON object per line for a log collector.</summary>
internal enum LogFormat
{
    Text,
    Json,
}
