using System.Text.Json.Serialization;

namespace ImageGate.Oci.Models;

/// <summary>Source-generated JSON for every OCI document (no reflection: the CLI is Native AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    MaxDepth = 64,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(OciLayoutFile))]
[JsonSerializable(typeof(ManifestProbe))]
public sealed partial class OciJsonContext : JsonSerializerContext;
