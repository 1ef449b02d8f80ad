using System.Text.Json;

namespace ImageGate.Oci.Models;

/// <summary>
/// A manifest or index as fetched: the exact bytes (already checked against <see cref="Digest"/>), the
/// media type and the parsed document. Bytes are kept because signatures cover bytes, never re-serialisations.
/// </summary>
public sealed class FetchedManifest
{
    private FetchedManifest(ReadOnlyMemory<byte> bytes, Digest digest, string mediaType, ImageManifest? manifest, ImageIndex? index)
    {
        Bytes = bytes;
        Digest = digest;
        MediaType = mediaType;
        Manifest = manifest;
        Index = index;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    public Digest Digest { get; }

    public string MediaType { get; }

    /// <summary>Set when this is an image manifest.</summary>
    public ImageManifest? Manifest { get; }

    /// <summary>Set when this is an image index / manifest list.</summary>
    public ImageIndex? Index { get; }

    public bool IsIndex => Index is not null;

    /// <summary>A descriptor of this manifest, as a referrer's <c>subject</c> would name it.</summary>
    public Descriptor ToDescriptor() => new() { MediaType = MediaType, Digest = Digest.ToString(), Size = Bytes.Length };

    /// <summary>
    /// Parses <paramref name="bytes"/>. The document's own <c>mediaType</c> wins over the transport's
    /// Content-Type (a registry may label content loosely, the signed bytes cannot lie); without either,
    /// the presence of <c>manifests</c> or <c>layers</c> decides.
    /// </summary>
    public static FetchedManifest Parse(ReadOnlyMemory<byte> bytes, Digest digest, string? contentType, string where)
    {
        try
        {
            var probe = JsonSerializer.Deserialize(bytes.Span, OciJsonContext.Default.ManifestProbe)
                ?? throw Invalid(where, "a JSON object", "null");
            var mediaType = probe.MediaType;
            if (string.IsNullOrEmpty(mediaType))
            {
                mediaType = contentType is not null && (MediaTypes.IsIndex(contentType) || MediaTypes.IsManifest(contentType))
                    ? contentType
                    : probe.Manifests is not null ? MediaTypes.OciIndex
                    : probe.Layers is not null ? MediaTypes.OciManifest
                    : null;
            }
            if (MediaTypes.IsIndex(mediaType))
            {
                var index = JsonSerializer.Deserialize(bytes.Span, OciJsonContext.Default.ImageIndex)!;
                if (index.SchemaVersion != 2)
                {
                    throw Invalid(where, "schemaVersion 2", index.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                if (index.Manifests is { Count: > OciLimits.MaxLayers })
                {
                    throw new OciSourceException(SourceReason.TooMany,
                        $"Expected at most {OciLimits.MaxLayers} manifests in the index {where}, found {index.Manifests.Count}.");
                }
                return new FetchedManifest(bytes, digest, mediaType!, null, index);
            }
            if (MediaTypes.IsManifest(mediaType))
            {
                var manifest = JsonSerializer.Deserialize(bytes.Span, OciJsonContext.Default.ImageManifest)!;
                if (manifest.SchemaVersion != 2)
                {
                    throw Invalid(where, "schemaVersion 2", manifest.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                if (manifest.Layers is { Count: > OciLimits.MaxLayers })
                {
                    throw new OciSourceException(SourceReason.TooMany,
                        $"Expected at most {OciLimits.MaxLayers} layers in the manifest {where}, found {manifest.Layers.Count}.");
                }
                return new FetchedManifest(bytes, digest, mediaType!, manifest, null);
            }
            throw Invalid(where, "an OCI or Docker v2 manifest or index media type", mediaType ?? contentType ?? "none");
        }
        catch (JsonException e)
        {
            throw new OciSourceException(SourceReason.Invalid, $"Expected a JSON manifest at {where}, found unparseable content ({e.Message}).", e);
        }
    }

    private static OciSourceException Invalid(string where, string expected, string found) =>
        new(SourceReason.Invalid, $"Expected {expected} at {where}, found {found}.");
}
