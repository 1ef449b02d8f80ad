using System.Text.Json.Serialization;

namespace ImageGate.Oci.Models;

/// <summary>An OCI image manifest or Docker v2 schema 2 manifest (same shape for what we read).</summary>
public sealed record ImageManifest : OciDocument
{
    [JsonPropertyName("config")]
    public Descriptor? Config { get; init; }

    [JsonPropertyName("layers")]
    public IReadOnlyList<Descriptor>? Layers { get; init; }
}
