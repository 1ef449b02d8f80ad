using ImageGate.Oci;
using ImageGate.Oci.Layout;
using ImageGate.Oci.Models;
using ImageGate.Sigstore.Bundle;

namespace ImageGate.Verification.Discovery;

/// <summary>
/// Finds every Sigstore artifact attached to one image, in cosign's order (docs/verification.md
/// §1c-1d): referrers (API, else the referrers tag) whose manifests hold exactly one bundle layer, then the
/// legacy <c>.sig</c> and <c>.att</c> tags. Every format is consulted; finding one never hides another.
/// Descriptor artifactTypes and annotations are ignored: cosign up to 3.0.6 and GHCR get them wrong, so each
/// referrer manifest is fetched and its layer read. Costs one request per manifest and blob, nothing more.
/// </summary>
public sealed class ArtifactDiscoverer
{
    /// <summary>Resolves <paramref name="reference"/> (tag or digest) in <paramref name="source"/> and lists what is attached to that digest.</summary>
    public async Task<DiscoveryResult> DiscoverAsync(IOciSource source, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var image = await source.GetManifestAsync(reference, cancellationToken).ConfigureAwait(false);
        var artifacts = new List<DiscoveredArtifact>();
        var notes = new List<DiscoveryNote>();
        var isLayout = source is OciImageLayout;

        var referrers = await source.GetReferrersAsync(image.Digest, cancellationToken).ConfigureAwait(false);
        foreach (var referrer in referrers)
        {
            await AddReferrerAsync(source, image.Digest, referrer, artifacts, notes, cancellationToken).ConfigureAwait(false);
        }

        var legacySource = isLayout ? ArtifactSource.Layout : ArtifactSource.LegacyTag;
        await AddLegacyTagAsync(source, CosignTags.SignatureTag(image.Digest), legacySource, artifacts, notes, cancellationToken).ConfigureAwait(false);
        await AddLegacyTagAsync(source, CosignTags.AttestationTag(image.Digest), legacySource, artifacts, notes, cancellationToken).ConfigureAwait(false);

        var platforms = image.Index?.Manifests?.Select(m => m.Platform).OfType<Platform>().ToList() ?? [];
        return new DiscoveryResult
        {
            Digest = image.Digest,
            MediaType = image.MediaType,
            Platforms = platforms,
            Artifacts = artifacts,
            Notes = notes,
            Manifest = image,
        };
    }

    private static async Task AddReferrerAsync(IOciSource source, Digest subject, Referrer referrer, List<DiscoveredArtifact> artifacts, List<DiscoveryNote> notes, CancellationToken cancellationToken)
    {
        var where = $"referrer {referrer.Descriptor.Digest}";
        var manifest = await source.GetManifestAsync(referrer.Descriptor, cancellationToken).ConfigureAwait(false);
        if (manifest.Manifest is not { } m)
        {
            notes.Add(new DiscoveryNote(where, $"is a {manifest.MediaType}, not an image manifest"));
            return;
        }
        if (m.Subject?.Digest is { } subjectDigest && subjectDigest != subject.ToString())
        {
            notes.Add(new DiscoveryNote(where, $"names subject {subjectDigest}, not {subject}"));
            return;
        }
        var bundleLayers = (m.Layers ?? []).Where(l => l.MediaType?.StartsWith(MediaTypes.SigstoreBundlePrefix, StringComparison.Ordinal) == true).ToList();
        if (bundleLayers.Count != 1)
        {
            // cosign's rule (GetBundles): exactly one bundle layer, anything else is not a cosign bundle referrer.
            notes.Add(new DiscoveryNote(where, $"has {bundleLayers.Count} Sigstore bundle layers, expected exactly 1"));
            return;
        }
        var layer = bundleLayers[0];
        var content = await source.GetBlobAsync(layer, OciLimits.MaxBlobBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            // Parsed once, here, decoding the payload into the layer's own bytes: a large SBOM is held once. A bundle
            // that does not parse (the buffer is then unchanged) is still routed by what it says, and its failure
            // reported by the requirement that wanted it.
            var failure = BundleParser.TryParseInPlace(content, out var bundle);
            var (bundleMediaType, payloadType, predicateType) = bundle is null ? PayloadReader.ReadBundle(content) : PayloadReader.ReadBundle(bundle);
            artifacts.Add(new DiscoveredArtifact
            {
                Source = referrer.Origin switch
                {
                    ReferrerOrigin.ReferrersApi => ArtifactSource.ReferrersApi,
                    ReferrerOrigin.ReferrersTag => ArtifactSource.ReferrersTag,
                    _ => ArtifactSource.Layout,
                },
                Format = ArtifactFormat.Bundle,
                ManifestDigest = manifest.Digest,
                MediaType = layer.MediaType!,
                Digest = layer.ParsedDigest,
                PredicateType = predicateType,
                PayloadType = payloadType,
                BundleMediaType = bundleMediaType,
                LayerAnnotations = layer.Annotations,
                Bundle = bundle,
                BundleFailure = failure,
            });
        }
        catch (FormatException e)
        {
            notes.Add(new DiscoveryNote(where, "bundle layer is unreadable: " + e.Message));
        }
    }

    private static async Task AddLegacyTagAsync(IOciSource source, string tag, ArtifactSource origin, List<DiscoveredArtifact> artifacts, List<DiscoveryNote> notes, CancellationToken cancellationToken)
    {
        var manifest = await source.TryGetManifestByTagAsync(tag, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return;
        }
        if (manifest.Manifest is not { } m)
        {
            notes.Add(new DiscoveryNote($"tag {tag}", $"is a {manifest.MediaType}, not an image manifest"));
            return;
        }
        var isSignatureTag = tag.EndsWith(".sig", StringComparison.Ordinal);
        foreach (var layer in m.Layers ?? [])
        {
            var where = $"tag {tag} layer {layer.Digest}";
            var expected = isSignatureTag ? MediaTypes.CosignSimpleSigning : MediaTypes.DsseEnvelope;
            if (layer.MediaType != expected)
            {
                notes.Add(new DiscoveryNote(where, $"has media type {layer.MediaType}, expected {expected}"));
                continue;
            }
            var content = await source.GetBlobAsync(layer, OciLimits.MaxBlobBytes, cancellationToken).ConfigureAwait(false);
            try
            {
                string? payloadType = null, predicateType = null;
                if (isSignatureTag)
                {
                    if (!PayloadReader.IsCosignSimpleSigning(content))
                    {
                        notes.Add(new DiscoveryNote(where, "is not a cosign simple-signing payload"));
                        continue;
                    }
                }
                else
                {
                    (payloadType, predicateType) = PayloadReader.ReadDsseEnvelope(content);
                }
                artifacts.Add(new DiscoveredArtifact
                {
                    Source = origin,
                    Format = isSignatureTag ? ArtifactFormat.LegacySignature : ArtifactFormat.LegacyAttestation,
                    ManifestDigest = manifest.Digest,
                    MediaType = layer.MediaType!,
                    Digest = layer.ParsedDigest,
                    PredicateType = predicateType,
                    PayloadType = payloadType,
                    LayerAnnotations = layer.Annotations,
                    Content = content,
                });
            }
            catch (FormatException e)
            {
                notes.Add(new DiscoveryNote(where, "is unreadable: " + e.Message));
            }
        }
    }
}
