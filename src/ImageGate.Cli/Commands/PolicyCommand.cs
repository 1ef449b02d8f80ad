using System.CommandLine;

namespace ImageGate.Cli.Commands;

/// <summary><c>policy</c>: tools for people writing policies (subcommands only).</summary>
internal static class PolicyCommand
{
    public static Command Create() =>
        new("policy", "Work with attestation policies.") { PolicyEvalCommand.Create() };
}
