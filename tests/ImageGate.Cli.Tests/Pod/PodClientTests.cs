using ImageGate.Cli.Kubernetes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace ImageGate.Cli.Tests.Pod;

/// <summary>
/// The one API call and the rules on its answer, in process (ASP.NET Core TestHost): the realistic Pod passes the
/// self-check, and each malformed, oversized or refused answer is its own typed failure.
/// </summary>
public sealed class PodClientTests
{
    private static readonly ServiceAccount Account = new(new Uri("https://10.96.0.1:443/"), "token", "/nonexistent/ca.crt", FakeKubernetesApi.Namespace);

    private static async Task<(PodDocument? Pod, ImageGate.Sigstore.Failure? Failure)> GetAsync(Func<HttpContext, Task> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        app.Run(new RequestDelegate(answer));
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new PodClient(Account, app.GetTestServer().CreateHandler());
        return await client.GetAsync(FakeKubernetesApi.PodName, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_realistic_pod_parses_and_proves_its_digest()
    {
        string? path = null, authorization = null;
        var (pod, failure) = await GetAsync(context =>
        {
            path = context.Request.Path;
            authorization = context.Request.Headers.Authorization;
            return context.Response.WriteAsync(PodJson.PmgExporter(PodJson.SignedDigest).ToJsonString());
        });
        Assert.Null(failure);
        Assert.Equal($"/api/v1/namespaces/{FakeKubernetesApi.Namespace}/pods/{FakeKubernetesApi.PodName}", path);
        Assert.Equal("Bearer token", authorization);
        Assert.Null(PodSelfCheck.Check(pod!, "pmg-exporter", PodJson.SignedDigest, out bool pending));
        Assert.False(pending);
        // The init container is found too: the gate can check its own image.
        Assert.Null(PodSelfCheck.Check(pod!, "imagegate", PodJson.GateImage[(PodJson.GateImage.IndexOf('@') + 1)..], out _));
    }

    [Theory]
    [InlineData("{\"spec\":", "pod.malformed")]
    [InlineData("null", "pod.malformed")]
    [InlineData("[]", "pod.malformed")]
    public async Task An_answer_that_is_not_a_pod_is_malformed(string body, string reason)
    {
        var (pod, failure) = await GetAsync(context => context.Response.WriteAsync(body));
        Assert.Null(pod);
        Assert.Equal(reason, failure!.Code);
    }

    [Fact]
    public async Task An_answer_over_a_megabyte_is_refused_unread()
    {
        var (_, failure) = await GetAsync(context => context.Response.WriteAsync("{\"metadata\":{\"name\":\"" + new string('x', 1024 * 1024) + "\"}}"));
        Assert.Equal("pod.malformed", failure!.Code);
        Assert.Contains("within 1048576 bytes", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, "pod.unauthorized")]
    [InlineData(403, "pod.forbidden")]
    [InlineData(404, "pod.not-found")]
    [InlineData(500, "pod.api-unavailable")]
    [InlineData(429, "pod.api-unavailable")]
    public async Task Each_refusal_has_its_reason(int status, string reason)
    {
        var (_, failure) = await GetAsync(context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        Assert.Equal(reason, failure!.Code);
    }

    [Theory]
    [InlineData("docker-pullable://ghcr.io/natrontech/pmg-exporter@sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", true)]
    [InlineData("ghcr.io/natrontech/pmg-exporter@sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", true)]
    [InlineData("sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", false)]
    [InlineData("ghcr.io/natrontech/pmg-exporter@sha256:DDDDdddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", false)]
    public void Image_ids_in_each_runtime_shape(string imageId, bool proves)
    {
        var pod = System.Text.Json.JsonSerializer.Deserialize(PodJson.PmgExporter(PodJson.SignedDigest, imageId: imageId).ToJsonString(), PodJsonContext.Default.PodDocument)!;
        Assert.Equal(proves, PodSelfCheck.Check(pod, "pmg-exporter", PodJson.SignedDigest, out _) is null);
    }
}
