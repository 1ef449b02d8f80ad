using ImageGate.Oci.Models;
using ImageGate.Testing.Oci;

namespace ImageGate.Oci.Tests.Support;

/// <summary>
/// Reads the pmg-exporter-shaped material through <see cref="IOciSource"/> alone, in the order image discovery does
/// (the image, its referrers, each referrer's manifest and layers, then the legacy <c>.sig</c> and <c>.att</c> tags),
/// so the registry client's and layout's behaviour is tested here without the discovery layer above them.
/// </summary>
internal static class PmgWalk
{
    public sealed record Walked(FetchedManifest Image, IReadOnlyList<Referrer> Referrers, IReadOnlyList<Digest> Blobs);

    public static async Task<Walked> ReadAsync(IOciSource source, string reference, CancellationToken cancellationToken)
    {
        var image = await source.GetManifestAsync(reference, cancellationToken);
        var referrers = await source.GetReferrersAsync(image.Digest, cancellationToken);
        var blobs = new List<Digest>();
        foreach (var referrer in referrers)
        {
            await ReadLayersAsync(source, await source.GetManifestAsync(referrer.Descriptor, cancellationToken), blobs, cancellationToken);
        }
        foreach (var tag in new[] { CosignTags.SignatureTag(image.Digest), CosignTags.AttestationTag(image.Digest) })
        {
            if (await source.TryGetManifestByTagAsync(tag, cancellationToken) is { } legacy)
            {
                await ReadLayersAsync(source, legacy, blobs, cancellationToken);
            }
        }
        return new Walked(image, referrers, blobs);
    }

    private static async Task ReadLayersAsync(IOciSource source, FetchedManifest manifest, List<Digest> blobs, CancellationToken cancellationToken)
    {
        foreach (var layer in manifest.Manifest?.Layers ?? [])
        {
            blobs.Add(Digest.Compute(await source.GetBlobAsync(layer, OciLimits.MaxBlobBytes, cancellationToken)));
        }
    }

    /// <summary>The multi-arch index, its two bundle referrers found by <paramref name="origin"/>, and exactly the three
    /// signed blobs (signature bundle, SBOM bundle, provenance layer), each read back with its digest checked.</summary>
    public static void HasAllThree(PmgFixture fixture, Walked walked, ReferrerOrigin origin)
    {
        Assert.Equal(fixture.IndexDigest, walked.Image.Digest);
        Assert.Equal(MediaTypes.OciIndex, walked.Image.MediaType);
        Assert.Equal(["linux/amd64", "linux/arm64"], walked.Image.Index!.Manifests!.Select(m => m.Platform!.ToString()));
        Assert.Equal(2, walked.Referrers.Count);
        Assert.All(walked.Referrers, r => Assert.Equal(origin, r.Origin));
        Assert.Equal(
            new[] { fixture.SignatureBundleDigest, fixture.SbomBundleDigest, fixture.ProvenanceLayerDigest }.Select(d => d.ToString()).Order(StringComparer.Ordinal),
            walked.Blobs.Select(d => d.ToString()).Order(StringComparer.Ordinal));
    }
}
