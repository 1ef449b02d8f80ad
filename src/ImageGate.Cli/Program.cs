using System.CommandLine;
using ImageGate.Cli.Commands;
using ImageGate.Cli.Marker;
using ImageGate.Cli.Telemetry;

namespace ImageGate.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => RunAsync(Commands(), args);

    private static RootCommand Commands()
    {
        var root = new RootCommand("ImageGate: verify a container image's Sigstore signature, SBOM and provenance offline.");
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(VerifyAttestationCommand.Create());
        root.Subcommands.Add(VerifyBundleCommand.Create());
        root.Subcommands.Add(VerifyArtifactCommand.Create());
        root.Subcommands.Add(VerifyImageCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(SbomCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(ExecCommand.Create());
        root.Subcommands.Add(PolicyCommand.Create());
        root.Subcommands.Add(TrustRootCommand.Create());
        return root;
    }

    /// <summary>Parse, refuse what cannot be configured (exit 2), run; every exception becomes exit 4.</summary>
    internal static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (StaleMarker.RemoveFirst(parsed) is { } stuck)
        {
            Console.Error.WriteLine($"error: source.unavailable: {stuck}");
            return ExitCodes.Unavailable;
        }
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"error: usage: {error.Message}");
            }
            return ExitCodes.Usage;
        }
        if ((CommandLineValues.FindBlank(parsed) ?? EnvironmentDefaults.Validate(Environment.GetEnvironmentVariables())) is { } invalid)
        {
            Console.Error.WriteLine($"error: usage: {invalid}");
            return ExitCodes.Usage;
        }
        try
        {
            await using var telemetry = await TelemetryHost.StartAsync(CancellationToken.None).ConfigureAwait(false);
            // Without this, System.CommandLine catches an exception itself and exits 1, which reads as "rejected".
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Fail closed: an unexpected exception is an internal error (exit 4), never a verification.
            Console.Error.WriteLine($"error: internal: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Internal;
        }
    }
}
