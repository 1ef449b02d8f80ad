using System.CommandLine;
using ImageGate.Cli.Commands;

namespace ImageGate.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("ImageGate: verify a container image's Sigstore signature, SBOM and provenance offline.");
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(VerifyBundleCommand.Create());
        root.Subcommands.Add(SbomCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(ExecCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(PolicyCommand.Create());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"error: {error.Message}");
            }
            return ExitCodes.Usage;
        }
        return parsed.Invoke();
    }
}
