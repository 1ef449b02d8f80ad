using ImageGate.Sigstore;

namespace ImageGate.Verification.Policy;

/// <summary>
/// Built-in policies. <c>pmg-exporter</c> is exactly what natrontech/pmg-exporter's SECURITY.md and release
/// workflow check by hand with cosign: the image signature and the CycloneDX SBOM from the release workflow at a
/// version tag, and SLSA v0.2 provenance from the SLSA container generator, with the project's own CUE policies
/// and <c>slsa-verifier verify-image --source-uri github.com/natrontech/pmg-exporter</c>'s rules.
/// </summary>
public static class Presets
{
    public const string PmgExporterYaml = """
        apiVersion: imagegate.dev/v1
        kind: ImagePolicy
        name: pmg-exporter
        bindReferenceTag: true
        signature:
          identities:
            - issuer: https://token.actions.githubusercontent.com
              subjectRegExp: '^https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/tags/v[0-9]+.[0-9]+.[0-9]+(-rc.[0-9]+)?$'
        attestations:
          - name: sbom
            predicateType: cyclonedx
            identities:
              - issuer: https://token.actions.githubusercontent.com
                subjectRegExp: '^https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/tags/v[0-9]+.[0-9]+.[0-9]+(-rc.[0-9]+)?$'
            cue: policy-sbom.cue
          - name: provenance
            predicateType: slsaprovenance
            identities:
              - issuer: https://token.actions.githubusercontent.com
                subjectRegExp: '^https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v[0-9]+.[0-9]+.[0-9]+$'
            cue: policy.cue
            provenance:
              sourceUri: github.com/natrontech/pmg-exporter
        """;

    public static IReadOnlyList<string> Names { get; } = ["pmg-exporter"];

    public static Failure? TryGet(string name, out ImagePolicy? policy)
    {
        policy = null;
        if (name != "pmg-exporter")
        {
            return new Failure(PolicyReasons.Invalid, $"unknown preset \"{name}\"; known: {string.Join(", ", Names)}");
        }
        return ImagePolicyReader.TryRead(PmgExporterYaml, "preset pmg-exporter", null, out policy, file => Resource($"preset/pmg-exporter/{file}"));
    }

    private static string? Resource(string name)
    {
        using var stream = typeof(Presets).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
