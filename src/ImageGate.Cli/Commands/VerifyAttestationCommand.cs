using System.CommandLine;

namespace ImageGate.Cli.Commands;

/// <summary>
/// <c>imagegate verify-attestation IMAGE</c>: cosign's command of that name, offline, with its flags and output
/// (one verified DSSE envelope per line), so <c>| jq -r .payload | base64 -d | jq -r .predicate</c> gives the
/// attested document. Without <c>--type</c> it asks for cosign's default, <c>custom</c>.
/// </summary>
internal static class VerifyAttestationCommand
{
    public static Command Create() => VerifyCommand.Build(attestation: true);
}
