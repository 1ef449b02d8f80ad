using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ImageGate.Oci.Registry.Auth;

/// <summary>
/// Answers registry auth challenges: anonymous, Basic, and the docker token flow (Bearer challenge with
/// realm, service and scope → token endpoint → <c>Authorization: Bearer</c>). Tokens are cached per
/// host and scope until shortly before they expire, and a host that asked for Basic once gets it up
/// front afterwards, so one image costs one challenge round trip, not one per request.
/// </summary>
internal sealed class Authenticator
{
    // Tokens without expires_in live 60 s (docker token spec); renew a little early to avoid racing expiry.
    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(5);

    private readonly CredentialStore? credentials;
    private readonly TimeProvider time;
    private readonly Func<Uri, bool> plainHttpAllowed;
    private readonly ConcurrentDictionary<string, bool> basicHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> tokens = new(StringComparer.Ordinal);

    public Authenticator(CredentialStore? credentials, TimeProvider time, Func<Uri, bool> plainHttpAllowed)
    {
        this.credentials = credentials;
        this.time = time;
        this.plainHttpAllowed = plainHttpAllowed;
    }

    /// <summary>The header to send before any challenge, from what earlier challenges taught us; null for anonymous.</summary>
    public AuthenticationHeaderValue? HeaderFor(string registry, string host, string? repository)
    {
        var credential = credentials?.Find(registry);
        if (credential?.RegistryToken is { } registryToken)
        {
            return new AuthenticationHeaderValue("Bearer", registryToken);
        }
        if (basicHosts.ContainsKey(host) && credential is { HasPassword: true })
        {
            return Basic(credential);
        }
        if (tokens.TryGetValue(TokenKey(host, PullScope(repository)), out var cached) && cached.Expires > time.GetUtcNow())
        {
            return new AuthenticationHeaderValue("Bearer", cached.Token);
        }
        return null;
    }

    /// <summary>
    /// Handles a 401. Returns true when the request should be sent again (a header is now known),
    /// false when the challenge cannot be met (then the caller reports <see cref="SourceReason.Unauthorized"/>).
    /// What decides is the header <paramref name="sent"/> with this request, not what is known now: requests sent
    /// side by side before the first challenge was answered are each refused once, and each is sent again.
    /// </summary>
    public async Task<bool> OnChallengeAsync(string registry, string host, string? repository, AuthenticationHeaderValue? sent, HttpResponseMessage response,
        TokenFetcher fetch, CancellationToken cancellationToken)
    {
        var challenges = response.Headers.WwwAuthenticate
            .Select(h => AuthChallenge.Parse(h.ToString()))
            .OfType<AuthChallenge>()
            .ToList();
        var credential = credentials?.Find(registry);
        var bearer = challenges.FirstOrDefault(c => c.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase));
        if (bearer is not null)
        {
            return await FetchTokenAsync(bearer, credential, host, repository, sent, fetch, cancellationToken).ConfigureAwait(false);
        }
        if (challenges.Any(c => c.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)) && credential is { HasPassword: true })
        {
            // A 401 to a request that carried Basic means the password is wrong; do not loop.
            basicHosts.TryAdd(host, true);
            return sent?.Scheme != "Basic";
        }
        return false;
    }

    private async Task<bool> FetchTokenAsync(AuthChallenge challenge, RegistryCredential? credential, string host, string? repository, AuthenticationHeaderValue? sent,
        TokenFetcher fetch, CancellationToken cancellationToken)
    {
        var realm = challenge.Parameter("realm");
        if (string.IsNullOrEmpty(realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new OciSourceException(SourceReason.Unauthorized, $"Expected a Bearer challenge with an absolute realm URL from {host}, found '{realm}'.") { StatusCode = 401 };
        }
        if (realmUri.Scheme != Uri.UriSchemeHttps && !(realmUri.Scheme == Uri.UriSchemeHttp && plainHttpAllowed(realmUri)))
        {
            throw new OciSourceException(SourceReason.Unauthorized, $"Expected an https token realm from {host}, found '{realm}' (declare the host insecure to allow plain HTTP).") { StatusCode = 401 };
        }
        var scope = challenge.Parameter("scope") ?? PullScope(repository);
        var service = challenge.Parameter("service");
        var key = TokenKey(host, scope);
        if (tokens.TryGetValue(key, out var cached) && cached.Expires > time.GetUtcNow())
        {
            // Refused with this very token: it does not grant what is asked. Sent before it was fetched (a request
            // beside the one that fetched it): send again, with it.
            return !(sent?.Scheme == "Bearer" && sent.Parameter == cached.Token);
        }

        HttpRequestMessageSpec request;
        if (credential?.IdentityToken is { } refreshToken)
        {
            // docker login with an identity token: OAuth2 refresh-token grant (distribution token "oauth" flow).
            var form = new List<KeyValuePair<string, string>>
            {
                new("grant_type", "refresh_token"),
                new("refresh_token", refreshToken),
                new("client_id", "imagegate"),
            };
            if (service is not null)
            {
                form.Add(new("service", service));
            }
            foreach (var s in SplitScopes(scope))
            {
                form.Add(new("scope", s));
            }
            request = new HttpRequestMessageSpec(HttpMethod.Post, realmUri, null, form);
        }
        else
        {
            var query = new StringBuilder(realmUri.Query.Length > 1 ? realmUri.Query[1..] : string.Empty);
            if (service is not null)
            {
                Append(query, "service", service);
            }
            foreach (var s in SplitScopes(scope))
            {
                Append(query, "scope", s);
            }
            var uri = new UriBuilder(realmUri) { Query = query.ToString() }.Uri;
            request = new HttpRequestMessageSpec(HttpMethod.Get, uri, credential is { HasPassword: true } ? Basic(credential) : null, null);
        }

        var body = await fetch(request, cancellationToken).ConfigureAwait(false);
        TokenResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, AuthJsonContext.Default.TokenResponse);
        }
        catch (JsonException e)
        {
            throw new OciSourceException(SourceReason.Unauthorized, $"Expected a JSON token response from {realmUri.Host}, found invalid JSON ({e.Message}).", e);
        }
        var token = parsed?.Token is { Length: > 0 } t ? t : parsed?.AccessToken;
        if (string.IsNullOrEmpty(token))
        {
            throw new OciSourceException(SourceReason.Unauthorized, $"Expected a 'token' or 'access_token' from {realmUri.Host}, found neither.");
        }
        var lifetime = parsed!.ExpiresIn is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : DefaultTokenLifetime;
        var expires = time.GetUtcNow() + lifetime - ExpiryMargin;
        tokens[key] = (token, expires);
        if (repository is not null)
        {
            tokens[TokenKey(host, PullScope(repository))] = (token, expires);
        }
        return true;
    }

    private static void Append(StringBuilder query, string name, string value)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }
        query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static IEnumerable<string> SplitScopes(string? scope) =>
        string.IsNullOrEmpty(scope) ? [] : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string PullScope(string? repository) => repository is null ? string.Empty : $"repository:{repository}:pull";

    private static string TokenKey(string host, string? scope) => host + " " + scope;

    private static AuthenticationHeaderValue Basic(RegistryCredential credential) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}")));
}
