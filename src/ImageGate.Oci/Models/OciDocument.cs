using System.Text.Json.Serialization;

namespace ImageGate.Oci.Models;

/// <summary>
/// The fields an OCI image manifest and an image index share (image-spec manifest.md and image-index.md): the schema
/// version, media and artifact type, the subject a referrer points at, and annotations.
/// </summary>
public abstract record OciDocument
{
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; }

    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [JsonPropertyName("artifactType")]
    public string? ArtifactType { get; init; }

    [JsonPropertyName("subject")]
    public Descriptor? Subject { get; init; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
