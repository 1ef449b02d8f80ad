using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImageGate.Sigstore;
using ImageGate.Sigstore.Crypto;
using ImageGate.Sigstore.Identity;
using ImageGate.Sigstore.TrustRoot;
using ImageGate.Verification.Legacy;

namespace ImageGate.Verification.Tests.Legacy;

/// <summary>
/// The real legacy vectors under tests/fixtures (Apache-2.0, see the NOTICE files there): the cosign-save-layout
/// SLSA provenance attestation and the containers/image key-signed signatures. Read straight from the files:
/// the layout's index, the atts manifest, its layer bytes and annotations.
/// </summary>
internal static class LegacyFixtures
{
    public const string SlsaIdentity = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v1.10.0";
    public const string GithubIssuer = "https://token.actions.githubusercontent.com";
    public const string SlsaProvenance02 = "https://slsa.dev/provenance/v0.2";

    private static readonly Lazy<string> Root = new(FindRoot);
    private static readonly Lazy<TrustedRoot> Production = new(() => ParseRoot(File.ReadAllBytes(PathOf("trusted-roots", "production.trusted_root.json"))));
    private static readonly Lazy<SaveLayoutAttestation> Layout = new(ReadSaveLayout);

    /// <summary>The fixtures copied beside the test assembly if the project copies them, else tests/fixtures of this checkout.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    public static TrustedRoot ProductionRoot => Production.Value;

    public static SaveLayoutAttestation SaveLayout => Layout.Value;

    /// <summary>Long after every fixture was signed: verification must rely on logged times, not on "now".</summary>
    public static TimeProvider Now { get; } = new FixedTime(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));

    public static SignerPolicy SlsaSigner(string? identity = SlsaIdentity, string? issuer = GithubIssuer, string? identityRegex = null, string? issuerRegex = null) =>
        SignerPolicy.ForIdentity(new IdentityMatcher
        {
            SubjectAlternativeName = identity,
            SubjectAlternativeNameRegex = identityRegex,
            Issuer = issuer,
            IssuerRegex = issuerRegex,
        });

    public static SignerPolicy KeySigner(string pemFile)
    {
        Assert.True(VerificationKey.TryCreateFromPem(File.ReadAllText(PathOf("containers-image", pemFile)), out var key));
        return SignerPolicy.ForKey(key!);
    }

    public static TrustedRoot ParseRoot(byte[] json)
    {
        Assert.Null(TrustedRootParser.TryParse(json, out var root));
        return root!;
    }

    public static string Sha256Digest(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string FindRoot()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "fixtures");
        if (Directory.Exists(Path.Combine(beside, "cosign-save-layout")) && Directory.Exists(Path.Combine(beside, "containers-image")))
        {
            return beside;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures");
            if (Directory.Exists(Path.Combine(candidate, "cosign-save-layout")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"tests/fixtures not found above {AppContext.BaseDirectory}");
    }

    private static SaveLayoutAttestation ReadSaveLayout()
    {
        string dir = PathOf("cosign-save-layout", "slsa-generator-v1.10.0");
        string layout = Path.Combine(dir, "container_workflow_dispatch");
        string Blob(string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);

        string imageDigest = File.ReadAllText(Path.Combine(dir, "container_workflow_dispatch.digest")).Trim();
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(layout, "index.json")));
        string? attsManifest = null;
        string? platformDigest = null;
        foreach (var manifest in index.RootElement.GetProperty("manifests").EnumerateArray())
        {
            if (manifest.TryGetProperty("annotations", out var a) && a.TryGetProperty("kind", out var kind) && kind.GetString() == "dev.cosignproject.cosign/atts")
            {
                attsManifest = manifest.GetProperty("digest").GetString();
            }
        }
        Assert.NotNull(attsManifest);
        using (var imageIndex = JsonDocument.Parse(File.ReadAllBytes(Blob(imageDigest))))
        {
            platformDigest = imageIndex.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString();
        }
        using var atts = JsonDocument.Parse(File.ReadAllBytes(Blob(attsManifest!)));
        var layers = atts.RootElement.GetProperty("layers");
        Assert.Equal(1, layers.GetArrayLength());
        var layer = layers[0];
        Assert.Equal("application/vnd.dsse.envelope.v1+json", layer.GetProperty("mediaType").GetString());
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in layer.GetProperty("annotations").EnumerateObject())
        {
            annotations[property.Name] = property.Value.GetString()!;
        }
        string layerDigest = layer.GetProperty("digest").GetString()!;
        var bytes = File.ReadAllBytes(Blob(layerDigest));
        Assert.Equal(layerDigest, Sha256Digest(bytes));
        return new SaveLayoutAttestation(imageDigest, platformDigest!, bytes, annotations);
    }
}

/// <summary>The atts layer of the cosign-save-layout fixture, exactly as stored.</summary>
internal sealed record SaveLayoutAttestation(string ImageDigest, string PlatformDigest, byte[] Layer, IReadOnlyDictionary<string, string> Annotations)
{
    public VerificationResult Verify(
        SignerPolicy? signer = null,
        string? imageDigest = null,
        byte[]? layer = null,
        IReadOnlyDictionary<string, string>? annotations = null,
        TrustedRoot? root = null,
        VerifierOptions? options = null) =>
        new LegacyLayerVerifier(root ?? LegacyFixtures.ProductionRoot, options ?? VerifierOptions.Default, LegacyFixtures.Now).VerifyAttestation(layer ?? Layer, annotations ?? Annotations, imageDigest ?? ImageDigest, signer ?? LegacyFixtures.SlsaSigner(), TestContext.Current.CancellationToken);

    /// <summary>A copy of the annotations with one value replaced (null removes it).</summary>
    public Dictionary<string, string> AnnotationsWith(string key, string? value)
    {
        var copy = new Dictionary<string, string>(Annotations, StringComparer.Ordinal);
        if (value is null)
        {
            copy.Remove(key);
        }
        else
        {
            copy[key] = value;
        }
        return copy;
    }

    public string BundleAnnotation => Annotations[LegacyAnnotationKeys.Bundle];

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
