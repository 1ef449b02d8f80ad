using System.CommandLine;
using System.Text.Json;
using ImageGate.Cli.Commands.Inspect;
using ImageGate.Oci;
using ImageGate.Oci.Layout;
using ImageGate.Oci.Registry;
using ImageGate.Oci.Registry.Auth;
using ImageGate.Verification.Discovery;

namespace ImageGate.Cli.Commands;

/// <summary><c>imagegate inspect IMAGE</c>: the resolved digest, platforms and every Sigstore artifact attached, like <c>cosign tree</c>.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "Image reference (registry/repo:tag or @sha256:...); with --layout, a tag or digest in the layout." };
        var layout = new Option<string?>("--layout") { Description = "Read from an OCI image layout or a `cosign save` layout instead of a registry." };
        var output = new Option<string>("--output") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var insecure = new Option<string[]>("--insecure-registry") { Description = "HOST[:PORT] that may be spoken to over plain HTTP (repeatable).", AllowMultipleArgumentsPerToken = false };
        var registryConfig = new Option<string?>("--registry-config") { Description = "Docker config.json or a mounted .dockerconfigjson with registry credentials." };
        var caFile = new Option<string?>("--registry-ca") { Description = "PEM file of extra CA certificates trusted for registry TLS." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds for the whole inspection, retries included.", DefaultValueFactory = _ => 60 };

        var command = new Command("inspect", "Show an image's digest, platforms and every Sigstore artifact attached to it (like cosign tree).")
        {
            image, layout, output, insecure, registryConfig, caFile, timeout,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new InspectArguments(
                parse.GetValue(image)!,
                parse.GetValue(layout),
                parse.GetValue(output) == "json",
                parse.GetValue(insecure) ?? [],
                parse.GetValue(registryConfig),
                parse.GetValue(caFile),
                parse.GetValue(timeout)),
            cancellationToken));
        return command;
    }

    private sealed record InspectArguments(string Image, string? Layout, bool Json, string[] InsecureHosts, string? RegistryConfig, string? CaFile, int TimeoutSeconds);

    private static async Task<int> RunAsync(InspectArguments args, CancellationToken cancellationToken)
    {
        if (args.TimeoutSeconds <= 0)
        {
            Console.Error.WriteLine("error: --timeout must be a positive number of seconds.");
            return ExitCodes.Usage;
        }
        var budget = TimeSpan.FromSeconds(args.TimeoutSeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        RegistryClient? client = null;
        var sourceName = args.Layout is null ? "registry" : "layout";
        try
        {
            IOciSource source;
            string reference;
            if (args.Layout is not null)
            {
                source = OciImageLayout.Open(args.Layout);
                reference = LayoutReference(args.Image);
            }
            else
            {
                var parsed = ImageReference.Parse(args.Image);
                client = new RegistryClient(new RegistryClientOptions
                {
                    InsecureHosts = args.InsecureHosts,
                    CaFile = args.CaFile,
                    Credentials = args.RegistryConfig is null ? null : CredentialStore.Load(args.RegistryConfig),
                    RetryBudget = budget,
                    RequestTimeout = budget < TimeSpan.FromSeconds(30) ? budget : TimeSpan.FromSeconds(30),
                });
                source = client.OpenRepository(parsed);
                reference = parsed.ManifestReference;
            }

            var result = await new ArtifactDiscoverer().DiscoverAsync(source, reference, deadline.Token).ConfigureAwait(false);
            var report = ToReport(args.Image, sourceName, result, client);
            Write(report, args.Json);
            return ExitCodes.Verified;
        }
        catch (OciSourceException e)
        {
            return Fail(args, sourceName, client, e.Reason, e.Message, ExitCodeFor(e.Reason));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Fail(args, sourceName, client, SourceReason.Unavailable,
                $"Expected the inspection to finish within {args.TimeoutSeconds} s, found it still waiting on the {sourceName}.", ExitCodes.Unavailable);
        }
        finally
        {
            client?.Dispose();
        }
    }

    /// <summary>With --layout the IMAGE argument only names a digest or tag; accept a full reference too and use its digest or tag.</summary>
    private static string LayoutReference(string image)
    {
        // A bare word is a tag as written ('v0.2.2'); only something shaped like a reference is parsed as one.
        if (Digest.TryParse(image, out _) || image.IndexOfAny(['/', ':', '@']) < 0)
        {
            return image;
        }
        return ImageReference.TryParse(image, out var reference, out _) ? reference.ManifestReference : image;
    }

    private static int ExitCodeFor(string reason) => reason switch
    {
        SourceReason.DigestMismatch or SourceReason.TooLarge or SourceReason.TooMany or SourceReason.Invalid => ExitCodes.Rejected,
        SourceReason.BadInput => ExitCodes.Usage,
        _ => ExitCodes.Unavailable,
    };

    private static int Fail(InspectArguments args, string sourceName, RegistryClient? client, string reason, string message, int exitCode)
    {
        Console.Error.WriteLine($"error: {reason}: {message}");
        if (args.Json)
        {
            Write(new InspectReport
            {
                Image = args.Image,
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
            SourceName(a.Source),
            FormatName(a.Format),
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

    private static string SourceName(ArtifactSource source) => source switch
    {
        ArtifactSource.ReferrersApi => "referrers-api",
        ArtifactSource.ReferrersTag => "referrers-tag",
        ArtifactSource.LegacyTag => "legacy-tag",
        _ => "layout",
    };

    private static string FormatName(ArtifactFormat format) => format switch
    {
        ArtifactFormat.Bundle => "bundle",
        ArtifactFormat.LegacySignature => "legacy-signature",
        _ => "legacy-attestation",
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
