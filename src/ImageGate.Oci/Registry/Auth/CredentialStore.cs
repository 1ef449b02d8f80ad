using System.Text;
using System.Text.Json;

namespace ImageGate.Oci.Registry.Auth;

/// <summary>
/// Registry credentials by host, from a docker <c>config.json</c> or a mounted Kubernetes
/// <c>.dockerconfigjson</c> secret (same format). Keys may be bare hosts or URLs
/// (<c>https://index.docker.io/v1/</c>); credential helpers are not run: an init container has none.
/// </summary>
public sealed class CredentialStore
{
    private readonly Dictionary<string, RegistryCredential> byHost;

    public CredentialStore(IReadOnlyDictionary<string, RegistryCredential> credentials)
    {
        byHost = new Dictionary<string, RegistryCredential>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in credentials)
        {
            byHost[NormalizeKey(key)] = value;
        }
    }

    /// <summary>The credential for <paramref name="registry"/> (as named in the reference, e.g. <c>docker.io</c>), or null.</summary>
    public RegistryCredential? Find(string registry)
    {
        if (byHost.TryGetValue(registry, out var found))
        {
            return found;
        }
        // Docker Hub is stored under its legacy index host by docker login.
        if (registry is ImageReference.DockerHubDomain or "registry-1.docker.io" or "index.docker.io")
        {
            foreach (var alias in (string[])["index.docker.io", "docker.io", "registry-1.docker.io"])
            {
                if (byHost.TryGetValue(alias, out found))
                {
                    return found;
                }
            }
        }
        return null;
    }

    public static CredentialStore Load(string path)
    {
        // A mounted .dockerconfigjson is a link to a regular file; a FIFO or device is refused before it is opened.
        if (Files.BoundedFile.TryRead(path, "registry config", OciLimits.MaxManifestBytes, followLinks: true, out var bytes, out var problem) != Files.FileRefusal.None)
        {
            throw new OciSourceException(SourceReason.BadInput, problem);
        }
        return Parse(bytes, path);
    }

    public static CredentialStore Parse(ReadOnlySpan<byte> json, string where)
    {
        DockerConfigFile? config;
        try
        {
            config = JsonSerializer.Deserialize(json, AuthJsonContext.Default.DockerConfigFile);
        }
        catch (JsonException e)
        {
            throw new OciSourceException(SourceReason.BadInput, $"Expected a docker config.json at {where}, found invalid JSON ({e.Message}).", e);
        }
        var credentials = new Dictionary<string, RegistryCredential>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, entry) in config?.Auths ?? [])
        {
            credentials[key] = ToCredential(entry, key, where);
        }
        return new CredentialStore(credentials);
    }

    private static RegistryCredential ToCredential(DockerAuthEntry entry, string key, string where)
    {
        string? user = entry.Username, password = entry.Password;
        if (!string.IsNullOrEmpty(entry.Auth))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(entry.Auth));
            }
            catch (FormatException e)
            {
                throw new OciSourceException(SourceReason.BadInput, $"Expected base64 'user:password' in auths[\"{key}\"].auth of {where}, found something else.", e);
            }
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new OciSourceException(SourceReason.BadInput, $"Expected 'user:password' in auths[\"{key}\"].auth of {where}, found no ':'.");
            }
            user = decoded[..colon];
            password = decoded[(colon + 1)..];
        }
        return new RegistryCredential(user, password, NullIfEmpty(entry.IdentityToken), NullIfEmpty(entry.RegistryToken));
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary><c>https://host:port/v1/</c> → <c>host:port</c>.</summary>
    internal static string NormalizeKey(string key)
    {
        var k = key.Trim();
        var scheme = k.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            k = k[(scheme + 3)..];
        }
        var slash = k.IndexOf('/', StringComparison.Ordinal);
        return (slash >= 0 ? k[..slash] : k).ToLowerInvariant();
    }
}
