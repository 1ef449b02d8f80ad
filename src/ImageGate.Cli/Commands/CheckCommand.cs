using System.CommandLine;
using ImageGate.Cli.Logging;
using ImageGate.Cli.Reasons;
using ImageGate.Cli.Marker;

namespace ImageGate.Cli.Commands;

/// <summary><c>imagegate check --marker F --digest D</c>: the gate's test for startup probes; exit 0 or 1.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var gate = new GateOptions();
        var command = new Command("check", "Succeed only if the readiness marker exists and names the expected digest.");
        gate.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (gate.TryRead(parse, out var path, out var digest) is { } usage)
            {
                Log.Refuse(CliReasons.Usage, usage);
                return ExitCodes.Usage;
            }
            var problem = ReadinessMarker.Check(path, digest, out var found);
            if (problem is not null)
            {
                Log.Refuse(CliReasons.MarkerInvalid, problem);
                return ExitCodes.Rejected;
            }
            // A probe is asked again by the kubelet: one look at the pod, no waiting for its status.
            if (await gate.CheckPodAsync(parse, digest, TimeSpan.Zero, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return Log.Refuse(refused);
            }
            Console.Out.WriteLine($"verified: {found}");
            return ExitCodes.Verified;
        });
        return command;
    }
}
