using ImageGate.Oci;
using ImageGate.Oci.Layout;
using ImageGate.Oci.Registry;
using ImageGate.Oci.Registry.Auth;

namespace ImageGate.Cli.Sources;

/// <summary>Opens the image's source, a registry repository or a local layout, from the shared options.</summary>
internal sealed class ImageSource : IDisposable
{
    private ImageSource(IOciSource source, string reference, RegistryClient? client, bool pinned)
    {
        Source = source;
        Reference = reference;
        Client = client;
        IsDigestPinned = pinned;
    }

    public IOciSource Source { get; }

    /// <summary>The tag or digest to resolve within the source.</summary>
    public string Reference { get; }

    public RegistryClient? Client { get; }

    public bool IsDigestPinned { get; }

    public string Kind => Client is null ? "layout" : "registry";

    /// <summary>Opens the source; throws <see cref="OciSourceException"/> for a bad reference or layout.</summary>
    public static ImageSource Open(SourceArguments args)
    {
        var budget = TimeSpan.FromSeconds(args.TimeoutSeconds);
        if (args.Layout is not null)
        {
            var reference = LayoutReference(args.Image);
            return new ImageSource(OciImageLayout.Open(args.Layout), reference, null, Digest.TryParse(reference, out _));
        }
        var parsed = ImageReference.Parse(args.Image);
        var client = new RegistryClient(new RegistryClientOptions
        {
            InsecureHosts = args.InsecureHosts,
            CaFile = args.CaFile,
            Credentials = args.RegistryConfig is null ? null : CredentialStore.Load(args.RegistryConfig),
            RetryBudget = budget,
            RequestTimeout = budget < TimeSpan.FromSeconds(30) ? budget : TimeSpan.FromSeconds(30),
        });
        return new ImageSource(client.OpenRepository(parsed), parsed.ManifestReference, client, Digest.TryParse(parsed.ManifestReference, out _));
    }

    /// <summary>With --layout the IMAGE argument only names a digest or tag; a full reference is reduced to its digest or tag.</summary>
    private static string LayoutReference(string image)
    {
        // A bare word is a tag as written ('v0.2.2'); only something shaped like a reference is parsed as one.
        if (Digest.TryParse(image, out _) || image.IndexOfAny(['/', ':', '@']) < 0)
        {
            return image;
        }
        return ImageReference.TryParse(image, out var reference, out _) ? reference.ManifestReference : image;
    }

    /// <summary>Source failures: tampered or oversized content is a rejection; bad input is usage; the rest is worth retrying.</summary>
    public static int ExitCodeFor(string reason) => reason switch
    {
        SourceReason.DigestMismatch or SourceReason.TooLarge or SourceReason.TooMany or SourceReason.Invalid => ExitCodes.Rejected,
        SourceReason.BadInput or SourceReason.CredentialsRefused => ExitCodes.Usage,
        _ => ExitCodes.Unavailable,
    };

    public void Dispose() => Client?.Dispose();
}
