namespace ImageGate.Testing.Pmg;

/// <summary>How to build a <see cref="PmgSignedFixture"/>; the defaults are the real v0.2.2 release's shape.</summary>
public sealed class PmgFixtureOptions
{
    /// <summary>Approximate size of the CycloneDX predicate; pmg-exporter's is about 1.5 MB of single-line JSON.</summary>
    public int SbomBytes { get; init; } = 1_500_000;

    /// <summary>
    /// When the virtual Sigstore signs. The verifier refuses proven times more than a few minutes ahead of its
    /// wall clock, and the CLI uses the wall clock, so the default is a day before now (whole seconds).
    /// </summary>
    public DateTimeOffset? SigningTime { get; init; }

    public ArtifactKnobs Signature { get; init; } = new();

    public ArtifactKnobs Sbom { get; init; } = new();

    public ArtifactKnobs Provenance { get; init; } = new();

    /// <summary>
    /// A real root filesystem for the linux/amd64 image, so that a container runtime can run the signed index (the
    /// pod rehearsal, scripts/e2e-pod.sh); null keeps the placeholder layers.
    /// </summary>
    public RunnableImage? Amd64 { get; init; }
}

/// <summary>One gzip-compressed tar layer, the sha256 of its uncompressed tar (the config's diff_id), and the command to run.</summary>
public sealed record RunnableImage(byte[] LayerTarGz, string DiffId, IReadOnlyList<string> Cmd);
