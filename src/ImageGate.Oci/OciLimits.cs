namespace ImageGate.Oci;

/// <summary>Every bound on registry and layout input, in one place: nothing from outside is read unbounded.</summary>
public static class OciLimits
{
    /// <summary>Manifests and indexes (distribution-spec recommends registries accept at least 4 MiB).</summary>
    public const long MaxManifestBytes = 4L * 1024 * 1024;

    /// <summary>A Sigstore bundle or an attestation layer (the pmg-exporter SBOM payload alone is ~1.5 MB).</summary>
    public const long MaxBlobBytes = 64L * 1024 * 1024;

    /// <summary>Referrers listed for one subject, over every page.</summary>
    public const int MaxReferrers = 1000;

    /// <summary>Layers in one manifest (cosign's maxLayers) and manifests in one index.</summary>
    public const int MaxLayers = 1000;

    /// <summary>Pages followed through <c>Link: rel="next"</c>; a loop guard on top of <see cref="MaxReferrers"/>.</summary>
    public const int MaxReferrerPages = 100;

    /// <summary>Nesting of indexes walked in a layout (index.json → index → index ...).</summary>
    public const int MaxIndexDepth = 8;

    /// <summary>Registry error bodies and token responses.</summary>
    public const long MaxSmallBodyBytes = 64 * 1024;
}
