using System.CommandLine;
using System.Runtime.InteropServices;
using ImageGate.Cli.Logging;
using ImageGate.Cli.Marker;
using ImageGate.Cli.Reasons;
using ImageGate.Oci;

namespace ImageGate.Cli.Commands;

/// <summary>
/// <c>imagegate exec --marker F --digest D -- CMD ARGS...</c>: the entrypoint gate. Re-reads the marker, checks it
/// names the expected digest, then replaces this process with CMD through execvp(3): nothing stays running beside
/// the real entrypoint, and signals go straight to it.
/// </summary>
internal static partial class ExecCommand
{
    /// <summary>The container is already running when exec checks it; the kubelet posts its imageID within a sync
    /// period or two, so exec asks again for this long before refusing.</summary>
    internal static readonly TimeSpan PodStatusWait = TimeSpan.FromSeconds(30);

    public static Command Create()
    {
        var gate = new GateOptions();
        var commandLine = new Argument<string[]>("COMMAND") { Description = "The real entrypoint and its arguments (after --).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("exec", "Run COMMAND in place of this process, only if the readiness marker names the expected digest.") { commandLine };
        gate.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var argv = parse.GetValue(commandLine) ?? [];
            var usage = gate.TryRead(parse, out var path, out var digest) ?? (argv.Length == 0 ? "no COMMAND after --" : null);
            if (usage is not null)
            {
                Log.Refuse(CliReasons.Usage, usage + "; imagegate exec --marker FILE --digest D -- COMMAND [ARGS...]");
                return ExitCodes.Usage;
            }
            var problem = ReadinessMarker.Check(path, digest, out _);
            if (problem is not null)
            {
                Log.Refuse(CliReasons.MarkerInvalid, $"{problem}; refusing to start {argv[0]}");
                return ExitCodes.Rejected;
            }
            if (await gate.CheckPodAsync(parse, digest, PodStatusWait, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                int exit = Log.Refuse(refused.Code, $"{refused.Message}; refusing to start {argv[0]}");
                return exit;
            }
            Log.Logger.Exec(path, digest, argv[0]);
            Console.Out.Flush();
            Console.Error.Flush();
            int errno = Exec(argv);
            Log.Refuse(SourceReason.Unavailable, $"cannot execute {argv[0]}: {Marshal.GetPInvokeErrorMessage(errno)}");
            return errno == 2 ? 127 : 126;
        });
        return command;
    }

    /// <summary>Returns only on failure, with errno.</summary>
    private static int Exec(string[] argv)
    {
        var pointers = new IntPtr[argv.Length + 1];
        try
        {
            for (int i = 0; i < argv.Length; i++)
            {
                pointers[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
            }
            execvp(argv[0], pointers);
            return Marshal.GetLastPInvokeError();
        }
        finally
        {
            foreach (var p in pointers)
            {
                Marshal.FreeCoTaskMem(p);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "execvp", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int execvp(string file, IntPtr[] argv);
}
