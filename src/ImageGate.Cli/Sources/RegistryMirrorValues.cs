using ImageGate.Oci;
using ImageGate.Oci.Registry.Mirrors;

namespace ImageGate.Cli.Sources;

/// <summary>
/// <c>--registry-mirror REGISTRY=MIRROR</c> (repeatable: a registry's mirrors in the order given) and
/// <c>--registry-mirror-only REGISTRY</c> read into mirror sets. MIRROR is <c>[https://|http://]host[:port]</c>;
/// anything else, and a value that contradicts another, is a usage error: a mirror set that is not what the user
/// meant would send reads somewhere they did not choose (docs/registry-mirrors.md §1).
/// </summary>
internal static class RegistryMirrorValues
{
    public const string Syntax = "REGISTRY=MIRROR, e.g. ghcr.io=cache.internal:5000 or ghcr.io=https://cache.internal";

    /// <summary>The mirror sets, or the first problem as a usage sentence.</summary>
    /// <param name="insecureHosts">Hosts declared for plain HTTP; an <c>http://</c> mirror must be one of them.</param>
    public static string? TryParse(IReadOnlyList<string> values, IReadOnlyList<string> mirrorOnly, IReadOnlyCollection<string> insecureHosts, out Dictionary<string, MirrorSet> sets)
    {
        sets = new Dictionary<string, MirrorSet>(StringComparer.OrdinalIgnoreCase);
        var lists = new Dictionary<string, List<RegistryMirror>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var value in values)
        {
            if (TryParseOne(value, out var registry, out var mirror) is { } problem)
            {
                return problem;
            }
            if (mirror!.Scheme == "http" && !IsDeclared(mirror.Host, insecureHosts))
            {
                return $"--registry-mirror '{value}' is plain HTTP, but {mirror.Host} is not declared with --insecure-registry {mirror.Host}; plain HTTP is only spoken to declared hosts";
            }
            if (!lists.TryGetValue(registry!, out var list))
            {
                lists[registry!] = list = [];
                order.Add(registry!);
            }
            if (list.FirstOrDefault(m => string.Equals(m.Host, mirror.Host, StringComparison.OrdinalIgnoreCase)) is { } earlier)
            {
                return earlier.Scheme == mirror.Scheme
                    ? $"--registry-mirror names mirror {mirror.Host} of {registry} twice"
                    : $"--registry-mirror names mirror {mirror.Host} of {registry} twice, as '{earlier}' and '{mirror}'; give it once";
            }
            list.Add(mirror);
        }
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in mirrorOnly)
        {
            if (TryParseHost(value.Trim(), out var host) is { } problem)
            {
                return $"--registry-mirror-only expects a REGISTRY (host or host:port): it {problem}";
            }
            var registry = RegistryName(host!);
            if (!lists.ContainsKey(registry!))
            {
                return $"--registry-mirror-only {value} names a registry without --registry-mirror {registry}=MIRROR: nothing could be read from it";
            }
            only.Add(registry!);
        }
        foreach (var registry in order)
        {
            sets[registry] = new MirrorSet(lists[registry], SkipUpstream: only.Contains(registry));
        }
        return null;
    }

    /// <summary>One <c>REGISTRY=MIRROR</c>.</summary>
    public static string? TryParseOne(string value, out string? registry, out RegistryMirror? mirror)
    {
        registry = null;
        mirror = null;
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return $"--registry-mirror expects {Syntax}, found '{value}' (no '=')";
        }
        var left = value[..equals].Trim();
        var right = value[(equals + 1)..].Trim();
        if (left.Length == 0 || right.Length == 0)
        {
            return $"--registry-mirror expects {Syntax}, found '{value}' (an empty {(left.Length == 0 ? "registry" : "mirror")})";
        }
        if (TryParseHost(left, out var named) is { } badRegistry)
        {
            return $"--registry-mirror '{value}': the registry {badRegistry}";
        }
        registry = RegistryName(named!);
        string? scheme = null;
        var separator = right.IndexOf("://", StringComparison.Ordinal);
        if (separator >= 0)
        {
            scheme = right[..separator].ToLowerInvariant();
            if (scheme is not ("http" or "https"))
            {
                return $"--registry-mirror '{value}': the mirror's scheme must be http or https, found '{right[..separator]}'";
            }
            right = right[(separator + 3)..];
        }
        if (TryParseHost(right.TrimEnd('/'), out var host, scheme ?? "https") is { } badMirror)
        {
            return $"--registry-mirror '{value}': the mirror {badMirror}";
        }
        if (string.Equals(host, registry, StringComparison.OrdinalIgnoreCase) || string.Equals(RegistryName(host!), registry, StringComparison.OrdinalIgnoreCase))
        {
            return $"--registry-mirror '{value}' names the registry as its own mirror";
        }
        mirror = new RegistryMirror(host!, scheme);
        return null;
    }

    /// <summary>A registry as an image reference names it: Docker Hub's API hosts are <c>docker.io</c>.</summary>
    private static string RegistryName(string host) =>
        host is "index.docker.io" or "registry-1.docker.io" ? ImageReference.DockerHubDomain : host;

    /// <summary><c>host</c> or <c>host:port</c> and nothing else (no path, user, query), lower-cased.</summary>
    private static string? TryParseHost(string text, out string? host, string scheme = "https")
    {
        host = null;
        if (text.Length == 0 || text.Contains('/', StringComparison.Ordinal) || text.Contains('@', StringComparison.Ordinal)
            || text.Contains('?', StringComparison.Ordinal) || text.Contains('#', StringComparison.Ordinal) || text.Any(char.IsWhiteSpace)
            || !Uri.TryCreate($"{scheme}://{text}/", UriKind.Absolute, out var uri) || uri.HostNameType == UriHostNameType.Unknown)
        {
            return $"must be host or host:port (no path), found '{text}'";
        }
        var name = uri.IsDefaultPort && !text.EndsWith($":{uri.Port}", StringComparison.Ordinal) ? uri.Host : $"{uri.Host}:{uri.Port}";
        host = name.ToLowerInvariant();
        return null;
    }

    /// <summary>Declared as <see cref="Oci.Registry.RegistryClient"/> matches it: <c>host:port</c>, or the host alone for every port.</summary>
    private static bool IsDeclared(string host, IReadOnlyCollection<string> insecureHosts)
    {
        var colon = host.LastIndexOf(':');
        var bare = colon > 0 && !host.EndsWith(']') ? host[..colon] : host;
        return insecureHosts.Any(h => string.Equals(h.Trim(), host, StringComparison.OrdinalIgnoreCase) || string.Equals(h.Trim(), bare, StringComparison.OrdinalIgnoreCase));
    }
}
