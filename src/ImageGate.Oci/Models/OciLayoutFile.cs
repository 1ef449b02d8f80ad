using System.Text.Json.Serialization;

namespace ImageGate.Oci.Models;

/// <summary>The <c>oci-layout</c> marker file of an image layout.</summary>
public sealed record OciLayoutFile
{
    [JsonPropertyName("imageLayoutVersion")]
    public string? ImageLayoutVersion { get; init; }
}
