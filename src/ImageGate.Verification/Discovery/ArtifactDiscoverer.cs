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
/// referrer manifest is fetched and its layer read. Costs one request per manifest and blob, nothing more, and
/// the independent ones are in flight together (one round trip per level, not per request).
/// </summary>
public sealed class ArtifactDiscoverer
{
    /// <summary>Requests in flight at once for one image's referrers: enough to hide the round trips of a release's
    /// handful, few enough that a referrer flood cannot open a thousand connections.</summary>
    private const int MaxConcurrentReferrers = 8;

    /// <summary>Resolves <paramref name="reference"/> (tag or digest) in <paramref name="source"/> and lists what is attached to that digest.</summary>
    /// <remarks>
    /// What does not depend on each other is fetched side by side: the referrers (then each referrer's manifest and
    /// bundle), the <c>.sig</c> tag and the <c>.att</c> tag, each with its layers, beside the image manifest itself when
    /// the reference is a digest (after it for a tag, whose digest it gives). The result
    /// keeps cosign's order whatever finishes first: every branch fills its own list, concatenated in order.
    /// </remarks>
    public async Task<DiscoveryResult> DiscoverAsync(IOciSource source, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var legacySource = source is OciImageLayout ? ArtifactSource.Layout : ArtifactSource.LegacyTag;
        // Pinned by digest (as a pod runs it), what is attached to that digest is asked for beside the image itself:
        // the manifest is checked against the same digest, so its answer cannot change what the lookups were for.
        using var attached = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var early = Digest.TryParse(reference, out var pinned, out _) ? AttachedAsync(source, pinned, legacySource, attached.Token) : null;
        FetchedManifest image;
        try
        {
            image = await source.GetManifestAsync(reference, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (early is not null)
        {
            // The image's own failure is the one to report; the lookups beside it are stopped and observed.
            await attached.CancelAsync().ConfigureAwait(false);
            try
            {
                await early.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or OciSourceException or HttpRequestException or IOException or FormatException)
            {
            }
            throw;
        }
        var found = await (early ?? AttachedAsync(source, image.Digest, legacySource, cancellationToken)).ConfigureAwait(false);

        var platforms = image.Index?.Manifests?.Select(m => m.Platform).OfType<Platform>().ToList() ?? [];
        return new DiscoveryResult
        {
            Digest = image.Digest,
            MediaType = image.MediaType,
            Platforms = platforms,
            Artifacts = [.. found.SelectMany(f => f.Artifacts)],
            Notes = [.. found.SelectMany(f => f.Notes)],
            Manifest = image,
        };
    }

    /// <summary>The three branches side by side: the referrers (then their manifests and bundles), the .sig and the .att tag.</summary>
    private static Task<Found[]> AttachedAsync(IOciSource source, Digest subject, ArtifactSource legacySource, CancellationToken cancellationToken) =>
        Task.WhenAll(
            ReferrersAsync(source, subject, cancellationToken),
            LegacyTagAsync(source, CosignTags.SignatureTag(subject), legacySource, cancellationToken),
            LegacyTagAsync(source, CosignTags.AttestationTag(subject), legacySource, cancellationToken));

    /// <summary>What one branch of the discovery found, in its own order.</summary>
    private sealed record Found(List<DiscoveredArtifact> Artifacts, List<DiscoveryNote> Notes)
    {
        public Found()
            : this([], [])
        {
        }
    }

    private static async Task<Found> ReferrersAsync(IOciSource source, Digest subject, CancellationToken cancellationToken)
    {
        var referrers = await source.GetReferrersAsync(subject, cancellationToken).ConfigureAwait(false);
        using var slots = new SemaphoreSlim(MaxConcurrentReferrers);
        var each = referrers.Select(async referrer =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var found = new Found();
                await AddReferrerAsync(source, subject, referrer, found.Artifacts, found.Notes, cancellationToken).ConfigureAwait(false);
                return found;
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        var all = await Task.WhenAll(each).ConfigureAwait(false);
        return new Found([.. all.SelectMany(f => f.Artifacts)], [.. all.SelectMany(f => f.Notes)]);
    }

    private static async Task<Found> LegacyTagAsync(IOciSource source, string tag, ArtifactSource origin, CancellationToken cancellationToken)
    {
        var found = new Found();
        await AddLegacyTagAsync(source, tag, origin, found.Artifacts, found.Notes, cancellationToken).ConfigureAwait(false);
        return found;
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
        var expected = isSignatureTag ? MediaTypes.CosignSimpleSigning : MediaTypes.DsseEnvelope;
        var layers = m.Layers ?? [];
        // The layers' blobs side by side (an .att tag holds the SBOM and the provenance); read in layer order below.
        using var slots = new SemaphoreSlim(MaxConcurrentReferrers);
        var contents = await Task.WhenAll(layers.Select(async layer =>
        {
            if (layer.MediaType != expected)
            {
                return null;
            }
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await source.GetBlobAsync(layer, OciLimits.MaxBlobBytes, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var where = $"tag {tag} layer {layer.Digest}";
            if (contents[i] is not { } content)
            {
                notes.Add(new DiscoveryNote(where, $"has media type {layer.MediaType}, expected {expected}"));
                continue;
            }
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
