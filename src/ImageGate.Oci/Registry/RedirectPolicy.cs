using System.Net;

namespace ImageGate.Oci.Registry;

/// <summary>
/// Which redirects the registry client follows, and with what. Registries send blob GETs to storage hosts
/// (S3, a CDN); the client follows those itself, because the socket handler would follow plain HTTP to any host
/// once the registry itself is plain HTTP, and would silently hand back an https→http redirect unexplained.
/// Rules: only GET and HEAD are redirected; the target must be https, or plain http on a host declared
/// insecure; at most <see cref="MaxRedirects"/> hops; the Authorization header goes only to the origin
/// (scheme, host and port) it was made for, never to a storage host.
/// </summary>
internal sealed class RedirectPolicy
{
    private readonly Func<Uri, bool> plainHttpAllowed;

    public RedirectPolicy(int maxRedirects, Func<Uri, bool> plainHttpAllowed)
    {
        MaxRedirects = maxRedirects;
        this.plainHttpAllowed = plainHttpAllowed;
    }

    public int MaxRedirects { get; }

    /// <summary>A redirect the client acts on: 301, 302, 303, 307 or 308 in answer to GET or HEAD.</summary>
    public static bool IsRedirect(HttpRequestMessage request, HttpResponseMessage response) =>
        (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head)
        && response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are one origin: the only place credentials may go.</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>
    /// The request to send for redirect number <paramref name="hop"/> (1-based) of <paramref name="first"/>, or a
    /// <see cref="SourceReason.RedirectRefused"/> failure naming the Location.
    /// </summary>
    public HttpRequestMessage Next(HttpRequestMessage first, HttpRequestMessage current, HttpResponseMessage response, int hop)
    {
        var from = current.RequestUri!;
        var status = $"a {(int)response.StatusCode} redirect";
        if (response.Headers.Location is not { } location)
        {
            throw Refused($"Expected a Location with {status} from {Describe(from)}, found none.");
        }
        var target = location.IsAbsoluteUri ? location : new Uri(from, location);
        if (hop > MaxRedirects)
        {
            throw Refused($"Expected at most {MaxRedirects} redirects from {Describe(first.RequestUri!)}, found more (the last to {Describe(target)}).");
        }
        if (target.Scheme == Uri.UriSchemeHttp && !plainHttpAllowed(target))
        {
            throw Refused($"Expected a redirect from {Describe(from)} to https, found {status} to plain-HTTP {Describe(target)}; "
                + $"not followed: declare --insecure-registry {HostOf(target)} if plain HTTP to that host is intended.");
        }
        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
        {
            throw Refused($"Expected a redirect from {Describe(from)} to https, found {status} to {Describe(target)}.");
        }
        // 303 means "GET the other resource"; the others repeat the method (only GET and HEAD get here).
        var method = response.StatusCode == HttpStatusCode.SeeOther ? HttpMethod.Get : current.Method;
        var next = new HttpRequestMessage(method, target) { Version = current.Version, VersionPolicy = current.VersionPolicy };
        foreach (var header in current.Headers)
        {
            if (!string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
        // The credentials were made for the registry; a storage host gets a signed URL, not them.
        if (first.Headers.Authorization is { } authorization && SameOrigin(target, first.RequestUri!))
        {
            next.Headers.Authorization = authorization;
        }
        return next;
    }

    private static string HostOf(Uri uri) => uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";

    /// <summary>The Location without its query: a storage host's signed URL carries its signature there, and messages end up in logs.</summary>
    private static string Describe(Uri uri) => $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}{(uri.Query.Length > 1 ? "?…" : string.Empty)}";

    private static OciSourceException Refused(string message) => new(SourceReason.RedirectRefused, message);
}
