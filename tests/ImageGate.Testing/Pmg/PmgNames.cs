namespace ImageGate.Testing.Pmg;

/// <summary>The names natrontech/pmg-exporter v0.2.2's release uses (docs/pmg-exporter-release.md §0, §2b).</summary>
public static class PmgNames
{
    public const string Repository = "natrontech/pmg-exporter";
    public const string ImageName = "ghcr.io/natrontech/pmg-exporter";
    public const string Version = "v0.2.2";

    /// <summary>A made-up 40-hex commit standing in for v0.2.2's (6fb5e47...).</summary>
    public const string Commit = "6fb5e47a1d2c3b4a5f60718293a4b5c6d7e8f901";

    public const string Issuer = "https://token.actions.githubusercontent.com";

    /// <summary>SAN of the image signature and the SBOM attestation: the release workflow at the version tag.</summary>
    public const string ReleaseWorkflowIdentity = "https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/tags/v0.2.2";

    /// <summary>SAN of the SLSA provenance: the generator's reusable workflow, which does not name pmg-exporter.</summary>
    public const string SlsaGeneratorIdentity = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v2.1.0";

    public const string SignPredicateType = "https://sigstore.dev/cosign/sign/v1";
    public const string SbomPredicateType = "https://cyclonedx.org/bom";
    public const string SlsaPredicateType = "https://slsa.dev/provenance/v0.2";

    public const string BundleMediaType = "application/vnd.dev.sigstore.bundle.v0.3+json";
    public const string DsseLayerMediaType = "application/vnd.dsse.envelope.v1+json";
}
