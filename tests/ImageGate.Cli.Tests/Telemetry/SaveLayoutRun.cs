namespace ImageGate.Cli.Tests.Telemetry;

/// <summary>
/// The verification the telemetry tests export: real material, the `cosign save` layout of slsa-framework's
/// example-package with its SLSA provenance by slsa-github-generator v1.10.0 (tests/fixtures/cosign-save-layout),
/// against the embedded production root. Fast (no fixture to sign) and offline.
/// </summary>
public static class SaveLayoutRun
{
    public const string GeneratorIdentity = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v1.10.0";

    private static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures", "cosign-save-layout", "slsa-generator-v1.10.0");

    public static string Layout => Path.Combine(Root, "container_workflow_dispatch");

    public static string Digest => File.ReadAllText(Path.Combine(Root, "container_workflow_dispatch.digest")).Trim();

    /// <summary>slsa-verifier's shape: passes for example-package's own source, exit 1 for any other.</summary>
    public static string[] VerifyImage(string source = "github.com/slsa-framework/example-package") =>
        ["verify-image", Digest, "--layout", Layout, "--source-uri", source];

    /// <summary>cosign's shape with a signer identity: another generator release is an identity mismatch (exit 1).</summary>
    public static string[] VerifyAttestation(string identity) =>
        ["verify", Digest, "--layout", Layout, "--type", "slsaprovenance",
            "--certificate-identity", identity, "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com"];
}
