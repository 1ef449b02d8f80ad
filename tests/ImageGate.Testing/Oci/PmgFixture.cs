using System.Text;
using ImageGate.Oci;

namespace ImageGate.Testing.Oci;

/// <summary>
/// Registry material in pmg-exporter's shape (docs/pmg-exporter-release.md §0): a multi-arch OCI index; an image
/// signature and a CycloneDX SBOM as Sigstore bundle referrers, reachable only through the referrers tag,
/// whose descriptors lack annotations and carry a wrong artifactType while the referrer manifests carry
/// cosign ≤ 3.0.6's wrong predicateType annotation; SLSA provenance under the legacy <c>.att</c> tag.
/// Payloads are synthetic and unsigned: discovery reads predicate types, it does not verify.
/// </summary>
public sealed class PmgFixture
{
    public const string SignPredicate = "https://sigstore.dev/cosign/sign/v1";
    public const string SbomPredicate = "https://cyclonedx.org/bom";
    public const string SlsaPredicate = "https://slsa.dev/provenance/v0.2";

    public string Repository { get; init; } = "natrontech/pmg-exporter";

    public string Tag { get; } = "v0.2.2";

    /// <summary>Blobs (configs, layers, bundles, envelopes).</summary>
    public List<byte[]> Blobs { get; } = [];

    /// <summary>Manifests in push order (children before parents); Tag null means pushed by digest only.</summary>
    public List<(string? Tag, byte[] Bytes, string MediaType)> Manifests { get; } = [];

    public Digest IndexDigest { get; private set; }

    public Digest SignatureBundleDigest { get; private set; }

    public Digest SbomBundleDigest { get; private set; }

    public Digest ProvenanceLayerDigest { get; private set; }

    public static PmgFixture Create(string? repository = null)
    {
        var f = new PmgFixture { Repository = repository ?? "natrontech/pmg-exporter" };
        f.Build();
        return f;
    }

    private void Build()
    {
        var platforms = new List<string>();
        foreach (var arch in (string[])["amd64", "arm64"])
        {
            var config = Blob($"{{\"architecture\":\"{arch}\",\"os\":\"linux\",\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[]}},\"config\":{{}}}}");
            var layer = Blob($"layer for {arch}");
            var manifest = Manifest(null, $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"config\":{Desc("application/vnd.oci.image.config.v1+json", config)},\"layers\":[{Desc("application/vnd.oci.image.layer.v1.tar+gzip", layer)}]}}", MediaTypes.OciManifest);
            platforms.Add($"{{\"mediaType\":\"{MediaTypes.OciManifest}\",\"digest\":\"{Digest.Compute(manifest)}\",\"size\":{manifest.Length},\"platform\":{{\"architecture\":\"{arch}\",\"os\":\"linux\"}}}}");
        }
        var index = Manifest(Tag, $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciIndex}\",\"manifests\":[{string.Join(',', platforms)}]}}", MediaTypes.OciIndex);
        IndexDigest = Digest.Compute(index);
        var subject = $"{{\"mediaType\":\"{MediaTypes.OciIndex}\",\"digest\":\"{IndexDigest}\",\"size\":{index.Length}}}";
        var empty = Blob("{}");

        var referrers = new List<string>();
        foreach (var (predicate, statementType) in ((string, string)[])[(SignPredicate, "v1"), (SbomPredicate, "v0.1")])
        {
            var statement = $"{{\"_type\":\"https://in-toto.io/Statement/{statementType}\",\"subject\":[{{\"digest\":{{\"sha256\":\"{IndexDigest.Encoded}\"}}}}],\"predicateType\":\"{predicate}\",\"predicate\":{{}}}}";
            var bundle = Blob($"{{\"mediaType\":\"{MediaTypes.SigstoreBundleV03}\",\"verificationMaterial\":{{}},\"dsseEnvelope\":{{\"payload\":\"{B64(statement)}\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{{\"sig\":\"AAAA\"}}]}}}}");
            if (predicate == SignPredicate)
            {
                SignatureBundleDigest = Digest.Compute(bundle);
            }
            else
            {
                SbomBundleDigest = Digest.Compute(bundle);
            }
            // cosign ≤ 3.0.6 writes the sign predicate type into this annotation for attestations too.
            var referrer = Manifest(null,
                $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"artifactType\":\"{MediaTypes.SigstoreBundleV03}\","
                + $"\"config\":{Desc(MediaTypes.OciEmpty, empty)},\"layers\":[{Desc(MediaTypes.SigstoreBundleV03, bundle)}],\"subject\":{subject},"
                + $"\"annotations\":{{\"dev.sigstore.bundle.content\":\"dsse-envelope\",\"dev.sigstore.bundle.predicateType\":\"{SignPredicate}\"}}}}",
                MediaTypes.OciManifest);
            // GHCR's fallback index: no annotations, artifactType of the empty config.
            referrers.Add($"{{\"mediaType\":\"{MediaTypes.OciManifest}\",\"digest\":\"{Digest.Compute(referrer)}\",\"size\":{referrer.Length},\"artifactType\":\"{MediaTypes.OciEmpty}\"}}");
        }
        Manifest(CosignTags.ReferrersTag(IndexDigest), $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciIndex}\",\"manifests\":[{string.Join(',', referrers)}]}}", MediaTypes.OciIndex);

        var slsa = $"{{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"{SlsaPredicate}\",\"subject\":[{{\"name\":\"ghcr.io/{Repository}\",\"digest\":{{\"sha256\":\"{IndexDigest.Encoded}\"}}}}],\"predicate\":{{\"builder\":{{\"id\":\"https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v2.1.0\"}}}}}}";
        var envelope = Blob($"{{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"{B64(slsa)}\",\"signatures\":[{{\"keyid\":\"\",\"sig\":\"AAAA\"}}]}}");
        ProvenanceLayerDigest = Digest.Compute(envelope);
        var attConfig = Blob($"{{\"architecture\":\"\",\"os\":\"\",\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[\"{ProvenanceLayerDigest}\"]}},\"config\":{{}}}}");
        var layerDescriptor = Desc(MediaTypes.DsseEnvelope, envelope)[..^1]
            + $",\"annotations\":{{\"dev.cosignproject.cosign/signature\":\"\",\"predicateType\":\"{SlsaPredicate}\"}}}}";
        Manifest(CosignTags.AttestationTag(IndexDigest),
            $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"config\":{Desc(MediaTypes.OciConfig, attConfig)},\"layers\":[{layerDescriptor}]}}",
            MediaTypes.OciManifest);
    }

    /// <summary>Stores everything in the in-process registry.</summary>
    public void PushTo(FakeRegistry registry)
    {
        foreach (var blob in Blobs)
        {
            registry.PutBlob(blob);
        }
        foreach (var (tag, bytes, mediaType) in Manifests)
        {
            registry.PutManifest(Repository, tag ?? Digest.Compute(bytes).ToString(), bytes, mediaType);
        }
    }

    /// <summary>Writes an OCI image layout: tags become <c>org.opencontainers.image.ref.name</c> entries of index.json.</summary>
    public void WriteLayout(string directory)
    {
        var blobDir = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(blobDir);
        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        foreach (var bytes in Blobs.Concat(Manifests.Select(m => m.Bytes)))
        {
            File.WriteAllBytes(Path.Combine(blobDir, Digest.Compute(bytes).Encoded), bytes);
        }
        var entries = Manifests.Where(m => m.Tag is not null).Select(m =>
            $"{{\"mediaType\":\"{m.MediaType}\",\"digest\":\"{Digest.Compute(m.Bytes)}\",\"size\":{m.Bytes.Length},\"annotations\":{{\"org.opencontainers.image.ref.name\":\"{m.Tag}\"}}}}");
        File.WriteAllText(Path.Combine(directory, "index.json"), $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciIndex}\",\"manifests\":[{string.Join(',', entries)}]}}");
    }

    private byte[] Blob(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Blobs.Add(bytes);
        return bytes;
    }

    private byte[] Manifest(string? tag, string json, string mediaType)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Manifests.Add((tag, bytes, mediaType));
        return bytes;
    }

    private static string Desc(string mediaType, byte[] content) =>
        $"{{\"mediaType\":\"{mediaType}\",\"digest\":\"{Digest.Compute(content)}\",\"size\":{content.Length}}}";

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
}
