using System.Text.Json;
using System.Text.Json.Nodes;
using ImageGate.Testing.Oci;

namespace ImageGate.Cli.Tests.Support;

/// <summary>
/// A containers/image test image (tests/fixtures/containers-image, Apache-2.0: key-signed cosign signatures that
/// were never logged) as an OCI layout: its manifest, and its <c>signature-N</c> files as the layers of the legacy
/// <c>.sig</c> tag, each with its annotations, as cosign stores them in a registry.
/// </summary>
internal static class ContainersImageLayout
{
    public static string Fixture(string file) => Path.Combine(AppContext.BaseDirectory, "fixtures", "containers-image", file);

    /// <summary>Writes the layout of <c>dir-img-cosign-NAME</c> to <paramref name="directory"/>; returns the image digest.</summary>
    public static string Write(string name, string directory)
    {
        var source = Fixture("dir-img-cosign-" + name);
        var content = new OciContent();
        var manifest = File.ReadAllBytes(Path.Combine(source, "manifest.json"));
        string mediaType = JsonNode.Parse(manifest)!["mediaType"]!.GetValue<string>();
        content.Manifests.Add(new OciManifestEntry("latest", manifest, mediaType));
        string digest = OciContent.DigestOf(manifest);

        var config = content.AddBlob("{}"u8.ToArray());
        var layers = new JsonArray();
        for (int i = 1; File.Exists(Path.Combine(source, $"signature-{i}")); i++)
        {
            var bytes = File.ReadAllBytes(Path.Combine(source, $"signature-{i}"));
            var prefix = "\0sigstore-json\n"u8;
            using var signature = JsonDocument.Parse(bytes.AsMemory(prefix.Length));
            var payload = content.AddBlob(Convert.FromBase64String(signature.RootElement.GetProperty("payload").GetString()!));
            var layer = OciContent.Descriptor(signature.RootElement.GetProperty("mimeType").GetString()!, payload);
            layer["annotations"] = JsonNode.Parse(signature.RootElement.GetProperty("annotations").GetRawText());
            layers.Add((JsonNode)layer);
        }
        content.AddManifest("sha256-" + OciContent.Hex(digest) + ".sig", new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciContent.OciManifest,
            ["config"] = OciContent.Descriptor(OciContent.OciConfig, config),
            ["layers"] = layers,
        }, OciContent.OciManifest);
        content.WriteLayout(directory);
        return digest;
    }
}
