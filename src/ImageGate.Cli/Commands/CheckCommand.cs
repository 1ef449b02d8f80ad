using System.CommandLine;
using ImageGate.Cli.Marker;

namespace ImageGate.Cli.Commands;

/// <summary><c>imagegate check --marker F [--digest D]</c>: the gate's test for startup probes; exit 0 or 1.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var marker = new Option<string?>("--marker") { Description = "The readiness marker written by `imagegate verify`." };
        var digest = new Option<string?>("--digest") { Description = "The digest the marker must name (sha256:...)." };
        var command = new Command("check", "Succeed only if the readiness marker exists and names the expected digest.") { marker, digest };
        command.SetAction(parse =>
        {
            var path = EnvironmentDefaults.Get(parse, marker, "IMAGEGATE_MARKER");
            if (path is null)
            {
                Console.Error.WriteLine("error: usage: --marker is required");
                return ExitCodes.Usage;
            }
            var problem = ReadinessMarker.Check(path, EnvironmentDefaults.Get(parse, digest, "IMAGEGATE_DIGEST"), out var found);
            if (problem is not null)
            {
                Console.Error.WriteLine($"error: marker.invalid: {problem}");
                return ExitCodes.Rejected;
            }
            Console.Out.WriteLine($"verified: {found}");
            return ExitCodes.Verified;
        });
        return command;
    }
}
