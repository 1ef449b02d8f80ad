using System.Text.Json.Serialization;

namespace ImageGate.Oci.Models;

/// <summary>The platform of one entry of an image index (image-spec image-index.md).</summary>
public sealed record Platform
{
    [JsonPropertyName("architecture")]
    public string? Architecture { get; init; }

    [JsonPropertyName("os")]
    public string? Os { get; init; }

    [JsonPropertyName("os.version")]
    public string? OsVersion { get; init; }

    [JsonPropertyName("variant")]
    public string? Variant { get; init; }

    /// <summary><c>os/architecture[/variant]</c>, as docker prints it.</summary>
    public override string ToString() =>
        Variant is { Length: > 0 } ? $"{Os}/{Architecture}/{Variant}" : $"{Os}/{Architecture}";
}
