using System.Net.Http.Headers;
using System.Text;
using ImageGate.Cli.Tests.Support;
using ImageGate.Testing.Pmg;
using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.Telemetry;

/// <summary>
/// The standard <c>OTEL_*</c> variables, checked against a real receiver (the Aspire dashboard): the three signals
/// arrive over gRPC and over HTTP/protobuf with the service name and resource attributes; per-signal endpoint and
/// protocol win over the generic ones; <c>OTEL_SDK_DISABLED=true</c> starts nothing; the verdict never changes.
/// Each test exports under its own service name, read back by name.
/// </summary>
public sealed class OtlpExportTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    /// <summary>Generous for arrival; the CLI flushes before it exits, so data is normally there already.</summary>
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(15);

    private static readonly string[] RunSpans = ["imagegate.verify", "imagegate.discover", "imagegate.policy", "imagegate.verify.artifact", "imagegate.requirement"];

    private AspireDashboard Dashboard => fixture.Dashboard;

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task Spans_metrics_and_logs_arrive_with_the_service_name_and_resource_attributes(string protocol)
    {
        string service = NewService("export");
        var (exit, stdout, stderr) = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string>
        {
            // The generic endpoint: for http/protobuf the SDK appends /v1/traces, /v1/metrics and /v1/logs itself.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = protocol == "grpc" ? Dashboard.GrpcEndpoint : Dashboard.HttpEndpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
            ["OTEL_SERVICE_NAME"] = service,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"deployment.environment.name=e2e,imagegate.test.protocol={protocol}",
        }, SaveLayoutRun.VerifyImage());
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");

        var resource = await Dashboard.WaitForAsync(service, Arrival, traces: true, metrics: true, logs: true);
        Assert.True(resource is { HasTraces: true, HasMetrics: true, HasLogs: true }, $"{resource?.ToString() ?? "nothing"} arrived\n{Dashboard.Output}");

        using var spansJson = await Dashboard.SpansAsync(service);
        var spans = OtlpJson.Spans(spansJson);
        Assert.Subset(RunSpans.ToHashSet(), spans.Select(s => s.Text("name")!).ToHashSet());
        var root = spans.Single(s => s.Text("name") == "imagegate.verify");
        Assert.Equal(service, root.Resource["service.name"]);
        Assert.Equal("e2e", root.Resource["deployment.environment.name"]);
        Assert.Equal(protocol, root.Resource["imagegate.test.protocol"]);
        Assert.Equal(SaveLayoutRun.Digest, root.Attributes["imagegate.image.digest"]);
        Assert.Equal("verified", root.Attributes["imagegate.outcome"]);
        var artifact = spans.Single(s => s.Text("name") == "imagegate.verify.artifact");
        Assert.Equal("provenance", artifact.Attributes["imagegate.requirement"]);
        Assert.Equal(SaveLayoutRun.GeneratorIdentity, artifact.Attributes["imagegate.signer.identity"]);
        var requirement = spans.Single(s => s.Text("name") == "imagegate.requirement");
        Assert.Equal("provenance", requirement.Attributes["imagegate.requirement"]);
        Assert.Equal("verified", requirement.Attributes["imagegate.outcome"]);
        Assert.Equal(SaveLayoutRun.GeneratorIdentity, requirement.Attributes["imagegate.signer.identity"]);

        using var logsJson = await Dashboard.LogsAsync(service);
        var verdict = Assert.Single(OtlpJson.LogRecords(logsJson), l => l.Text("eventName") == "imagegate.verdict");
        Assert.Equal("verified", verdict.Attributes["Outcome"]);
        Assert.Equal("none", verdict.Attributes["Reason"]);
        Assert.Equal("0", verdict.Attributes["ExitCode"]);
        Assert.Equal(SaveLayoutRun.Digest, verdict.Attributes["Digest"]);
        Assert.Equal(service, verdict.Resource["service.name"]);
        // Written inside the run's span: the record carries its trace.
        Assert.Equal(root.Text("traceId"), verdict.Text("traceId"));
    }

    [Fact]
    public async Task Without_OTEL_SERVICE_NAME_the_service_is_imagegate()
    {
        string run = Guid.NewGuid().ToString("N");
        var (exit, _, stderr) = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Dashboard.GrpcEndpoint,
            ["OTEL_SERVICE_NAME"] = "",
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"imagegate.test.run={run}",
        }, SaveLayoutRun.VerifyImage());
        Assert.True(exit == 0, stderr);

        Assert.NotNull(await Dashboard.WaitForAsync("imagegate", Arrival, traces: true));
        using var spansJson = await Dashboard.SpansAsync("imagegate");
        Assert.Contains(OtlpJson.Spans(spansJson), s => s.Resource.GetValueOrDefault("imagegate.test.run") == run && s.Text("name") == "imagegate.verify");
    }

    [Fact]
    public async Task A_per_signal_endpoint_and_protocol_override_the_generic_ones()
    {
        string service = NewService("per-signal");
        var (exit, _, stderr) = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string>
        {
            // The generic endpoint leads nowhere (nothing listens there), so only the per-signal ones can deliver.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{AspireDashboard.FreePort()}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            // A per-signal endpoint is used as it is (no /v1/traces appended), with its own protocol.
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = Dashboard.HttpEndpoint + "/v1/traces",
            ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"] = Dashboard.GrpcEndpoint,
            ["OTEL_SERVICE_NAME"] = service,
        }, SaveLayoutRun.VerifyImage());
        Assert.True(exit == 0, stderr);

        var resource = await Dashboard.WaitForAsync(service, Arrival, traces: true, logs: true);
        Assert.True(resource is { HasTraces: true, HasLogs: true }, $"{resource?.ToString() ?? "nothing"} arrived\n{Dashboard.Output}");
        // The process flushed before it exited: metrics went to the generic endpoint, and so nowhere.
        Assert.False(resource!.HasMetrics);
    }

    [Fact]
    public async Task With_OTEL_SDK_DISABLED_true_nothing_arrives()
    {
        string disabled = NewService("disabled");
        string enabled = NewService("enabled");
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Dashboard.GrpcEndpoint,
            ["OTEL_SDK_DISABLED"] = "true",
            ["OTEL_SERVICE_NAME"] = disabled,
        };
        var off = await CliRunner.RunWithEnvironmentAsync(environment, SaveLayoutRun.VerifyImage());
        Assert.True(off.ExitCode == 0, off.Stderr);

        // The same run with the SDK enabled arrives; the disabled one ran first, so had it sent anything, it would be there.
        environment["OTEL_SDK_DISABLED"] = "false";
        environment["OTEL_SERVICE_NAME"] = enabled;
        var on = await CliRunner.RunWithEnvironmentAsync(environment, SaveLayoutRun.VerifyImage());
        Assert.True(on.ExitCode == 0, on.Stderr);
        Assert.NotNull(await Dashboard.WaitForAsync(enabled, Arrival, traces: true, metrics: true, logs: true));
        Assert.DoesNotContain(await Dashboard.ResourcesAsync(), r => r.Name == disabled);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_verdict_is_the_same_with_telemetry_on_and_off(bool identityMatches)
    {
        string[] args = SaveLayoutRun.VerifyAttestation(identityMatches ? SaveLayoutRun.GeneratorIdentity : SaveLayoutRun.GeneratorIdentity.Replace("v1.10.0", "v1.9.0", StringComparison.Ordinal));
        string service = NewService("verdict");
        var off = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "" }, args);
        var on = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Dashboard.GrpcEndpoint,
            ["OTEL_SERVICE_NAME"] = service,
        }, args);

        Assert.Equal(identityMatches ? 0 : 1, off.ExitCode);
        Assert.Equal(off.ExitCode, on.ExitCode);
        Assert.Equal(off.Stdout, on.Stdout);
        Assert.Equal(off.Stderr, on.Stderr);

        Assert.NotNull(await Dashboard.WaitForAsync(service, Arrival, traces: true, logs: true));
        using var spansJson = await Dashboard.SpansAsync(service);
        var requirement = Assert.Single(OtlpJson.Spans(spansJson), s => s.Text("name") == "imagegate.requirement");
        // On a mismatch the span names who did sign: the identity that was refused.
        Assert.Equal(SaveLayoutRun.GeneratorIdentity, requirement.Attributes["imagegate.signer.identity"]);
        Assert.Equal(identityMatches ? "verified" : "rejected", requirement.Attributes["imagegate.outcome"]);
        if (!identityMatches)
        {
            Assert.Equal("identity.san-mismatch", requirement.Attributes["imagegate.reason"]);
        }
        using var logsJson = await Dashboard.LogsAsync(service);
        var verdict = Assert.Single(OtlpJson.LogRecords(logsJson), l => l.Text("eventName") == "imagegate.verdict");
        Assert.Equal(identityMatches ? "none" : "identity.san-mismatch", verdict.Attributes["Reason"]);
        Assert.Equal(off.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture), verdict.Attributes["ExitCode"]);
    }

    [Fact]
    public async Task No_registry_credential_or_header_value_reaches_the_collector()
    {
        const string Password = "correct horse battery staple";
        string headerValue = "probe-" + Guid.NewGuid().ToString("N");
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var registry = await DockerRegistryProcess.StartAsync("puller", Password);
        using var fixture = PmgSignedFixture.Create();
        using var workspace = new Workspace(fixture.TrustedRootJson());
        string auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("puller:" + Password));
        using (var push = registry.CreatePushClient())
        {
            push.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", auth);
            await fixture.PushAsync(push, registry.BaseAddress, "e2e/telemetry/pmg-exporter", cancellationToken);
        }
        var config = Path.Combine(workspace.Directory, "config.json");
        await File.WriteAllTextAsync(config, "{\"auths\":{\"" + registry.Host + "\":{\"auth\":\"" + auth + "\"}}}", cancellationToken);
        string service = NewService("credentials");

        var (exit, stdout, stderr) = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Dashboard.GrpcEndpoint,
            ["OTEL_EXPORTER_OTLP_HEADERS"] = $"x-imagegate-probe={headerValue}",
            ["OTEL_SERVICE_NAME"] = service,
        }, "verify", $"{registry.Host}/e2e/telemetry/pmg-exporter@{fixture.IndexDigest}", "--insecure-registry", registry.Host,
            "--registry-config", config, "--preset", "pmg-exporter", "--trusted-root", workspace.TrustedRoot, "--timeout", "60");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");

        Assert.NotNull(await Dashboard.WaitForAsync(service, Arrival, traces: true, logs: true));
        using var spans = await Dashboard.SpansAsync(service);
        using var logs = await Dashboard.LogsAsync(service);
        // The run did use the credentials: it read the image through the registry that requires them.
        Assert.Contains(OtlpJson.Spans(spans), s => s.Attributes.GetValueOrDefault("imagegate.image.digest") == fixture.IndexDigest);
        foreach (var exported in new[] { spans.RootElement.GetRawText(), logs.RootElement.GetRawText(), stdout + stderr })
        {
            Assert.DoesNotContain(Password, exported, StringComparison.Ordinal);
            Assert.DoesNotContain(auth, exported, StringComparison.Ordinal);
            Assert.DoesNotContain(headerValue, exported, StringComparison.Ordinal);
        }
    }

    private static string NewService(string test) => $"imagegate-{test}-{Guid.NewGuid():N}";
}
