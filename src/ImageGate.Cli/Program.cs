using System.CommandLine;
using ImageGate.Cli.Commands;
using ImageGate.Cli.Telemetry;

namespace ImageGate.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("ImageGate: verify a container image's Sigstore signature, SBOM and provenance offline.");
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(VerifyBundleCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(SbomCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(ExecCommand.Create());
        root.Subcommands.Add(PolicyCommand.Create());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"error: usage: {error.Message}");
            }
            return ExitCodes.Usage;
        }
        try
        {
            await using var telemetry = await TelemetryHost.StartAsync(CancellationToken.None).ConfigureAwait(false);
            return await parsed.InvokeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Fail closed: an unexpected exception is an internal error (exit 4), never a verification.
            Console.Error.WriteLine($"error: internal: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Internal;
        }
    }
}
