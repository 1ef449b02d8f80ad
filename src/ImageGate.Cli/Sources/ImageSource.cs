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

    /// <summary>What to resolve within the source: a registry's tag or digest; for a layout, the IMAGE argument as given.</summary>
    public string Reference { get; }

    public RegistryClient? Client { get; }

    public bool IsDigestPinned { get; }

    public string Kind => Client is null ? "layout" : "registry";

    /// <summary>Opens the source; throws <see cref="OciSourceException"/> for a bad reference or layout.</summary>
    public static ImageSource Open(SourceArguments args)
    {
        var budget = TimeSpan.FromSeconds(args.TimeoutSeconds);
        if (args.LocalImage)
        {
            if (args.Layout is not null)
            {
                throw new OciSourceException(SourceReason.BadInput, "Expected --local-image DIR or --layout DIR, found both.");
            }
            var saved = OciImageLayout.Open(args.Image);
            var image = saved.CosignSavedImage ?? throw new OciSourceException(SourceReason.BadInput,
                $"Expected a `cosign save` layout at {args.Image} (index.json entries with cosign's kind annotations and one image), found {(saved.IsCosignSave ? "no single image" : "a plain OCI layout")}; for a plain layout give --layout DIR and the image's digest.");
            return new ImageSource(saved, image.ToString(), null, pinned: true);
        }
        if (args.Layout is not null)
        {
            // The whole argument goes to the layout: a full reference's repository is checked against the names it records.
            var reference = LayoutReference.Parse(args.Image);
            return new ImageSource(OciImageLayout.Open(args.Layout), args.Image, null, reference.Digest is not null);
        }
        var parsed = ImageReference.Parse(args.Image);
        var client = new RegistryClient(new RegistryClientOptions
        {
            InsecureHosts = args.InsecureHosts,
            CaFile = args.CaFile,
            Credentials = args.RegistryConfig is null ? null : CredentialStore.Load(args.RegistryConfig),
            Mirrors = args.Mirrors,
            RetryBudget = budget,
            RequestTimeout = budget < TimeSpan.FromSeconds(30) ? budget : TimeSpan.FromSeconds(30),
        });
        return new ImageSource(client.Open(parsed), parsed.ManifestReference, client, Digest.TryParse(parsed.ManifestReference, out _));
    }

    /// <summary>
    /// The tag of a reference that names a tag and a digest (<c>repo:v0.2.2@sha256:...</c>), which a policy may bind
    /// its signers to; null for a digest or a tag alone. Resolution always goes by the digest.
    /// </summary>
    public static string? PinnedTag(string image) =>
        ImageReference.TryParse(image, out var parsed, out _) && parsed.Digest is not null ? parsed.Tag : null;

    /// <summary>
    /// Source failures: tampered or oversized content, and a redirect refused as unsafe (plain HTTP to an undeclared
    /// host, a loop), are a rejection; bad input, and a tag the local layout does not carry, are usage (the same
    /// layout will not grow the tag on a retry); the rest is worth retrying.
    /// </summary>

    public void Dispose() => Client?.Dispose();
}
