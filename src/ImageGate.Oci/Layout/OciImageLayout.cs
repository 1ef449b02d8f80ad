using System.Text.Json;
using ImageGate.Oci.Models;

namespace ImageGate.Oci.Layout;

/// <summary>
/// A local OCI image layout (image-spec image-layout.md): <c>oci-layout</c>, <c>index.json</c> and
/// <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c>, as written by oras, skopeo, crane or <c>cosign save</c>.
/// Tags are the names index.json records (<see cref="RecordedName"/>: <c>org.opencontainers.image.ref.name</c>,
/// <c>io.containerd.image.name</c>); the referrers tag and cosign's <c>.sig</c>/<c>.att</c> tags are found the
/// same way. A <c>cosign save</c> layout names nothing and marks entries with <c>kind</c> instead: its one
/// image is reachable by digest only (a tag there proves nothing about which image is meant), and its
/// sigs/atts entries stand for that image's legacy tags, which name the digest themselves.
/// Every blob read is checked against its digest and size, as from a registry.
/// </summary>
public sealed class OciImageLayout : IOciSource
{
    private readonly string root;
    private readonly ImageIndex index;

    private OciImageLayout(string root, ImageIndex index)
    {
        this.root = root;
        this.index = index;
    }

    public string Description => $"layout {root}";

    /// <summary>The top-level entries of index.json.</summary>
    public IReadOnlyList<Descriptor> Entries => index.Manifests ?? [];

    /// <summary>True when index.json carries cosign's <c>kind</c> annotations.</summary>
    public bool IsCosignSave => Entries.Any(e => e.Annotation(AnnotationKeys.CosignKind) is { } k && k.StartsWith("dev.cosignproject.cosign/", StringComparison.Ordinal));

    /// <summary>The one image of a <c>cosign save</c> layout (cosign's <c>--local-image</c>), or null when this is not one
    /// or it holds no image or several.</summary>
    public Digest? CosignSavedImage
    {
        get
        {
            var images = Entries.Where(e => CosignLayoutKind.IsImage(e.Annotation(AnnotationKeys.CosignKind))).Select(e => e.Digest).Distinct(StringComparer.Ordinal).ToList();
            return images.Count == 1 && Digest.TryParse(images[0], out var digest) ? digest : null;
        }
    }

    public static OciImageLayout Open(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new OciSourceException(SourceReason.Unavailable, $"Expected an OCI image layout directory at {root}, found none.");
        }
        var layoutFile = Path.Combine(root, "oci-layout");
        if (!File.Exists(layoutFile))
        {
            throw new OciSourceException(SourceReason.Invalid, $"Expected an 'oci-layout' file in {root}, found none: not an OCI image layout.");
        }
        var marker = Deserialize(ReadFile(layoutFile, OciLimits.MaxSmallBodyBytes), OciJsonContext.Default.OciLayoutFile, layoutFile);
        if (marker.ImageLayoutVersion != "1.0.0")
        {
            throw new OciSourceException(SourceReason.Invalid, $"Expected imageLayoutVersion 1.0.0 in {layoutFile}, found '{marker.ImageLayoutVersion}'.");
        }
        var indexFile = Path.Combine(root, "index.json");
        var idx = Deserialize(ReadFile(indexFile, OciLimits.MaxManifestBytes), OciJsonContext.Default.ImageIndex, indexFile);
        if (idx.SchemaVersion != 2 || idx.Manifests is null)
        {
            throw new OciSourceException(SourceReason.Invalid, $"Expected an image index (schemaVersion 2, manifests) in {indexFile}, found something else.");
        }
        if (idx.Manifests.Count > OciLimits.MaxLayers)
        {
            throw new OciSourceException(SourceReason.TooMany, $"Expected at most {OciLimits.MaxLayers} entries in {indexFile}, found {idx.Manifests.Count}.");
        }
        return new OciImageLayout(root, idx);
    }

    /// <summary>
    /// Resolves a digest, a tag, or a full image reference (see <see cref="LayoutReference"/>). A digest is looked up
    /// by digest; a tag only through the names index.json records (<see cref="RecordedName"/>): a tag no entry
    /// carries is <see cref="SourceReason.UnknownTag"/>, even when the layout holds a single image.
    /// </summary>
    public async Task<FetchedManifest> GetManifestAsync(string reference, CancellationToken cancellationToken)
    {
        var wanted = LayoutReference.Parse(reference);
        if (wanted.Digest is { } digest)
        {
            var known = await FindByDigestAsync(digest, cancellationToken).ConfigureAwait(false);
            return await GetManifestAsync(known ?? new Descriptor { Digest = digest.ToString(), Size = -1 }, cancellationToken).ConfigureAwait(false);
        }
        var entry = FindTagged(wanted) ?? throw UnknownTag(wanted);
        return await GetManifestAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A tag of this layout (the referrers tag, cosign's .sig/.att tags), whatever repository it is recorded under: those tags name a digest themselves.</summary>
    public async Task<FetchedManifest?> TryGetManifestByTagAsync(string tag, CancellationToken cancellationToken)
    {
        if (!LayoutReference.IsTag(tag))
        {
            throw new OciSourceException(SourceReason.BadInput, $"Expected a tag to look up in {Description}, found '{tag}'.");
        }
        var named = FindTagged(LayoutReference.Parse(tag));
        if (named is not null)
        {
            return await GetManifestAsync(named, cancellationToken).ConfigureAwait(false);
        }
        // cosign save records kinds, not tags: its sigs/atts entries are the legacy tags of its one image, by digest.
        var cosignKind = CosignKindForTag(tag);
        if (cosignKind is not null)
        {
            var entry = Entries.FirstOrDefault(e => e.Annotation(AnnotationKeys.CosignKind) == cosignKind);
            if (entry is not null)
            {
                return await GetManifestAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
        return null;
    }

    public Task<FetchedManifest> GetManifestAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var digest = descriptor.ParsedDigest;
        var bytes = ReadBlob(digest, descriptor.Size >= 0 ? descriptor.Size : null, OciLimits.MaxManifestBytes, "manifest");
        return Task.FromResult(FetchedManifest.Parse(bytes, digest, descriptor.MediaType, $"{digest} in {Description}"));
    }

    public Task<byte[]> GetBlobAsync(Descriptor descriptor, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return Task.FromResult(ReadBlob(descriptor.ParsedDigest, descriptor.Size, maxBytes, "blob"));
    }

    /// <summary>
    /// Referrers of <paramref name="subject"/> in the layout: the index at the referrers tag, plus every
    /// image manifest listed in index.json whose <c>subject</c> is this digest (how oras and crane store
    /// referrers in layouts). Duplicates are dropped.
    /// </summary>
    public async Task<IReadOnlyList<Referrer>> GetReferrersAsync(Digest subject, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var results = new List<Referrer>();
        var tagIndex = await TryGetManifestByTagAsync(CosignTags.ReferrersTag(subject), cancellationToken).ConfigureAwait(false);
        foreach (var d in tagIndex?.Index?.Manifests ?? [])
        {
            if (d.Digest is not null && seen.Add(d.Digest))
            {
                results.Add(new Referrer(d, ReferrerOrigin.Layout));
            }
        }
        foreach (var entry in Entries)
        {
            if (!MediaTypes.IsManifest(entry.MediaType) || entry.Digest is null || seen.Contains(entry.Digest))
            {
                continue;
            }
            var manifest = await GetManifestAsync(entry, cancellationToken).ConfigureAwait(false);
            if (manifest.Manifest?.Subject?.Digest == subject.ToString())
            {
                seen.Add(entry.Digest);
                results.Add(new Referrer(entry with { ArtifactType = manifest.Manifest.ArtifactType ?? manifest.Manifest.Config?.MediaType }, ReferrerOrigin.Layout));
            }
        }
        if (results.Count > OciLimits.MaxReferrers)
        {
            throw new OciSourceException(SourceReason.TooMany, $"Expected at most {OciLimits.MaxReferrers} referrers of {subject} in {Description}, found {results.Count}.");
        }
        return results;
    }

    private string? CosignKindForTag(string tag)
    {
        var image = Entries.FirstOrDefault(e => CosignLayoutKind.IsImage(e.Annotation(AnnotationKeys.CosignKind)));
        if (image is null || !Digest.TryParse(image.Digest, out var imageDigest))
        {
            return null;
        }
        if (tag == CosignTags.SignatureTag(imageDigest))
        {
            return CosignLayoutKind.Signatures;
        }
        return tag == CosignTags.AttestationTag(imageDigest) ? CosignLayoutKind.Attestations : null;
    }

    /// <summary>
    /// The index.json entry named <paramref name="wanted"/>, or null. Names are read from index.json only, where the
    /// image-layout spec puts them. Several entries may carry one name for the same digest; different digests under
    /// the name are ambiguous and refused rather than picked from.
    /// </summary>
    private Descriptor? FindTagged(LayoutReference wanted)
    {
        var matches = Entries.Where(e => e.Digest is not null && RecordedName.Matches(RecordedName.Of(e), wanted)).ToList();
        var digests = matches.Select(e => e.Digest).Distinct(StringComparer.Ordinal).ToList();
        if (digests.Count > 1)
        {
            var described = matches.Select(e => $"{e.Digest} ({string.Join(", ", RecordedName.Of(e).Select(n => n.AsWritten))})").Distinct(StringComparer.Ordinal);
            throw new OciSourceException(SourceReason.BadInput,
                $"Expected '{wanted}' to name one image in {Description}, found {digests.Count}: {string.Join("; ", described)}. Name the repository or the digest.");
        }
        return matches.FirstOrDefault();
    }

    private OciSourceException UnknownTag(LayoutReference wanted)
    {
        const int shown = 12;
        var names = Entries.SelectMany(RecordedName.Of).Select(n => n.AsWritten).Distinct(StringComparer.Ordinal).ToList();
        var asked = wanted.Repository is null ? $"tag '{wanted.Tag}'" : $"tag '{wanted.Tag}' of {wanted.Repository}";
        string found;
        if (names.Count == 0)
        {
            var image = Entries.FirstOrDefault(e => CosignLayoutKind.IsImage(e.Annotation(AnnotationKeys.CosignKind)));
            found = "a layout that names no tags"
                + (IsCosignSave ? " (cosign save records no image name or tag)" : string.Empty)
                + "; name the image by its digest"
                + (image?.Digest is { } d ? $" (this layout's image is {d})" : string.Empty);
        }
        else
        {
            found = $"only the names {string.Join(", ", names.Take(shown))}" + (names.Count > shown ? $" and {names.Count - shown} more" : string.Empty);
        }
        return new OciSourceException(SourceReason.UnknownTag,
            $"Expected an index.json entry of {Description} named for {asked} ({AnnotationKeys.RefName} or {AnnotationKeys.ContainerdImageName}), found {found}.");
    }

    private async Task<Descriptor?> FindByDigestAsync(Digest digest, CancellationToken cancellationToken) =>
        await WalkAsync(d => d.Digest == digest.ToString(), cancellationToken).ConfigureAwait(false);

    private async Task<Descriptor?> WalkAsync(Func<Descriptor, bool> match, CancellationToken cancellationToken)
    {
        var level = Entries.ToList();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (var depth = 0; depth < OciLimits.MaxIndexDepth && level.Count > 0; depth++)
        {
            var found = level.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }
            var nextLevel = new List<Descriptor>();
            foreach (var d in level.Where(d => MediaTypes.IsIndex(d.MediaType) && d.Digest is not null && visited.Add(d.Digest)))
            {
                var nested = await GetManifestAsync(d, cancellationToken).ConfigureAwait(false);
                nextLevel.AddRange(nested.Index?.Manifests ?? []);
            }
            level = nextLevel;
        }
        return null;
    }

    private byte[] ReadBlob(Digest digest, long? expectedSize, long maxBytes, string kind)
    {
        if (expectedSize > maxBytes)
        {
            throw new OciSourceException(SourceReason.TooLarge, $"Expected a {kind} of at most {maxBytes} bytes, found a descriptor of {expectedSize} bytes for {digest}.");
        }
        var path = Path.Combine(root, "blobs", digest.Algorithm, digest.Encoded);
        if (!File.Exists(path))
        {
            throw new OciSourceException(SourceReason.NotFound, $"Expected {kind} {digest} at {path}, found no file.");
        }
        var bytes = ReadFile(path, maxBytes);
        if (expectedSize is { } size && bytes.Length != size)
        {
            throw new OciSourceException(SourceReason.DigestMismatch, $"Expected {kind} {digest} in {Description} to be {size} bytes, found {bytes.Length}.");
        }
        if (!digest.Matches(bytes))
        {
            throw new OciSourceException(SourceReason.DigestMismatch, $"Expected {kind} {path} to hash to {digest}, found {Digest.Compute(bytes, digest.Algorithm)}.");
        }
        return bytes;
    }

    /// <summary>A layout file, read only when it is a regular file within its cap (checked before it is opened):
    /// a FIFO or device planted in a layout is a configuration error, never a read that blocks or never ends.</summary>
    private static byte[] ReadFile(string path, long maxBytes)
    {
        var refusal = Files.BoundedFile.TryRead(path, "layout file", maxBytes, followLinks: true, out var bytes, out var problem);
        return refusal switch
        {
            Files.FileRefusal.None => bytes,
            Files.FileRefusal.NotRegular => throw new OciSourceException(SourceReason.BadInput, problem),
            Files.FileRefusal.TooLarge => throw new OciSourceException(SourceReason.TooLarge, problem),
            _ => throw new OciSourceException(File.Exists(path) ? SourceReason.Unavailable : SourceReason.NotFound, problem),
        };
    }

    private static T Deserialize<T>(byte[] bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, type) ?? throw new OciSourceException(SourceReason.Invalid, $"Expected a JSON object in {path}, found null.");
        }
        catch (JsonException e)
        {
            throw new OciSourceException(SourceReason.Invalid, $"Expected JSON in {path}, found invalid content ({e.Message}).", e);
        }
    }
}
