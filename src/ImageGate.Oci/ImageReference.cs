using System.Text.RegularExpressions;

namespace ImageGate.Oci;

/// <summary>
/// An image reference <c>[registry[:port]/]repository[:tag][@digest]</c>, normalised as docker and
/// containerd do (distribution/reference <c>ParseNormalizedNamed</c>): a first path component without
/// '.' or ':' and other than <c>localhost</c> is not a registry, so <c>alpine</c> is
/// <c>docker.io/library/alpine</c>; <c>index.docker.io</c> is <c>docker.io</c>. With both a tag and a
/// digest, the digest decides what is fetched and the tag is kept only for display.
/// </summary>
public sealed partial record ImageReference
{
    public const string DockerHubDomain = "docker.io";
    private const string LegacyDockerHubDomain = "index.docker.io";
    private const string DockerHubApiHost = "registry-1.docker.io";
    private const int NameTotalLengthMax = 255;

    private ImageReference(string registry, string repository, string? tag, Digest? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry as named (<c>docker.io</c>, <c>ghcr.io</c>, <c>localhost:5000</c>).</summary>
    public string Registry { get; }

    /// <summary>The repository path (<c>library/alpine</c>, <c>natrontech/pmg-exporter</c>).</summary>
    public string Repository { get; }

    public string? Tag { get; }

    public Digest? Digest { get; }

    /// <summary>The host[:port] the distribution API is served on (Docker Hub's API host differs from its name).</summary>
    public string ApiHost => Registry == DockerHubDomain ? DockerHubApiHost : Registry;

    /// <summary>What to ask the registry for: the digest when there is one, else the tag (default <c>latest</c>).</summary>
    public string ManifestReference => Digest?.ToString() ?? Tag ?? "latest";

    /// <summary>The same repository, pinned to <paramref name="digest"/> (the tag is dropped).</summary>
    public ImageReference WithDigest(Digest digest) => new(Registry, Repository, null, digest);

    public static ImageReference Parse(string value) =>
        TryParse(value, out var reference, out var error)
            ? reference
            : throw new OciSourceException(SourceReason.BadInput, error);

    public static bool TryParse(string? value, out ImageReference reference, out string error)
    {
        reference = null!;
        if (string.IsNullOrEmpty(value))
        {
            error = "Expected an image reference such as 'ghcr.io/org/image:tag', found an empty string.";
            return false;
        }
        if (AnchoredIdentifier().IsMatch(value))
        {
            error = $"Expected an image reference, found a bare 64-hex identifier '{value}'; write it as 'name@sha256:{value}'.";
            return false;
        }

        var (domain, remainder) = SplitDomain(value);
        if (PortProblem(domain) is { } badPort)
        {
            error = badPort;
            return false;
        }
        var nameEnd = remainder.IndexOfAny([':', '@']);
        var remoteName = nameEnd < 0 ? remainder : remainder[..nameEnd];
        if (!string.Equals(remoteName, remoteName.ToLowerInvariant(), StringComparison.Ordinal))
        {
            error = $"Expected a lowercase repository name, found '{remoteName}'.";
            return false;
        }

        var match = ReferencePattern().Match(domain + "/" + remainder);
        if (!match.Success)
        {
            error = $"Expected an image reference '[registry/]repository[:tag][@digest]', found '{Oci.Digest.Shorten(value)}'.";
            return false;
        }
        var name = match.Groups["name"].Value;
        if (name.Length > NameTotalLengthMax)
        {
            error = $"Expected a repository name of at most {NameTotalLengthMax} characters, found {name.Length}.";
            return false;
        }
        Digest? digest = null;
        if (match.Groups["digest"].Success)
        {
            if (!Oci.Digest.TryParse(match.Groups["digest"].Value, out var parsed, out var digestError))
            {
                error = digestError;
                return false;
            }
            digest = parsed;
        }
        var tag = match.Groups["tag"].Success ? match.Groups["tag"].Value : null;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        reference = new ImageReference(name[..slash], name[(slash + 1)..], tag, digest);
        error = string.Empty;
        return true;
    }

    /// <summary>The grammar allows any digits after the colon; a URI (and TCP) allows ports 1 to 65535 only.</summary>
    private static string? PortProblem(string domain)
    {
        int colon = domain.LastIndexOf(':');
        if (colon < 0 || domain.LastIndexOf(']') > colon)
        {
            return null;
        }
        var port = domain.AsSpan(colon + 1);
        return port.Length is > 0 and <= 5 && !port.ContainsAnyExceptInRange('0', '9') && int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 65535
            ? null
            : $"Expected a registry port from 1 to 65535, found '{domain}'.";
    }

    /// <summary>distribution/reference <c>splitDockerDomain</c>.</summary>
    private static (string Domain, string Remainder) SplitDomain(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        string domain, remainder;
        if (slash < 0 || (value.AsSpan(0, slash).IndexOfAny('.', ':') < 0
            && value[..slash] != "localhost"
            && value[..slash] == value[..slash].ToLowerInvariant()))
        {
            domain = DockerHubDomain;
            remainder = value;
        }
        else
        {
            domain = value[..slash];
            remainder = value[(slash + 1)..];
        }
        if (domain == LegacyDockerHubDomain)
        {
            domain = DockerHubDomain;
        }
        if (domain == DockerHubDomain && !remainder.Contains('/', StringComparison.Ordinal))
        {
            remainder = "library/" + remainder;
        }
        return (domain, remainder);
    }

    public override string ToString()
    {
        var text = $"{Registry}/{Repository}";
        if (Tag is not null)
        {
            text += ":" + Tag;
        }
        if (Digest is { } digest)
        {
            text += "@" + digest;
        }
        return text;
    }

    // The grammar of distribution/reference regexp.go; the digest part is loose here and validated by Digest.
    [GeneratedRegex("^[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex AnchoredIdentifier();

    [GeneratedRegex(
        @"^(?<name>(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
        + @"(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)+)"
        + @"(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
        + @"(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ReferencePattern();
}
