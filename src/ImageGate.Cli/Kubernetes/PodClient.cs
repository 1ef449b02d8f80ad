using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ImageGate.Cli.Reasons;
using ImageGate.Oci.Tls;
using ImageGate.Sigstore;

namespace ImageGate.Cli.Kubernetes;

/// <summary>
/// One call: <c>GET /api/v1/namespaces/NS/pods/NAME</c> with the service-account token, over TLS trusted through the
/// cluster CA alone (not the system store: nothing else may answer for the API server). A small, direct HTTPS call
/// rather than a Kubernetes client library: it is all the checks need (docs/pod-check.md §4).
/// </summary>
internal sealed class PodClient : IDisposable
{
    /// <summary>A Pod object is a few KB; a megabyte bounds what a misbehaving endpoint can make us hold.</summary>
    private const int MaxPodBytes = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly ServiceAccount _account;

    /// <param name="handler">Null for the real API server; a test's in-process handler otherwise.</param>
    public PodClient(ServiceAccount account, HttpMessageHandler? handler = null, TimeSpan? timeout = null)
    {
        _account = account;
        _http = new HttpClient(handler ?? ClusterHandler(account.CaFile)) { BaseAddress = account.ApiServer, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The pod, or why the API did not give it.</summary>
    public async Task<(PodDocument? Pod, Failure? Failure)> GetAsync(string name, CancellationToken cancellationToken)
    {
        string where = $"pod {_account.Namespace}/{name} from {_account.ApiServer.Authority}";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/namespaces/{Uri.EscapeDataString(_account.Namespace)}/pods/{Uri.EscapeDataString(name)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _account.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    break;
                case HttpStatusCode.Unauthorized:
                    return (null, new Failure(PodReasons.Unauthorized, $"expected the service-account token to be accepted for {where}; the API answered 401"));
                case HttpStatusCode.Forbidden:
                    return (null, new Failure(PodReasons.Forbidden, $"expected permission to get {where}; the API answered 403 (bind a Role with get on pods to the pod's ServiceAccount)"));
                case HttpStatusCode.NotFound:
                    return (null, new Failure(PodReasons.NotFound, $"expected {where}; the API answered 404 (is --pod-name the pod's own name, from the downward API?)"));
                default:
                    return (null, new Failure(PodReasons.ApiUnavailable, $"expected {where}; the API answered {(int)response.StatusCode}"));
            }
            var bytes = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return (null, new Failure(PodReasons.Malformed, $"expected {where} within {MaxPodBytes} bytes; the answer is larger"));
            }
            try
            {
                return JsonSerializer.Deserialize(bytes, PodJsonContext.Default.PodDocument) is { } pod
                    ? (pod, null)
                    : (null, new Failure(PodReasons.Malformed, $"expected {where} as a Pod object; the answer is null"));
            }
            catch (JsonException e)
            {
                return (null, new Failure(PodReasons.Malformed, $"expected {where} as a Pod object; {e.Message}"));
            }
        }
        catch (HttpRequestException e)
        {
            return (null, new Failure(PodReasons.ApiUnavailable, $"expected to reach the API server for {where}; {e.Message}"));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new Failure(PodReasons.ApiUnavailable, $"expected an answer for {where} within {_http.Timeout.TotalSeconds:0} s; none came"));
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxPodBytes)
        {
            return null;
        }
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxPodBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }

    /// <summary>TLS to the API server, its chain built to the cluster CA only; a name mismatch is never accepted.</summary>
    private static SocketsHttpHandler ClusterHandler(string caFile)
    {
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(caFile);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                // Whatever the system store says, the chain must end at the cluster CA; a name mismatch never passes.
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                    certificate is not null && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == 0 && CustomRootChain.Builds(certificate, chain, anchors),
            },
        };
    }
}
