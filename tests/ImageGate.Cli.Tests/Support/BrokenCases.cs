using ImageGate.Testing.Pmg;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Cli.Tests.Support;

/// <summary>
/// One case per requirement of the pmg-exporter preset and per proof behind it, each breaking exactly one thing
/// of an otherwise perfect release. Names are the theory's data (stable, readable in test output).
/// </summary>
public static class BrokenCases
{
    public const int SmallSbom = 64 * 1024;

    private const string OtherRepoRelease = "https://github.com/natrontech/pbs-exporter/.github/workflows/release.yml@refs/tags/v0.2.2";
    private const string BranchRelease = "https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/heads/main";
    private const string GenericGenerator = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0";
    private const string OtherImageHex = "0b9e2d3c4f5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    /// <summary>A Fulcio the trust root has never heard of; valid around any signing time a test uses.</summary>
    private static readonly Lazy<VirtualFulcio> RogueFulcio = new(() =>
        new VirtualFulcio(DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(365), "rogue-fulcio"));

    public static IReadOnlyList<BrokenCase> All { get; } =
    [
        // Each requirement, absent.
        new("signature-missing", "policy.requirement-missing") { Options = () => Small(signature: new() { Omit = true }) },
        new("sbom-missing", "policy.requirement-missing") { Options = () => Small(sbom: new() { Omit = true }) },
        new("provenance-missing", "policy.requirement-missing") { Options = () => Small(provenance: new() { Omit = true }) },

        // Each requirement, signed by someone else.
        new("signature-other-identity", "identity.san-mismatch") { Options = () => Small(signature: new() { Identity = OtherRepoRelease }) },
        new("sbom-other-identity", "identity.san-mismatch") { Options = () => Small(sbom: new() { Identity = BranchRelease }) },
        new("provenance-other-builder", "identity.san-mismatch") { Options = () => Small(provenance: new() { Identity = GenericGenerator }) },

        // The provenance's CUE policy (policy.cue), one constraint at a time.
        new("provenance-cue-builder-id", "policy.cue-violation")
        {
            Options = () => Small(provenance: new() { EditStatement = s => s["predicate"]!["builder"]!["id"] = GenericGenerator }),
        },
        new("provenance-cue-other-repo", "policy.cue-violation")
        {
            Options = () => Small(provenance: new() { EditStatement = s => s["predicate"]!["invocation"]!["configSource"]!["uri"] = "git+https://github.com/natrontech/pbs-exporter@refs/tags/v0.2.2" }),
        },
        new("provenance-cue-other-entrypoint", "policy.cue-violation")
        {
            Options = () => Small(provenance: new() { EditStatement = s => s["predicate"]!["invocation"]!["configSource"]!["entryPoint"] = ".github/workflows/build.yml" }),
        },

        // The one subject rule: the index digest, never another image's, never a platform manifest's.
        new("signature-subject-other-image", "intoto.subject-mismatch") { Options = () => Small(signature: new() { SubjectSha256 = OtherImageHex }) },
        new("provenance-subject-other-image", "intoto.subject-mismatch") { Options = () => Small(provenance: new() { SubjectSha256 = OtherImageHex }) },
        new("platform-digest-instead-of-index", "policy.requirement-missing") { Image = f => f.PlatformDigests[0] },

        // Storage: a bundle layer whose bytes no longer match the digest its manifest names.
        new("sbom-bundle-layer-tampered", "source.digest-mismatch") { CorruptBlob = f => f.SbomBundleDigest! },

        // Transparency log proofs.
        new("signature-set-flipped", "tlog.set-invalid") { Options = () => Small(signature: new() { TamperBundle = PmgTamper.FlipSet }) },
        // A legacy layer has nothing but its SET.
        new("provenance-set-flipped", "tlog.set-invalid") { Options = () => Small(provenance: new() { TamperLayer = PmgTamper.FlipLegacySet }) },
        new("sbom-inclusion-proof-broken", "tlog.inclusion-proof-invalid") { Options = () => Small(sbom: new() { TamperBundle = PmgTamper.BreakInclusionProof }) },
        new("provenance-att-body-hash-mismatch", "tlog.body-mismatch") { Options = () => Small(provenance: new() { TamperLayer = PmgTamper.ReserializeEnvelope }) },

        // Certificates.
        new("signature-untrusted-ca", "cert.untrusted-chain") { Options = () => Small(signature: new() { Fulcio = RogueFulcio.Value }) },
        new("provenance-untrusted-ca", "cert.untrusted-chain") { Options = () => Small(provenance: new() { Fulcio = RogueFulcio.Value }) },
        new("signature-cert-expired-at-integrated-time", "tlog.time-outside-certificate") { Options = () => Small(signature: new() { IntegratedTimeOffset = TimeSpan.FromHours(1) }) },
        new("provenance-cert-expired-at-integrated-time", "tlog.time-outside-certificate") { Options = () => Small(provenance: new() { IntegratedTimeOffset = TimeSpan.FromHours(1) }) },
        new("sbom-sct-missing", "cert.sct-missing") { Options = () => Small(sbom: new() { IncludeSct = false }) },

        // The signed payload itself: rewritten after signing (the logged payload hash catches it first), or never
        // what the key signed.
        new("signature-signed-other-bytes", "signature.invalid") { Options = () => Small(signature: new() { SignOtherBytes = true }) },
        new("signature-dsse-payload-tampered", "tlog.body-mismatch")
        {
            Options = () => Small(signature: new() { TamperBundle = b => PmgTamper.TamperPayload(b, s => s["subject"]![0]!["annotations"]!["repo"] = "attacker/pmg-exporter") }),
        },

        // Trust material: a perfectly signed release checked against another deployment's root; its Rekor log is
        // unknown there, so no entry counts.
        new("wrong-trusted-root", "tlog.threshold-not-met") { WrongTrustedRoot = true },
    ];

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public static BrokenCase Get(string name) => All.Single(c => c.Name == name);

    private static PmgFixtureOptions Small(ArtifactKnobs? signature = null, ArtifactKnobs? sbom = null, ArtifactKnobs? provenance = null) => new()
    {
        SbomBytes = SmallSbom,
        Signature = signature ?? new ArtifactKnobs(),
        Sbom = sbom ?? new ArtifactKnobs(),
        Provenance = provenance ?? new ArtifactKnobs(),
    };
}
