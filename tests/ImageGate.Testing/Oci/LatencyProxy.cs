using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageGate.Testing.Oci;

/// <summary>
/// A reverse proxy on 127.0.0.1 in front of a real registry that holds every request for <see cref="Delay"/> before
/// forwarding it, as a distant registry would: what a client fetches one after another costs one delay each, what it
/// fetches side by side costs one delay together. It records when each request came and went, so a test can count
/// the client's sequential round trips (<see cref="RoundTrips"/>) without timing the client itself.
/// </summary>
public sealed class LatencyProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Host" };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly List<(long Start, long End)> _requests = [];

    private LatencyProxy(WebApplication app, Uri upstream, TimeSpan delay)
    {
        _app = app;
        Delay = delay;
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = upstream };
    }

    public TimeSpan Delay { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public string Host => $"{BaseAddress.Host}:{BaseAddress.Port}";

    public int Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>
    /// The longest chain of requests each of which began after the one before it ended (earliest end first, which finds
    /// the maximum): the client's critical path in round trips. Requests in flight together count once.
    /// </summary>
    public int RoundTrips
    {
        get
        {
            lock (_requests)
            {
                int chain = 0;
                long end = long.MinValue;
                foreach (var (start, finish) in _requests.OrderBy(r => r.End))
                {
                    if (start >= end)
                    {
                        chain++;
                        end = finish;
                    }
                }
                return chain;
            }
        }
    }

    public void Reset()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    public static async Task<LatencyProxy> StartAsync(Uri upstream, TimeSpan delay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new LatencyProxy(app, upstream, delay);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        proxy.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        await Task.Delay(Delay, context.RequestAborted);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }
        foreach (var (name, values) in context.Request.Headers)
        {
            if (!HopByHop.Contains(name) && !request.Headers.TryAddWithoutValidation(name, [.. values]))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, [.. values]);
            }
        }
        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        lock (_requests)
        {
            _requests.Add((start, System.Diagnostics.Stopwatch.GetTimestamp()));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
