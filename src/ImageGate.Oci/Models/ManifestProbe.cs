using System.Text.Json.Serialization;

namespace ImageGate.Oci.Models;

/// <summary>Just enough of a manifest to tell an index from an image manifest when no media type was sent.</summary>
public sealed record ManifestProbe
{
    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [JsonPropertyName("manifests")]
    public System.Text.Json.JsonElement? Manifests { get; init; }

    [JsonPropertyName("layers")]
    public System.Text.Json.JsonElement? Layers { get; init; }
}
