namespace ImageGate.Cli.Reasons;

/// <summary>The reason codes the CLI itself raises: a command line or environment it cannot use, a marker the gate
/// refuses, and a bug.</summary>
internal static class CliReasons
{
    public const string Usage = "usage";
    public const string MarkerInvalid = "marker.invalid";
    public const string Internal = "internal";
}
