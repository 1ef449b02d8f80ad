using System.Text.Json.Serialization;

namespace ImageGate.Cli.Commands.Inspect;

/// <summary>The <c>imagegate inspect --output json</c> document.</summary>
internal sealed record InspectReport
{
    [JsonPropertyName("image")]
    public required string Image { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("digest")]
    public string? Digest { get; init; }

    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [JsonPropertyName("platforms")]
    public IReadOnlyList<string>? Platforms { get; init; }

    [JsonPropertyName("artifacts")]
    public IReadOnlyList<InspectArtifact>? Artifacts { get; init; }

    [JsonPropertyName("skipped")]
    public IReadOnlyList<InspectNote>? Skipped { get; init; }

    /// <summary>HTTP requests made to registries (and their token endpoints); 0 for a layout.</summary>
    [JsonPropertyName("registryRequests")]
    public int RegistryRequests { get; init; }

    /// <summary>TCP connections opened; with connection reuse this stays at one per registry.</summary>
    [JsonPropertyName("registryConnections")]
    public int RegistryConnections { get; init; }

    [JsonPropertyName("error")]
    public InspectError? Error { get; init; }
}

internal sealed record InspectArtifact(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("manifestDigest")] string ManifestDigest,
    [property: JsonPropertyName("predicateType")] string? PredicateType,
    [property: JsonPropertyName("bundleMediaType")] string? BundleMediaType);

internal sealed record InspectNote(
    [property: JsonPropertyName("where")] string Where,
    [property: JsonPropertyName("reason")] string Reason);

internal sealed record InspectError(
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InspectReport))]
internal sealed partial class InspectJsonContext : JsonSerializerContext;
