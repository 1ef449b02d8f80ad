using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageGate.Testing.Oci;

/// <summary>A manifest to store, with the tag it goes under (null: reachable by digest only).</summary>
public sealed record OciManifestEntry(string? Tag, byte[] Bytes, string MediaType)
{
    public string Digest => OciContent.DigestOf(Bytes);
}

/// <summary>
/// Content-addressed OCI material built by a test (blobs and manifests, children before parents), written
/// as an OCI image layout or pushed to a registry. Written independently of ImageGate.Oci so the fixtures
/// do not depend on the code they test.
/// </summary>
public sealed class OciContent
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>Go's encoding/json leaves '+', '&lt;', '&gt;' alone in practice (cosign's PEM and base64); so do we.</summary>
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public List<byte[]> Blobs { get; } = [];

    public List<OciManifestEntry> Manifests { get; } = [];

    public static string DigestOf(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Hex(string digest) => digest[(digest.IndexOf(':') + 1)..];

    /// <summary>The OCI referrers tag-schema tag for a sha256 digest (<c>sha256-&lt;hex&gt;</c>).</summary>
    public static string ReferrersTag(string digest) => "sha256-" + Hex(digest);

    /// <summary>cosign's legacy attestation tag <c>sha256-&lt;hex&gt;.att</c>.</summary>
    public static string AttestationTag(string digest) => "sha256-" + Hex(digest) + ".att";

    public static JsonObject Descriptor(string mediaType, byte[] content) => new()
    {
        ["mediaType"] = mediaType,
        ["digest"] = DigestOf(content),
        ["size"] = content.Length,
    };

    public static byte[] Serialize(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Relaxed);

    public byte[] AddBlob(byte[] bytes)
    {
        Blobs.Add(bytes);
        return bytes;
    }

    public byte[] AddManifest(string? tag, JsonObject manifest, string mediaType)
    {
        var bytes = Serialize(manifest);
        Manifests.Add(new OciManifestEntry(tag, bytes, mediaType));
        return bytes;
    }

    /// <summary>An OCI image layout: every blob and manifest under blobs/sha256, tags as <c>org.opencontainers.image.ref.name</c> entries of index.json.</summary>
    public void WriteLayout(string directory)
    {
        var blobs = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        foreach (var bytes in Blobs.Concat(Manifests.Select(m => m.Bytes)))
        {
            File.WriteAllBytes(Path.Combine(blobs, Hex(DigestOf(bytes))), bytes);
        }
        var entries = new JsonArray();
        foreach (var m in Manifests.Where(m => m.Tag is not null))
        {
            var entry = Descriptor(m.MediaType, m.Bytes);
            entry["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = m.Tag };
            entries.Add((JsonNode)entry);
        }
        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = OciIndex, ["manifests"] = entries };
        File.WriteAllBytes(Path.Combine(directory, "index.json"), Serialize(index));
    }

    /// <summary>Flips one byte of a blob in a written layout, keeping its file name (digest) and size.</summary>
    public static void CorruptLayoutBlob(string layoutDirectory, string digest)
    {
        var path = Path.Combine(layoutDirectory, "blobs", "sha256", Hex(digest));
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }
}
