using System.CommandLine;
using ImageGate.Cli.Commands;
using ImageGate.Cli.Configuration;
using ImageGate.Cli.Logging;
using ImageGate.Cli.Marker;
using ImageGate.Oci;
using ImageGate.Cli.Reasons;
using ImageGate.Cli.Telemetry;

namespace ImageGate.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => RunAsync(Commands(), args);

    /// <summary>Settings for any command, below the environment and the command line (docs: README, "Configuration").</summary>
    internal static readonly Option<string?> Config = new("--config")
    {
        Description = "A YAML or JSON file of settings (option names without the dashes); IMAGEGATE_* variables and arguments override it.",
        Recursive = true,
    };

    private static RootCommand Commands()
    {
        var root = new RootCommand("ImageGate: verify a container image's Sigstore signature, SBOM and provenance offline.");
        root.Options.Add(Config);
        LogOptions.AddTo(root);
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
        // The stale marker goes first, from the command line as typed, before anything else can fail.
        var typed = root.Parse(args);
        if (StaleMarker.RemoveFirst(typed) is { } stuck)
        {
            return Log.Refuse(SourceReason.Unavailable, stuck);
        }
        if (SettingsComposer.TryCompose(root, typed, Config, args, Environment.GetEnvironmentVariables(), out var composed) is { } unusable)
        {
            return Log.Refuse(CliReasons.Usage, unusable);
        }
        var parsed = ReferenceEquals(composed, args) ? typed : root.Parse(composed);
        // A marker named only in the settings file is known now.
        if (!ReferenceEquals(parsed, typed) && StaleMarker.RemoveFirst(parsed) is { } stuckToo)
        {
            return Log.Refuse(SourceReason.Unavailable, stuckToo);
        }
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Log.Refuse(CliReasons.Usage, error.Message);
            }
            return ExitCodes.Usage;
        }
        if (CommandLineValues.FindBlank(parsed) is { } invalid)
        {
            return Log.Refuse(CliReasons.Usage, invalid);
        }
        Log.Configure(LogOptions.ResolveFormat(parsed.GetValue(LogOptions.Format)), LogOptions.ResolveLevel(parsed.GetValue(LogOptions.Level)));
        try
        {
            await using var telemetry = TelemetryHost.Start(TimeProvider.System);
            // Without this, System.CommandLine catches an exception itself and exits 1, which reads as "rejected".
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Fail closed: an unexpected exception is an internal error (exit 4), never a verification.
            return Log.Refuse(CliReasons.Internal, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
