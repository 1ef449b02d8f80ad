using System.CommandLine;
using ImageGate.Cli.Logging;
using System.Text.Json;
using ImageGate.Cli.Commands.Inspect;
using ImageGate.Cli.Reasons;
using ImageGate.Cli.Sources;
using ImageGate.Oci;
using ImageGate.Oci.Registry;
using ImageGate.Verification.Discovery;

namespace ImageGate.Cli.Commands;

/// <summary><c>imagegate inspect IMAGE</c>: the resolved digest, platforms and every Sigstore artifact attached, like <c>cosign tree</c>.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "Image reference (registry/repo:tag or @sha256:...); with --layout, a tag or digest in the layout." };
        var output = new Option<string>("--output") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var sources = new SourceOptions();
        var command = new Command("inspect", "Show an image's digest, platforms and every Sigstore artifact attached to it (like cosign tree).")
        {
            image, output,
        };
        sources.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var args = sources.Read(parse, parse.GetValue(image)!);
            bool json = parse.GetValue(output) == "json";
            // The inner deadline cancels what can be cancelled; this one bounds a read that cannot be.
            return new RunDeadline(TimeSpan.FromSeconds(args.TimeoutSeconds + 1)).RunAsync(
                () => RunAsync(args, json, cancellationToken),
                () => Fail(args.Image, json, args.Layout is null ? "registry" : "layout", null, SourceReason.Unavailable,
                    $"Expected the inspection to finish within {args.TimeoutSeconds} s, found it still reading its source.", ExitCodes.Unavailable),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(SourceArguments args, bool json, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(args.TimeoutSeconds));
        ImageSource? source = null;
        var sourceName = args.Layout is null ? "registry" : "layout";
        try
        {
            source = ImageSource.Open(args);
            var result = await new ArtifactDiscoverer().DiscoverAsync(source.Source, source.Reference, deadline.Token).ConfigureAwait(false);
            Write(ToReport(args.Image, sourceName, result, source.Client), json);
            return ExitCodes.Verified;
        }
        catch (OciSourceException e)
        {
            return Fail(args.Image, json, sourceName, source?.Client, e.Reason, e.Message, ReasonCatalogue.ExitCodeFor(e.Reason));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Fail(args.Image, json, sourceName, source?.Client, SourceReason.Unavailable,
                $"Expected the inspection to finish within {args.TimeoutSeconds} s, found it still waiting on the {sourceName}.", ExitCodes.Unavailable);
        }
        finally
        {
            source?.Dispose();
        }
    }

    private static int Fail(string image, bool json, string sourceName, RegistryClient? client, string reason, string message, int exitCode)
    {
        Log.Refuse(reason, message);
        if (json)
        {
            Write(new InspectReport
            {
                Image = image,
                Source = sourceName,
                RegistryRequests = client?.RequestCount ?? 0,
                RegistryConnections = client?.ConnectionCount ?? 0,
                Error = new InspectError(reason, message),
            }, json: true);
        }
        return exitCode;
    }

    private static InspectReport ToReport(string image, string sourceName, DiscoveryResult result, RegistryClient? client) => new()
    {
        Image = image,
        Source = sourceName,
        Digest = result.Digest.ToString(),
        MediaType = result.MediaType,
        Platforms = result.Platforms.Select(p => p.ToString()).ToList(),
        Artifacts = result.Artifacts.Select(a => new InspectArtifact(
            ArtifactNames.Source(a.Source),
            ArtifactNames.Format(a.Format),
            a.IsSignature ? "signature" : "attestation",
            a.MediaType,
            a.Digest.ToString(),
            a.ManifestDigest.ToString(),
            a.PredicateType,
            a.BundleMediaType)).ToList(),
        Skipped = result.Notes.Select(n => new InspectNote(n.Where, n.Reason)).ToList(),
        RegistryRequests = client?.RequestCount ?? 0,
        RegistryConnections = client?.ConnectionCount ?? 0,
    };

    private static void Write(InspectReport report, bool json)
    {
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, InspectJsonContext.Default.InspectReport));
            return;
        }
        var o = Console.Out;
        o.WriteLine($"{report.Image}");
        o.WriteLine($"  digest:     {report.Digest}");
        o.WriteLine($"  media type: {report.MediaType}");
        if (report.Platforms is { Count: > 0 } platforms)
        {
            o.WriteLine($"  platforms:  {string.Join(", ", platforms)}");
        }
        var artifacts = report.Artifacts ?? [];
        o.WriteLine($"  Sigstore artifacts: {artifacts.Count}");
        foreach (var a in artifacts)
        {
            o.WriteLine($"  └─ {a.Kind} ({a.Format}, found via {a.Source})");
            o.WriteLine($"       predicate type: {a.PredicateType ?? "(none: simple signing)"}");
            o.WriteLine($"       media type:     {a.MediaType}");
            o.WriteLine($"       layer:          {a.Digest}");
            o.WriteLine($"       manifest:       {a.ManifestDigest}");
        }
        foreach (var n in report.Skipped ?? [])
        {
            o.WriteLine($"  skipped {n.Where}: {n.Reason}");
        }
        if (report.Source == "registry")
        {
            o.WriteLine($"  registry requests: {report.RegistryRequests} over {report.RegistryConnections} connection(s)");
        }
    }
}
