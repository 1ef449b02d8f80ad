using System.CommandLine;
using ImageGate.Cli.Logging;
using ImageGate.Cli.Reasons;
using ImageGate.Cli.Output;
using ImageGate.Cli.Tuf;
using ImageGate.Sigstore;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Sigstore.Tuf;

namespace ImageGate.Cli.Commands;

/// <summary>
/// <c>trust-root inspect [FILE|DIR]</c> (docs/trust-root.md §1): the file's digest and every CA, log and timestamp
/// authority with its window, flagged expired, expiring within 30 days or unusable; with <c>--tuf-metadata</c>, the
/// TUF check too. Exit 0 when it parses (states are reported, not fatal), 2 when it does not, 3 when it cannot be
/// read; a failed TUF check exits as its reason code says.
/// </summary>
internal static class TrustRootInspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE") { Description = "trusted_root.json, or a directory holding it (default: the embedded production root).", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string>("--output", "-o") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var tuf = new TufOptions();
        var command = new Command("inspect", "Show a trust root's digest and each entry's validity window (expired, expiring within 30 days, unusable).")
        {
            file, output,
        };
        tuf.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
            Task.FromResult(Run(parse.GetValue(file), parse.GetValue(output) == "json", tuf.Read(parse), TimeProvider.System, Console.Out, cancellationToken)));
        return command;
    }

    /// <summary>The whole command, with the clock and stdout injected (stderr is the run's log).</summary>
    internal static int Run(string? path, bool json, TufArguments? tuf, TimeProvider time, TextWriter output, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        string source = path ?? "embedded production root";
        if (TrustRootLoader.TryRead(path, staging: false, out var bytes) is { } unread)
        {
            return Log.Refuse(unread);
        }
        var malformed = TrustedRootParser.TryParse(bytes, out var root);
        if (malformed is not null)
        {
            Log.Refuse(malformed);
            if (json)
            {
                TrustRootReportWriter.WriteJsonError(output, source, malformed);
            }
            return ExitCodes.Usage;
        }
        TufVerification? checkedTuf = null;
        int? tufExit = null;
        if (tuf is not null && TufCheck.Run(bytes, tuf, time, cancellationToken, out checkedTuf) is { } refused)
        {
            tufExit = Log.Refuse(refused);
        }
        var entries = TrustRootEntries.List(root!, now);
        if (json)
        {
            TrustRootReportWriter.WriteJson(output, source, root!, entries, now, checkedTuf);
        }
        else
        {
            TrustRootReportWriter.WriteText(output, source, root!, entries, now, checkedTuf);
        }
        return tufExit ?? ExitCodes.Verified;
    }
}
