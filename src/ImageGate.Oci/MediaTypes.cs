namespace ImageGate.Oci;

/// <summary>Media types this client reads or must recognise.</summary>
public static class MediaTypes
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>Sigstore bundles; the version suffix varies (<c>.v0.3+json</c>), so match by prefix.</summary>
    public const string SigstoreBundlePrefix = "application/vnd.dev.sigstore.bundle";
    public const string SigstoreBundleV03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
    public const string CosignSimpleSigning = "application/vnd.dev.cosign.simplesigning.v1+json";
    public const string DsseEnvelope = "application/vnd.dsse.envelope.v1+json";

    /// <summary>Every manifest type we accept, sent as the Accept list so registries never down-convert.</summary>
    public static readonly IReadOnlyList<string> ManifestAccept = [OciManifest, OciIndex, DockerManifest, DockerManifestList];

    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    public static bool IsManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;
}
