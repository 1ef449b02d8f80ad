using System.CommandLine;

namespace ImageGate.Cli.Commands;

internal static class VerifyBundleCommand
{
    public static Command Create()
    {
        var command = new Command("verify-bundle", "Verify one Sigstore bundle (sigstore-conformance CLI protocol).");
        command.SetAction(_ => ExitCodes.Internal);
        return command;
    }
}
