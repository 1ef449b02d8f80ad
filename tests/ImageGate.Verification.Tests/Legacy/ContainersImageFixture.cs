using System.Text.Json;
using ImageGate.Sigstore;
using ImageGate.Verification.Legacy;

namespace ImageGate.Verification.Tests.Legacy;

/// <summary>
/// tests/fixtures/containers-image (containers/image df7e80d, Apache-2.0): signature-N = "\0sigstore-json\n" +
/// JSON {mimeType, payload (base64), annotations}; the image digest is SHA-256 of manifest.json.
/// </summary>
internal static class ContainersImageFixture
{
    public sealed record Layer(string MimeType, byte[] Payload, Dictionary<string, string> Annotations);

    public static string Dir(string name) => LegacyFixtures.PathOf("containers-image", "dir-img-cosign-" + name);

    public static List<Layer> Signatures(string name)
    {
        var layers = new List<Layer>();
        for (int i = 1; File.Exists(Path.Combine(Dir(name), $"signature-{i}")); i++)
        {
            var bytes = File.ReadAllBytes(Path.Combine(Dir(name), $"signature-{i}"));
            var prefix = "\0sigstore-json\n"u8;
            Assert.True(bytes.AsSpan().StartsWith(prefix), $"signature-{i} of {name} is not in the sigstore-json format");
            using var doc = JsonDocument.Parse(bytes.AsMemory(prefix.Length));
            var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.GetProperty("annotations").EnumerateObject())
            {
                annotations[property.Name] = property.Value.GetString()!;
            }
            layers.Add(new Layer(
                doc.RootElement.GetProperty("mimeType").GetString()!,
                Convert.FromBase64String(doc.RootElement.GetProperty("payload").GetString()!),
                annotations));
        }
        return layers;
    }

    public static string? ImageDigest(string name)
    {
        var manifest = Path.Combine(Dir(name), "manifest.json");
        return File.Exists(manifest) ? LegacyFixtures.Sha256Digest(File.ReadAllBytes(manifest)) : null;
    }

    public static VerificationResult Verify(string name, Layer layer, SignerPolicy signer, VerifierOptions options, byte[]? payload = null, IReadOnlyDictionary<string, string>? annotations = null) =>
        new LegacyLayerVerifier(LegacyFixtures.ProductionRoot, options, LegacyFixtures.Now).VerifySignature(payload ?? layer.Payload, annotations ?? layer.Annotations, ImageDigest(name)!, signer, TestContext.Current.CancellationToken);
}
