using System.Text.Json.Serialization;

namespace ImageGate.Oci.Models;

/// <summary>An OCI image index or Docker manifest list; also the shape of a referrers response and of a layout's index.json.</summary>
public sealed record ImageIndex : OciDocument
{
    [JsonPropertyName("manifests")]
    public IReadOnlyList<Descriptor>? Manifests { get; init; }
}
