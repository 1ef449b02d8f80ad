using System.CommandLine;
using ImageGate.Oci;
using ImageGate.Oci.Registry.Mirrors;

namespace ImageGate.Cli.Sources;

/// <summary>The options every command that reads an image shares (registry or layout), declared once.</summary>
internal sealed class SourceOptions
{
    public Option<string?> Layout { get; } = new("--layout") { Description = "Read from an OCI image layout or a `cosign save` layout instead of a registry (IMAGE then names a digest or tag in it)." };

    public Option<string[]> InsecureRegistry { get; } = new("--insecure-registry") { Description = "HOST[:PORT] that may be spoken to over plain HTTP (repeatable)." };

    public Option<bool> AllowHttpRegistry { get; } = new("--allow-http-registry") { Description = "Speak plain HTTP to the image's registry (cosign's flag; --insecure-registry for its host)." };

    public Option<string?> RegistryConfig { get; } = new("--registry-config") { Description = "Docker config.json or a mounted .dockerconfigjson with registry credentials." };

    public Option<string?> RegistryCa { get; } = new("--registry-ca", "--registry-cacert") { Description = "PEM file of extra CA certificates trusted for registry TLS (--registry-cacert is cosign's name)." };

    public Option<string[]> RegistryMirror { get; } = new("--registry-mirror") { Description = "REGISTRY=MIRROR: read REGISTRY's content through MIRROR ([https://|http://]host[:port]) first (repeatable: mirrors in order, then REGISTRY itself); everything is still checked against its digest." };

    public Option<string[]> RegistryMirrorOnly { get; } = new("--registry-mirror-only") { Description = "REGISTRY whose --registry-mirror mirrors are the only hosts read: never fall back to REGISTRY itself (repeatable)." };

    public Option<int> Timeout { get; } = new("--timeout") { Description = "Seconds for the whole run, retries included.", DefaultValueFactory = _ => 60 };

    /// <summary>A day: longer is a mistake, and CancelAfter cannot represent much more (about 49 days).</summary>
    public const int MaxTimeoutSeconds = 86_400;

    public SourceOptions()
    {
        // Both checked as the values are parsed, so a bad mirror from the settings file or IMAGEGATE_REGISTRY_MIRROR
        // is a usage error before any I/O, exactly as when typed.
        RegistryMirror.Validators.Add(result =>
        {
            if (Mirrors(result.GetValueOrDefault<string[]>(), result.Parent?.GetResult(RegistryMirrorOnly)?.GetValueOrDefault<string[]>(),
                result.Parent?.GetResult(InsecureRegistry)?.GetValueOrDefault<string[]>(), out _) is { } problem)
            {
                result.AddError(problem);
            }
        });
        RegistryMirrorOnly.Validators.Add(result =>
        {
            if (result.Parent?.GetResult(RegistryMirror) is null && result.GetValueOrDefault<string[]>() is { Length: > 0 } only)
            {
                result.AddError($"--registry-mirror-only {only[0]} names a registry without --registry-mirror {only[0]}=MIRROR: nothing could be read from it");
            }
        });
        Timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxTimeoutSeconds)
            {
                result.AddError($"--timeout must be a whole number of seconds from 1 to {MaxTimeoutSeconds}");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Layout);
        command.Options.Add(InsecureRegistry);
        command.Options.Add(AllowHttpRegistry);
        command.Options.Add(RegistryConfig);
        command.Options.Add(RegistryCa);
        command.Options.Add(RegistryMirror);
        command.Options.Add(RegistryMirrorOnly);
        command.Options.Add(Timeout);
    }

    private static string? Mirrors(string[]? values, string[]? only, string[]? insecure, out Dictionary<string, MirrorSet> sets) =>
        RegistryMirrorValues.TryParse(values ?? [], only ?? [], insecure ?? [], out sets);

    public SourceArguments Read(ParseResult parse, string image)
    {
        // The validators have refused every value this could refuse.
        _ = Mirrors(parse.GetValue(RegistryMirror), parse.GetValue(RegistryMirrorOnly), parse.GetValue(InsecureRegistry), out var mirrors);
        return new(
            image,
            parse.GetValue(Layout),
            [.. parse.GetValue(InsecureRegistry) ?? [], .. parse.GetValue(AllowHttpRegistry) && ImageReference.TryParse(image, out var named, out _) ? [named.Registry] : Array.Empty<string>()],
            parse.GetValue(RegistryConfig),
            parse.GetValue(RegistryCa),
            parse.GetValue(Timeout))
        {
            Mirrors = mirrors,
            AllowHttpRegistry = parse.GetValue(AllowHttpRegistry),
        };
    }
}

internal sealed record SourceArguments(string Image, string? Layout, string[] InsecureHosts, string? RegistryConfig, string? CaFile, int TimeoutSeconds)
{
    /// <summary>cosign's <c>--local-image</c>: <see cref="Image"/> is the directory of a <c>cosign save</c> layout.</summary>
    public bool LocalImage { get; init; }

    /// <summary><c>--allow-http-registry</c>: plain HTTP to the image's own registry, whichever image that turns out to be.</summary>
    public bool AllowHttpRegistry { get; init; }

    /// <summary>The same sources for an image known only now (<c>--from-pod-spec</c>): its registry gets the HTTP allowance too.</summary>
    public SourceArguments ForImage(string image) => this with
    {
        Image = image,
        InsecureHosts = [.. InsecureHosts, .. AllowHttpRegistry && ImageReference.TryParse(image, out var named, out _) ? [named.Registry] : Array.Empty<string>()],
    };

    /// <summary>Mirror sets by registry (<c>--registry-mirror</c>, <c>--registry-mirror-only</c>); empty: every registry is read directly.</summary>
    public IReadOnlyDictionary<string, MirrorSet> Mirrors { get; init; } = new Dictionary<string, MirrorSet>();
}
