using System.CommandLine;

namespace ImageGate.Cli.Marker;

/// <summary>
/// <c>verify --marker F</c> (or <c>IMAGEGATE_MARKER</c>) removes F before anything else can fail, usage errors
/// included: a run that exits for any reason must never leave a marker from an earlier run for the gate to accept.
/// The path is read from the raw tokens, so it is honoured even when the rest of the command line does not parse.
/// </summary>
internal static class StaleMarker
{
    /// <summary>Returns why the stale marker could not be removed, or null (removed, or none was named).</summary>
    public static string? RemoveFirst(ParseResult parse)
    {
        if (parse.CommandResult.Command.Name != "verify")
        {
            return null;
        }
        string? path = null;
        foreach (var option in parse.CommandResult.Command.Options)
        {
            if (option.Name == "--marker" && parse.GetResult(option) is { Tokens: [.., var last] })
            {
                path = last.Value;
            }
        }
        path ??= Environment.GetEnvironmentVariable("IMAGEGATE_MARKER");
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }
        try
        {
            ReadinessMarker.RemoveStale(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot remove the stale marker {path}: {e.Message}";
        }
    }
}
