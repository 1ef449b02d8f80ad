using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ImageGate.Oci.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ImageGate.Oci;

namespace ImageGate.Testing.Oci;

/// <summary>
/// An in-process OCI registry (read side of the distribution API) for tests: content in memory, the
/// referrers API switchable, faults injectable, auth challenges (Basic, Bearer with a token endpoint),
/// and a log of every request so tests can count them. Runs on TestServer, or on Kestrel at 127.0.0.1
/// when another process (the CLI) must reach it.
/// </summary>
public sealed class FakeRegistry : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string MediaType)> manifests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> blobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> log = new();
    private readonly ConcurrentQueue<(string Request, string? Authorization)> authorizations = new();
    private readonly List<Fault> faults = [];

    private FakeRegistry(WebApplication app) => this.app = app;

    public bool ReferrersApi { get; set; }

    /// <summary>"none", "basic" or "bearer".</summary>
    public string AuthMode { get; set; } = "none";

    public string Username { get; set; } = "alice";

    public string Password { get; set; } = "s3cret";

    public int TokensIssued { get; private set; }

    /// <summary>Every request as "METHOD path", in order.</summary>
    public IReadOnlyList<string> Requests => [.. log];

    /// <summary>Every request with the Authorization header it carried (null: none), so tests can see where credentials went.</summary>
    public IReadOnlyList<(string Request, string? Authorization)> Authorizations => [.. authorizations];

    public Uri BaseAddress { get; private set; } = new("http://localhost/");

    /// <summary>host:port for references and --insecure-registry.</summary>
    public string Host => BaseAddress.IsDefaultPort ? BaseAddress.Host : $"{BaseAddress.Host}:{BaseAddress.Port}";

    /// <summary>Starts the registry; with <paramref name="tls"/> it listens on Kestrel over HTTPS with that certificate.</summary>
    public static async Task<FakeRegistry> StartAsync(bool kestrel = false, X509Certificate2? tls = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        kestrel |= tls is not null;
        if (kestrel)
        {
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (tls is not null)
                {
                    listen.UseHttps(tls);
                }
            }));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }
        var app = builder.Build();
        var registry = new FakeRegistry(app);
        app.Run(registry.HandleAsync);
        await app.StartAsync();
        if (kestrel)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            registry.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)+ "/");
        }
        return registry;
    }

    /// <summary>A handler that sends requests into the TestServer.</summary>
    public HttpMessageHandler CreateHandler() => app.GetTestServer().CreateHandler();

    /// <summary>Client options for this registry: plain HTTP allowed for it, short back-off so tests stay fast.</summary>
    public RegistryClientOptions ClientOptions(ImageGate.Oci.Registry.Auth.CredentialStore? credentials = null) => new()
    {
        Handler = BaseAddress.Host == "localhost" && BaseAddress.IsDefaultPort ? CreateHandler() : null,
        InsecureHosts = [Host],
        Credentials = credentials,
        InitialBackoff = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(2),
        RetryBudget = TimeSpan.FromSeconds(20),
        MaxAttempts = 4,
    };

    public void AddFault(Fault fault)
    {
        lock (faults)
        {
            faults.Add(fault);
        }
    }

    public void PutBlob(byte[] bytes) => blobs[Digest.Compute(bytes).ToString()] = bytes;

    public void PutManifest(string repository, string reference, byte[] bytes, string mediaType)
    {
        manifests[$"{repository}@{reference}"] = (bytes, mediaType);
        manifests[$"{repository}@{Digest.Compute(bytes)}"] = (bytes, mediaType);
    }

    public int Count(string pathContains) => log.Count(r => r.Contains(pathContains, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        log.Enqueue($"{context.Request.Method} {path}");
        var authorization = context.Request.Headers.Authorization.ToString();
        authorizations.Enqueue(($"{context.Request.Method} {path}", authorization.Length == 0 ? null : authorization));
        if (path == "/token")
        {
            await IssueTokenAsync(context);
            return;
        }
        if (!Authorized(context))
        {
            return;
        }
        var fault = TakeFault(path);
        if (fault is { Kind: FaultKind.Redirect, RedirectTo: { } target })
        {
            context.Response.StatusCode = fault.StatusCode;
            context.Response.Headers.Location = target.IsAbsoluteUri ? new Uri(target, path + context.Request.QueryString).ToString() : target.ToString();
            return;
        }
        if (fault is { Kind: FaultKind.Status })
        {
            context.Response.StatusCode = fault.StatusCode;
            if (fault.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = fault.RetryAfter;
            }
            return;
        }
        if (path == "/v2/" || path == "/v2")
        {
            context.Response.StatusCode = 200;
            return;
        }
        if (!path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var rest = path["/v2/".Length..];
        byte[]? body = null;
        string? contentType = null;
        if (Split(rest, "/manifests/") is var (repo, reference) && repo is not null)
        {
            if (manifests.TryGetValue($"{repo}@{reference}", out var m))
            {
                body = m.Bytes;
                contentType = m.MediaType;
                context.Response.Headers["Docker-Content-Digest"] = Digest.Compute(m.Bytes).ToString();
            }
        }
        else if (Split(rest, "/blobs/") is var (_, blobDigest) && blobDigest is not null)
        {
            if (blobs.TryGetValue(blobDigest, out var b))
            {
                body = b;
                contentType = "application/octet-stream";
            }
        }
        else if (Split(rest, "/referrers/") is var (refRepo, subject) && refRepo is not null)
        {
            if (!ReferrersApi)
            {
                // GHCR's answer when it has no referrers API.
                await Error(context, 404, "MANIFEST_UNKNOWN");
                return;
            }
            body = ReferrersIndex(refRepo, subject!);
            contentType = "application/vnd.oci.image.index.v1+json";
        }
        if (body is null)
        {
            await Error(context, 404, "MANIFEST_UNKNOWN");
            return;
        }
        await ServeAsync(context, body, contentType!, fault);
    }

    private static async Task ServeAsync(HttpContext context, byte[] body, string contentType, Fault? fault)
    {
        context.Response.ContentType = contentType;
        switch (fault?.Kind)
        {
            case FaultKind.WrongContent:
                var wrong = (byte[])body.Clone();
                wrong[^1] ^= 0x01;
                context.Response.ContentLength = wrong.Length;
                await context.Response.Body.WriteAsync(wrong);
                return;
            case FaultKind.OversizedBody:
                var chunk = new byte[1024 * 1024];
                // Far beyond the 4 MiB manifest and 64 MiB blob caps; the client must stop reading first.
                for (var i = 0; i < 80 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }
                return;
            case FaultKind.TruncatedBody:
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            case FaultKind.SlowBody:
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
                await context.Response.Body.FlushAsync();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                return;
            default:
                context.Response.ContentLength = body.Length;
                if (!HttpMethods.IsHead(context.Request.Method))
                {
                    await context.Response.Body.WriteAsync(body);
                }
                return;
        }
    }

    private byte[] ReferrersIndex(string repository, string subject)
    {
        var entries = new List<string>();
        foreach (var (key, value) in manifests)
        {
            if (!key.StartsWith(repository + "@sha256:", StringComparison.Ordinal) || !value.MediaType.Contains("manifest.v1", StringComparison.Ordinal))
            {
                continue;
            }
            var json = Encoding.UTF8.GetString(value.Bytes);
            if (json.Contains($"\"subject\":{{\"mediaType\"", StringComparison.Ordinal) && json.Contains(subject, StringComparison.Ordinal)
                && !key.EndsWith(subject, StringComparison.Ordinal))
            {
                entries.Add($"{{\"mediaType\":\"{value.MediaType}\",\"digest\":\"{key[(repository.Length + 1)..]}\",\"size\":{value.Bytes.Length},\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}}");
            }
        }
        return Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{string.Join(',', entries)}]}}");
    }

    private bool Authorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        switch (AuthMode)
        {
            case "basic":
                var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
                if (header == expected)
                {
                    return true;
                }
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"fake\"";
                return false;
            case "bearer":
                if (header == "Bearer token-for-" + Username)
                {
                    return true;
                }
                context.Response.StatusCode = 401;
                var repo = context.Request.Path.Value!.Split('/').Skip(2).TakeWhile(s => s is not ("manifests" or "blobs" or "referrers"));
                context.Response.Headers.WWWAuthenticate =
                    $"Bearer realm=\"{BaseAddress}token\",service=\"fake-registry\",scope=\"repository:{string.Join('/', repo)}:pull\"";
                return false;
            default:
                return true;
        }
    }

    private async Task IssueTokenAsync(HttpContext context)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        if (context.Request.Headers.Authorization.ToString() != expected || context.Request.Query["service"] != "fake-registry")
        {
            context.Response.StatusCode = 401;
            return;
        }
        TokensIssued++;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"token\":\"token-for-{Username}\",\"expires_in\":300}}");
    }

    private Fault? TakeFault(string path)
    {
        lock (faults)
        {
            var fault = faults.FirstOrDefault(f => f.Remaining > 0 && path.Contains(f.PathContains, StringComparison.Ordinal));
            if (fault is not null)
            {
                fault.Remaining--;
            }
            return fault;
        }
    }

    private static (string? Repository, string? Remainder) Split(string rest, string marker)
    {
        var i = rest.IndexOf(marker, StringComparison.Ordinal);
        return i < 0 ? (null, null) : (rest[..i], rest[(i + marker.Length)..]);
    }

    private static async Task Error(HttpContext context, int status, string code)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"errors\":[{{\"code\":\"{code}\",\"message\":\"fake\"}}]}}");
    }
}
