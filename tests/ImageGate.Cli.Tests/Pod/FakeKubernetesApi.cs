using System.Net;
using System.Text.Json.Nodes;
using ImageGate.Testing.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageGate.Cli.Tests.Pod;

/// <summary>
/// A Kubernetes API server for one Pod, on Kestrel over TLS at 127.0.0.1 (a throw-away CA), and the service-account
/// directory a kubelet would mount for it (token, ca.crt, namespace). It answers <c>GET
/// /api/v1/namespaces/NS/pods/NAME</c> with <see cref="Pod"/> as the real API does, 401 for another token, 404 for
/// another pod, and <see cref="Status"/> when a test sets one; it counts requests.
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    public const string Namespace = "monitoring";
    public const string PodName = "pmg-exporter-7d9c6b5f4-x2kqz";

    private readonly WebApplication _app;
    private readonly string _token = "eyJhbGciOiJSUzI1NiJ9.test-" + Guid.NewGuid().ToString("N");
    private int _requests;

    private FakeKubernetesApi(WebApplication app, string directory)
    {
        _app = app;
        ServiceAccountDirectory = directory;
    }

    /// <summary>The Pod object served; a test edits it (its status, its images) between runs.</summary>
    public JsonObject Pod { get; set; } = PodJson.PmgExporter(PodJson.SignedDigest);

    /// <summary>Answer with this status instead of the pod (403 for a missing RoleBinding, 500...).</summary>
    public HttpStatusCode? Status { get; set; }

    /// <summary>The pod's status is withheld (containerStatuses empty) for this many requests: the kubelet is late.</summary>
    public int StatusLateBy { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public int Port { get; private set; }

    public string ServiceAccountDirectory { get; }

    /// <summary>What a container of this pod has in its environment for the checks to find the API and itself.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1",
        ["KUBERNETES_SERVICE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["IMAGEGATE_POD_NAME"] = PodName,
        ["IMAGEGATE_SERVICE_ACCOUNT_DIR"] = ServiceAccountDirectory,
    };

    /// <param name="trustedBy">The CA written to ca.crt; another CA than the server's makes TLS fail, as a wrong mount would.</param>
    public static async Task<FakeKubernetesApi> StartAsync(TestCertificates? trustedBy = null)
    {
        var certificates = TestCertificates.Create();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificates.ServerCertificate())));
        var app = builder.Build();
        var directory = Directory.CreateTempSubdirectory("imagegate-sa-").FullName;
        var api = new FakeKubernetesApi(app, directory);
        File.WriteAllText(Path.Combine(directory, "token"), api._token);
        File.WriteAllText(Path.Combine(directory, "namespace"), Namespace);
        File.WriteAllText(Path.Combine(directory, "ca.crt"), (trustedBy ?? certificates).CaPem);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        api.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return api;
    }

    private async Task HandleAsync(HttpContext context)
    {
        int seen = Interlocked.Increment(ref _requests);
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + _token)
        {
            context.Response.StatusCode = 401;
            return;
        }
        if (Status is { } status)
        {
            context.Response.StatusCode = (int)status;
            await context.Response.WriteAsync($$"""{"kind":"Status","apiVersion":"v1","status":"Failure","code":{{(int)status}}}""");
            return;
        }
        if (context.Request.Method != "GET" || context.Request.Path != $"/api/v1/namespaces/{Namespace}/pods/{PodName}")
        {
            context.Response.StatusCode = 404;
            return;
        }
        var pod = Pod.DeepClone().AsObject();
        if (seen <= StatusLateBy)
        {
            pod["status"]!["containerStatuses"] = new JsonArray();
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(pod.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(ServiceAccountDirectory, recursive: true);
    }
}
