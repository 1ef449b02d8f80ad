using System.Text.Json.Serialization;

namespace ImageGate.Oci.Registry.Auth;

/// <summary>The parts of a docker <c>config.json</c> / Kubernetes <c>.dockerconfigjson</c> we read.</summary>
internal sealed record DockerConfigFile
{
    [JsonPropertyName("auths")]
    public Dictionary<string, DockerAuthEntry>? Auths { get; init; }

    [JsonPropertyName("credsStore")]
    public string? CredsStore { get; init; }

    [JsonPropertyName("credHelpers")]
    public Dictionary<string, string>? CredHelpers { get; init; }
}

/// <summary>One <c>auths</c> entry.</summary>
internal sealed record DockerAuthEntry
{
    [JsonPropertyName("auth")]
    public string? Auth { get; init; }

    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("password")]
    public string? Password { get; init; }

    [JsonPropertyName("identitytoken")]
    public string? IdentityToken { get; init; }

    [JsonPropertyName("registrytoken")]
    public string? RegistryToken { get; init; }
}

/// <summary>A token endpoint's answer (docker token spec): <c>token</c> or <c>access_token</c>, optional <c>expires_in</c> seconds.</summary>
internal sealed record TokenResponse
{
    [JsonPropertyName("token")]
    public string? Token { get; init; }

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, MaxDepth = 16)]
[JsonSerializable(typeof(DockerConfigFile))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
