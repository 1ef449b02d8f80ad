using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ImageGate.Testing.Oci;
using ImageGate.Testing.VirtualSigstore;

namespace ImageGate.Testing.Pmg;

/// <summary>
/// A pmg-exporter v0.2.2 release as GHCR holds it (docs/pmg-exporter-release.md §0, §2b.2–§2b.6), signed by a
/// <see cref="VirtualSigstore.VirtualSigstore"/>: a linux/amd64 + linux/arm64 OCI index; the image signature and
/// the CycloneDX SBOM as Sigstore bundle v0.3 referrers, reachable ONLY through the referrers tag
/// <c>sha256-&lt;hex&gt;</c> (no referrers API on GHCR), whose descriptors lack annotations and carry the empty
/// artifactType, and whose manifests carry cosign ≤ 3.0.6's sign/v1 predicateType annotation even on the SBOM;
/// and the SLSA v0.2 provenance in the legacy <c>.att</c> format. <see cref="PmgFixtureOptions"/> breaks one thing.
/// </summary>
public sealed class PmgSignedFixture : IDisposable
{
    private readonly PmgFixtureOptions options;
    private readonly string created;

    private PmgSignedFixture(PmgFixtureOptions options, DateTimeOffset signingTime)
    {
        this.options = options;
        Sigstore = new VirtualSigstore.VirtualSigstore(new VirtualClock(signingTime), "pmg");
        created = signingTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    public VirtualSigstore.VirtualSigstore Sigstore { get; }

    public OciContent Content { get; } = new();

    public string Tag => PmgNames.Version;

    /// <summary>The index digest everything is attached to (sha256:...).</summary>
    public string IndexDigest { get; private set; } = "";

    /// <summary>linux/amd64 then linux/arm64 manifest digests: no signatures of their own.</summary>
    public IReadOnlyList<string> PlatformDigests { get; private set; } = [];

    public string? SignatureBundleDigest { get; private set; }

    public string? SbomBundleDigest { get; private set; }

    public string? ProvenanceLayerDigest { get; private set; }

    /// <summary>The CycloneDX document exactly as it sits inside the signed SBOM statement.</summary>
    public byte[] SbomPredicate { get; private set; } = [];

    public static PmgSignedFixture Create(PmgFixtureOptions? options = null)
    {
        options ??= new PmgFixtureOptions();
        var time = Der.WholeSeconds(options.SigningTime ?? DateTimeOffset.UtcNow.AddDays(-1));
        var fixture = new PmgSignedFixture(options, time);
        fixture.Build();
        return fixture;
    }

    public byte[] TrustedRootJson() => Sigstore.TrustedRootJson();

    public void WriteLayout(string directory) => Content.WriteLayout(directory);

    public Task PushAsync(HttpClient http, Uri registry, string repository, CancellationToken cancellationToken) =>
        Content.PushAsync(http, registry, repository, cancellationToken);

    public void Dispose() => Sigstore.Dispose();

    private void Build()
    {
        var index = BuildIndex();
        IndexDigest = OciContent.DigestOf(index);
        string hex = OciContent.Hex(IndexDigest);
        var subject = OciContent.Descriptor(OciContent.OciIndex, index);

        var referrers = new JsonArray();
        byte[] empty = Content.AddBlob("{}"u8.ToArray());
        if (!options.Signature.Omit)
        {
            var statement = PmgStatements.Signature(options.Signature.SubjectSha256 ?? hex);
            options.Signature.EditStatement?.Invoke(statement);
            SignatureBundleDigest = AddReferrer(referrers, subject, empty, OciContent.Serialize(statement), options.Signature, PmgNames.ReleaseWorkflowIdentity);
        }
        if (!options.Sbom.Omit)
        {
            SbomPredicate = PmgSbom.Generate(options.SbomBytes, hex);
            var statement = PmgStatements.Sbom(options.Sbom.SubjectSha256 ?? hex, SbomPredicate);
            SbomBundleDigest = AddReferrer(referrers, subject, empty, statement, options.Sbom, PmgNames.ReleaseWorkflowIdentity);
        }
        if (referrers.Count > 0)
        {
            // GHCR has no referrers API: go-containerregistry's tag-schema fallback index is the only way in.
            Content.AddManifest(OciContent.ReferrersTag(IndexDigest),
                new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = OciContent.OciIndex, ["manifests"] = referrers }, OciContent.OciIndex);
        }
        if (!options.Provenance.Omit)
        {
            AddProvenance(hex);
        }
    }

    private byte[] BuildIndex()
    {
        var platforms = new JsonArray();
        var digests = new List<string>();
        foreach (var arch in (string[])["amd64", "arm64"])
        {
            var runnable = arch == "amd64" ? options.Amd64 : null;
            byte[] layer = Content.AddBlob(runnable?.LayerTarGz ?? Encoding.UTF8.GetBytes($"pmg-exporter rootfs for linux/{arch}"));
            var imageConfig = runnable is null
                ? new JsonObject { ["Entrypoint"] = new JsonArray("pmg-exporter"), ["User"] = "exporter" }
                : new JsonObject { ["Cmd"] = new JsonArray([.. runnable.Cmd.Select(c => (JsonNode)c)]) };
            byte[] config = Content.AddBlob(OciContent.Serialize(new JsonObject
            {
                ["architecture"] = arch,
                ["os"] = "linux",
                ["config"] = imageConfig,
                ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(runnable?.DiffId ?? OciContent.DigestOf(layer)) },
            }));
            byte[] manifest = Content.AddManifest(null, new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = OciContent.OciManifest,
                ["config"] = OciContent.Descriptor(OciContent.OciConfig, config),
                ["layers"] = new JsonArray(OciContent.Descriptor(OciContent.OciLayer, layer)),
            }, OciContent.OciManifest);
            var descriptor = OciContent.Descriptor(OciContent.OciManifest, manifest);
            descriptor["platform"] = new JsonObject { ["architecture"] = arch, ["os"] = "linux" };
            platforms.Add((JsonNode)descriptor);
            digests.Add(OciContent.DigestOf(manifest));
        }
        PlatformDigests = digests;
        return Content.AddManifest(Tag, new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = OciContent.OciIndex, ["manifests"] = platforms }, OciContent.OciIndex);
    }

    /// <summary>cosign v3.0.6 WriteAttestationNewBundleFormat: one bundle layer, the index as subject, and the annotations it writes.</summary>
    private string AddReferrer(JsonArray referrers, JsonObject subject, byte[] empty, byte[] statement, ArtifactKnobs knobs, string identity)
    {
        var bundle = Sigstore.SignDsse(statement, SignOptionsFor(knobs, identity, newFormat: true));
        knobs.TamperBundle?.Invoke(bundle.Json);
        byte[] bundleBytes = Content.AddBlob(bundle.ToBytes());
        byte[] manifest = Content.AddManifest(null, new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciContent.OciManifest,
            ["artifactType"] = PmgNames.BundleMediaType,
            ["config"] = OciContent.Descriptor(OciContent.OciEmpty, empty),
            ["layers"] = new JsonArray(OciContent.Descriptor(PmgNames.BundleMediaType, bundleBytes)),
            ["subject"] = subject.DeepClone(),
            ["annotations"] = new JsonObject
            {
                ["dev.sigstore.bundle.content"] = "dsse-envelope",
                // cosign ≤ 3.0.6 passes the sign predicate type for attestations too (§2b.3): never route on this.
                ["dev.sigstore.bundle.predicateType"] = PmgNames.SignPredicateType,
                ["org.opencontainers.image.created"] = created,
            },
        }, OciContent.OciManifest);
        // ggcr ≤ 0.21 drops the annotations from the fallback index; GHCR reports the empty artifactType (§2b.6).
        var descriptor = OciContent.Descriptor(OciContent.OciManifest, manifest);
        descriptor["artifactType"] = OciContent.OciEmpty;
        referrers.Add((JsonNode)descriptor);
        return OciContent.DigestOf(bundleBytes);
    }

    /// <summary>cosign v2.2.3 <c>attest --type slsaprovenance</c> as the SLSA generator runs it: legacy <c>.att</c>, dsse 0.0.1, SET, no TSA.</summary>
    private void AddProvenance(string hex)
    {
        var knobs = options.Provenance;
        var statement = PmgStatements.Provenance(knobs.SubjectSha256 ?? hex);
        knobs.EditStatement?.Invoke(statement);
        var layer = Sigstore.AttestImageLegacy(OciContent.Serialize(statement), SignOptionsFor(knobs, PmgNames.SlsaGeneratorIdentity, newFormat: false));
        layer = knobs.TamperLayer?.Invoke(layer) ?? layer;
        byte[] payload = Content.AddBlob(layer.Payload);
        ProvenanceLayerDigest = OciContent.DigestOf(payload);
        byte[] config = Content.AddBlob(OciContent.Serialize(new JsonObject
        {
            ["architecture"] = "",
            ["created"] = "0001-01-01T00:00:00Z",
            ["history"] = new JsonArray(new JsonObject { ["created"] = "0001-01-01T00:00:00Z" }),
            ["os"] = "",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(ProvenanceLayerDigest) },
            ["config"] = new JsonObject(),
        }));
        var layerDescriptor = OciContent.Descriptor(layer.MediaType, payload);
        var annotations = new JsonObject();
        foreach (var (key, value) in layer.Annotations)
        {
            annotations[key] = value;
        }
        layerDescriptor["annotations"] = annotations;
        Content.AddManifest(OciContent.AttestationTag(IndexDigest), new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciContent.OciManifest,
            ["config"] = OciContent.Descriptor(OciContent.OciConfig, config),
            ["layers"] = new JsonArray(layerDescriptor),
        }, OciContent.OciManifest);
    }

    private static SignOptions SignOptionsFor(ArtifactKnobs knobs, string identity, bool newFormat)
    {
        string tag = knobs.ReleaseTag ?? PmgNames.Version;
        string san = knobs.Identity ?? identity.Replace("@refs/tags/" + PmgNames.Version, "@refs/tags/" + tag, StringComparison.Ordinal);
        return new SignOptions
        {
            SubjectAlternativeName = san,
            Issuer = PmgNames.Issuer,
            ExtraExtensions = PmgCertificates.ReleaseRunExtensions(san, tag),
            Version = BundleVersion.V03Canonical,
            Kind = RekorKind.DsseV001,
            // sigstore-go asks every TSA in the signing config; cosign v2.2.3 (the generator's) asks none.
            IncludeTimestamp = newFormat,
            IncludeSct = knobs.IncludeSct,
            Fulcio = knobs.Fulcio,
            IntegratedTimeOffset = knobs.IntegratedTimeOffset,
            SignOtherBytes = knobs.SignOtherBytes,
        };
    }
}
