using System.CommandLine;
using ImageGate.Oci;

namespace ImageGate.Cli.Sources;

/// <summary>The options every command that reads an image shares (registry or layout), declared once.</summary>
internal sealed class SourceOptions
{
    public Option<string?> Layout { get; } = new("--layout") { Description = "Read from an OCI image layout or a `cosign save` layout instead of a registry (IMAGE then names a digest or tag in it)." };

    public Option<string[]> InsecureRegistry { get; } = new("--insecure-registry") { Description = "HOST[:PORT] that may be spoken to over plain HTTP (repeatable)." };

    public Option<bool> AllowHttpRegistry { get; } = new("--allow-http-registry") { Description = "Speak plain HTTP to the image's registry (cosign's flag; --insecure-registry for its host)." };

    public Option<string?> RegistryConfig { get; } = new("--registry-config") { Description = "Docker config.json or a mounted .dockerconfigjson with registry credentials." };

    public Option<string?> RegistryCa { get; } = new("--registry-ca", "--registry-cacert") { Description = "PEM file of extra CA certificates trusted for registry TLS (--registry-cacert is cosign's name)." };

    public Option<int> Timeout { get; } = new("--timeout") { Description = "Seconds for the whole run, retries included.", DefaultValueFactory = _ => 60 };

    /// <summary>A day: longer is a mistake, and CancelAfter cannot represent much more (about 49 days).</summary>
    public const int MaxTimeoutSeconds = 86_400;

    public SourceOptions()
    {
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
        command.Options.Add(Timeout);
    }

    public SourceArguments Read(ParseResult parse, string image) => new(
        image,
        parse.GetValue(Layout),
        [.. parse.GetValue(InsecureRegistry) ?? [], .. parse.GetValue(AllowHttpRegistry) && ImageReference.TryParse(image, out var named, out _) ? [named.Registry] : Array.Empty<string>()],
        parse.GetValue(RegistryConfig),
        parse.GetValue(RegistryCa),
        parse.GetValue(Timeout))
    {
        AllowHttpRegistry = parse.GetValue(AllowHttpRegistry),
    };
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
}
