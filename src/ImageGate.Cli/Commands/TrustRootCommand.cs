using System.CommandLine;

namespace ImageGate.Cli.Commands;

/// <summary><c>trust-root</c>: look at the trust root a deployment mounts (subcommands only).</summary>
internal static class TrustRootCommand
{
    public static Command Create() =>
        new("trust-root", "Inspect a Sigstore trusted_root.json and check it against the TUF metadata that publishes it.") { TrustRootInspectCommand.Create() };
}
