using System.Text.Json.Serialization;

namespace ImageGate.Oci.Models;

/// <summary>A content descriptor (image-spec descriptor.md). Digest stays a string here; callers validate it with <see cref="ParsedDigest"/>.</summary>
public sealed record Descriptor
{
    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [JsonPropertyName("digest")]
    public string? Digest { get; init; }

    [JsonPropertyName("size")]
    public long Size { get; init; }

    [JsonPropertyName("artifactType")]
    public string? ArtifactType { get; init; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    [JsonPropertyName("platform")]
    public Platform? Platform { get; init; }

    [JsonPropertyName("urls")]
    public IReadOnlyList<string>? Urls { get; init; }

    /// <summary>The digest, validated; a descriptor with a malformed digest is invalid content.</summary>
    [JsonIgnore]
    public Oci.Digest ParsedDigest =>
        Oci.Digest.TryParse(Digest, out var digest, out var error)
            ? digest
            : throw new OciSourceException(SourceReason.Invalid, "A descriptor's digest is malformed: " + error);

    /// <summary>The annotation <paramref name="key"/>, or null.</summary>
    public string? Annotation(string key) =>
        Annotations is not null && Annotations.TryGetValue(key, out var value) ? value : null;
}
