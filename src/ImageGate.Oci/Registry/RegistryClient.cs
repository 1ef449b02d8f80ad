using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Collections.Concurrent;
using ImageGate.Oci.Registry.Auth;
using ImageGate.Oci.Registry.Mirrors;
using ImageGate.Oci.Tls;

namespace ImageGate.Oci.Registry;

/// <summary>
/// The one HTTP client for every registry: HTTPS (HTTP/2 when offered, else 1.1) except for hosts declared
/// insecure, pooled connections, auth, retries with back-off and per-attempt timeouts. Counts requests and
/// connections so callers can report and tests can check the request economy.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private readonly RegistryClientOptions options;
    private readonly HttpClient http;
    private readonly Authenticator authenticator;
    private readonly HashSet<string> insecureHosts;
    private readonly RedirectPolicy redirects;
    private readonly ConcurrentDictionary<string, int> requestsByHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, MirrorSet> mirrors;
    private int requestCount;
    private int connectionCount;

    public RegistryClient(RegistryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        insecureHosts = new HashSet<string>(options.InsecureHosts.Select(h => h.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        http = new HttpClient(options.Handler ?? CreateHandler(options), disposeHandler: true)
        {
            // Per-attempt timeouts are ours (TimeProvider-driven); HttpClient's own would race them.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        authenticator = new Authenticator(options.Credentials, options.TimeProvider, IsPlainHttpAllowed);
        redirects = new RedirectPolicy(options.MaxRedirects, IsPlainHttpAllowed);
        mirrors = new Dictionary<string, MirrorSet>(options.Mirrors, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>HTTP requests sent so far (every attempt, challenge and token request included).</summary>
    public int RequestCount => Volatile.Read(ref requestCount);

    /// <summary>TCP connections opened so far (0 with a custom handler).</summary>
    public int ConnectionCount => Volatile.Read(ref connectionCount);

    /// <summary>Requests sent to one host (<c>host</c> or <c>host:port</c>, as in the request URI), so a test can tell an origin's load from its mirror's.</summary>
    public int RequestCountFor(string host) => requestsByHost.TryGetValue(host, out var n) ? n : 0;

    internal RegistryClientOptions Options => options;

    /// <summary>
    /// A source for one repository: through the registry's mirrors when <see cref="RegistryClientOptions.Mirrors"/>
    /// names any (then the registry itself unless the set skips it), else the registry alone.
    /// </summary>
    public IOciSource Open(ImageReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var upstream = OpenRepository(reference);
        if (!mirrors.TryGetValue(reference.Registry, out var set) || set.Mirrors.Count == 0)
        {
            return upstream;
        }
        var opened = set.Mirrors.Select(m => OpenMirror(m, reference)).ToList();
        return new MirroredRepository(opened, set.SkipUpstream ? null : upstream, reference.Registry, reference.Repository);
    }

    /// <summary>One mirror, under the rule every host follows: plain HTTP only to a host declared insecure.</summary>
    private RegistryRepository OpenMirror(RegistryMirror mirror, ImageReference reference)
    {
        var scheme = mirror.Scheme ?? (IsInsecure(mirror.Host) ? "http" : "https");
        if (scheme == "http" && !IsInsecure(mirror.Host))
        {
            throw new OciSourceException(SourceReason.BadInput, $"Expected mirror {mirror} of {reference.Registry} to be declared insecure before it is spoken to over plain HTTP, found it is not.");
        }
        return new RegistryRepository(this, mirror.Host, new Uri($"{scheme}://{mirror.Host}/"), reference.Repository, mirrorOf: reference.Registry);
    }

    /// <summary>A source for one repository of one registry.</summary>
    public RegistryRepository OpenRepository(ImageReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var host = reference.ApiHost;
        var scheme = IsInsecure(host) ? "http" : "https";
        return new RegistryRepository(this, reference.Registry, new Uri($"{scheme}://{host}/"), reference.Repository);
    }

    public void Dispose() => http.Dispose();

    private bool IsInsecure(string hostAndPort)
    {
        var h = hostAndPort.ToLowerInvariant();
        if (insecureHosts.Contains(h))
        {
            return true;
        }
        var colon = h.LastIndexOf(':');
        return colon > 0 && !h.EndsWith(']') && insecureHosts.Contains(h[..colon]);
    }

    private bool IsPlainHttpAllowed(Uri uri) => IsInsecure(uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}");

    /// <summary>
    /// Sends a request built by <paramref name="build"/>, answering auth challenges and retrying transient
    /// failures (429, 502, 503, 504, connection errors, timeouts, truncated bodies) with back-off inside
    /// <see cref="RegistryClientOptions.RetryBudget"/>. <paramref name="read"/> turns the response into a
    /// result; an <see cref="OciSourceException"/> from it is final (a wrong digest is not retried).
    /// </summary>
    internal async Task<T> SendAsync<T>(
        string registry,
        string? repository,
        Func<HttpRequestMessage> build,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        bool authenticate,
        CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var started = time.GetTimestamp();
        var failedAttempts = 0;
        var challengesAnswered = 0;
        while (true)
        {
            var remaining = options.RetryBudget - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                remaining = TimeSpan.FromMilliseconds(1);
            }
            var attemptTimeout = remaining < options.RequestTimeout ? remaining : options.RequestTimeout;
            using var attemptCts = new CancellationTokenSource(attemptTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptCts.Token);
            Exception failure;
            TimeSpan? retryAfter = null;
            Uri? uri = null;
            try
            {
                using var request = build();
                uri = request.RequestUri!;
                var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
                if (request.RequestUri!.Scheme == Uri.UriSchemeHttps)
                {
                    request.Version = HttpVersion.Version20;
                    request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
                }
                if (authenticate && request.Headers.Authorization is null)
                {
                    request.Headers.Authorization = authenticator.HeaderFor(registry, host, repository);
                }
                var (sent, fromOrigin) = await SendFollowingRedirectsAsync(request, linked.Token).ConfigureAwait(false);
                using var response = sent;
                // A challenge from a storage host is not the registry's to answer: that would hand it the registry's credentials.
                if (response.StatusCode == HttpStatusCode.Unauthorized && authenticate && fromOrigin && challengesAnswered < 2
                    && await authenticator.OnChallengeAsync(registry, host, repository, request.Headers.Authorization, response, FetchTokenAsync, linked.Token).ConfigureAwait(false))
                {
                    challengesAnswered++;
                    continue;
                }
                // A token endpoint's refusal is read by its caller, which knows whether credentials were sent to it.
                if (authenticate && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    var detail = await RegistryErrors.DescribeAsync(response, linked.Token).ConfigureAwait(false);
                    bool configured = options.Credentials?.Find(registry) is not null;
                    throw new OciSourceException(configured ? SourceReason.CredentialsRefused : SourceReason.Unauthorized,
                        $"Expected access to {Describe(uri)}, found {(int)response.StatusCode} {response.StatusCode}{detail} "
                        + (configured ? "with the configured credentials." : "(no credentials configured for " + registry + ")."))
                    { StatusCode = (int)response.StatusCode };
                }
                if (RetryPolicy.IsRetryableStatus(response.StatusCode))
                {
                    retryAfter = RetryPolicy.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow());
                    failure = new OciSourceException(SourceReason.Unavailable, $"Expected an answer from {Describe(uri)}, found {(int)response.StatusCode} {response.StatusCode}.") { StatusCode = (int)response.StatusCode };
                }
                else
                {
                    return await read(response, linked.Token).ConfigureAwait(false);
                }
            }
            catch (OciSourceException)
            {
                throw;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException e)
            {
                failure = new OciSourceException(SourceReason.Unavailable, $"Expected an answer from {Describe(uri)} within {attemptTimeout.TotalSeconds:0.###} s, found none.", e);
            }
            catch (HttpRequestException e)
            {
                failure = new OciSourceException(SourceReason.Unavailable, $"Expected to reach {Describe(uri)}, found {e.Message}", e);
            }
            catch (IOException e)
            {
                failure = new OciSourceException(SourceReason.Unavailable, $"Expected a complete answer from {Describe(uri)}, found {e.Message}", e);
            }

            failedAttempts++;
            var delay = RetryPolicy.Delay(failedAttempts, options.InitialBackoff, options.MaxBackoff, retryAfter, Random.Shared.NextDouble());
            var elapsed = time.GetElapsedTime(started);
            if (failedAttempts >= options.MaxAttempts || elapsed + delay >= options.RetryBudget)
            {
                throw new OciSourceException(SourceReason.Unavailable,
                    $"{failure.Message.TrimEnd('.')}. Gave up after {failedAttempts} attempt(s) in {elapsed.TotalSeconds:0.#} s"
                    + (retryAfter is { } ra && elapsed + ra >= options.RetryBudget ? $" (Retry-After {ra.TotalSeconds:0.#} s exceeds the retry budget)." : "."),
                    failure.InnerException ?? failure)
                { StatusCode = (failure as OciSourceException)?.StatusCode };
            }
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends <paramref name="first"/> and follows redirects under <see cref="RedirectPolicy"/> (the handler's own
    /// following is off). Returns the final response and whether it came from the first request's origin.
    /// </summary>
    private async Task<(HttpResponseMessage Response, bool FromOrigin)> SendFollowingRedirectsAsync(HttpRequestMessage first, CancellationToken cancellationToken)
    {
        var current = first;
        try
        {
            for (var hop = 1; ; hop++)
            {
                Interlocked.Increment(ref requestCount);
                requestsByHost.AddOrUpdate(current.RequestUri!.IsDefaultPort ? current.RequestUri.Host : $"{current.RequestUri.Host}:{current.RequestUri.Port}", 1, (_, n) => n + 1);
                var response = await http.SendAsync(current, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!RedirectPolicy.IsRedirect(current, response))
                {
                    return (response, RedirectPolicy.SameOrigin(current.RequestUri!, first.RequestUri!));
                }
                HttpRequestMessage next;
                try
                {
                    next = redirects.Next(first, current, response, hop);
                }
                finally
                {
                    response.Dispose();
                }
                if (!ReferenceEquals(current, first))
                {
                    current.Dispose();
                }
                current = next;
            }
        }
        catch when (!ReferenceEquals(current, first))
        {
            current.Dispose();
            throw;
        }
    }

    private Task<byte[]> FetchTokenAsync(HttpRequestMessageSpec spec, CancellationToken cancellationToken) =>
        SendAsync(
            registry: spec.Uri.Host,
            repository: null,
            build: () =>
            {
                var request = new HttpRequestMessage(spec.Method, spec.Uri);
                request.Headers.Authorization = spec.Authorization;
                if (spec.Form is not null)
                {
                    request.Content = new FormUrlEncodedContent(spec.Form);
                }
                return request;
            },
            read: async (response, ct) =>
            {
                if (!response.IsSuccessStatusCode)
                {
                    bool refused = spec.Authorization is not null && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                    throw new OciSourceException(refused ? SourceReason.CredentialsRefused : SourceReason.Unauthorized,
                        $"Expected a token from {spec.Uri.Host}, found {(int)response.StatusCode} {response.StatusCode}{(refused ? " for the configured credentials" : string.Empty)}.")
                    { StatusCode = (int)response.StatusCode };
                }
                return await BoundedBody.ReadAsync(response, OciLimits.MaxSmallBodyBytes, "a token response", ct).ConfigureAwait(false);
            },
            authenticate: false,
            cancellationToken);

    private static string Describe(Uri? uri) => uri is null ? "the registry" : $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}";

    private SocketsHttpHandler CreateHandler(RegistryClientOptions o)
    {
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed by SendFollowingRedirectsAsync, under RedirectPolicy's rules.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = o.RequestTimeout,
            // Count connections so reuse is measurable; otherwise the default connect.
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref connectionCount);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        if (o.CaFile is { } caFile)
        {
            var extra = LoadCertificates(caFile);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => ValidateWithExtraCa(certificate, chain, errors, extra),
            };
        }
        return handler;
    }

    private static X509Certificate2Collection LoadCertificates(string path)
    {
        var collection = new X509Certificate2Collection();
        if (Files.BoundedFile.TryRead(path, "registry CA file", OciLimits.MaxManifestBytes, followLinks: true, out var pem, out var problem) != Files.FileRefusal.None)
        {
            throw new OciSourceException(SourceReason.BadInput, problem);
        }
        try
        {
            collection.ImportFromPem(System.Text.Encoding.UTF8.GetString(pem));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new OciSourceException(SourceReason.BadInput, $"Expected PEM CA certificates in {path}: {e.Message}", e);
        }
        if (collection.Count == 0)
        {
            throw new OciSourceException(SourceReason.BadInput, $"Expected at least one PEM certificate in {path}, found none.");
        }
        return collection;
    }

    /// <summary>
    /// The system store decides first; only a chain error (never a name mismatch) is re-checked against the
    /// extra CAs, so the extra file adds trust anchors and weakens nothing else.
    /// </summary>
    private static bool ValidateWithExtraCa(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, X509Certificate2Collection extra)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        return errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null && CustomRootChain.Builds(certificate, chain, extra);
    }
}
