using ImageGate.Testing.Processes;

namespace ImageGate.Cli.Tests.Telemetry;

/// <summary>
/// <c>OTEL_EXPORTER_OTLP_HEADERS</c> is sent: a dashboard that requires an OTLP API key (header <c>x-otlp-api-key</c>)
/// takes the run's telemetry only when the variable carries the key, and the key's value appears in nothing exported.
/// A value the SDK cannot parse turns telemetry off with a warning that does not quote it.
/// </summary>
public sealed class OtlpHeaderTests
{
    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task Telemetry_arrives_only_when_OTEL_EXPORTER_OTLP_HEADERS_carries_the_api_key(string protocol)
    {
        string key = "key-" + Guid.NewGuid().ToString("N");
        await using var dashboard = await AspireDashboard.StartAsync(otlpApiKey: key);
        string without = $"imagegate-no-key-{Guid.NewGuid():N}";
        string with = $"imagegate-key-{Guid.NewGuid():N}";
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = protocol == "grpc" ? dashboard.GrpcEndpoint : dashboard.HttpEndpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "",
            ["OTEL_SERVICE_NAME"] = without,
        };
        var refused = await CliRunner.RunWithEnvironmentAsync(environment, SaveLayoutRun.VerifyImage());
        Assert.True(refused.ExitCode == 0, refused.Stderr);

        environment["OTEL_EXPORTER_OTLP_HEADERS"] = $"x-otlp-api-key={key}";
        environment["OTEL_SERVICE_NAME"] = with;
        var accepted = await CliRunner.RunWithEnvironmentAsync(environment, SaveLayoutRun.VerifyImage());
        Assert.True(accepted.ExitCode == 0, accepted.Stderr);

        var resource = await dashboard.WaitForAsync(with, TimeSpan.FromSeconds(15), traces: true, metrics: true, logs: true);
        Assert.True(resource is { HasTraces: true, HasMetrics: true, HasLogs: true }, $"{resource?.ToString() ?? "nothing"} arrived\n{dashboard.Output}");
        // The keyless run finished first; had the dashboard taken anything from it, it would be listed by now.
        Assert.DoesNotContain(await dashboard.ResourcesAsync(), r => r.Name == without);

        using var spans = await dashboard.SpansAsync(with);
        using var logs = await dashboard.LogsAsync(with);
        Assert.DoesNotContain(key, spans.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, logs.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, accepted.Stdout + accepted.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_headers_turn_telemetry_off_and_never_change_the_verdict()
    {
        string secret = "token" + Guid.NewGuid().ToString("N");
        var off = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "" }, SaveLayoutRun.VerifyImage());
        var refused = await CliRunner.RunWithEnvironmentAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{AspireDashboard.FreePort()}",
            // Not key=value: the SDK refuses to build its exporters.
            ["OTEL_EXPORTER_OTLP_HEADERS"] = $"Authorization Bearer {secret}",
        }, SaveLayoutRun.VerifyImage());

        Assert.Equal(0, off.ExitCode);
        Assert.Equal(off.ExitCode, refused.ExitCode);
        Assert.Equal(off.Stdout, refused.Stdout);
        Assert.Contains("\"event\":\"imagegate.telemetry.off\",\"message\":\"telemetry is off: the OTEL_* settings were refused", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, refused.Stdout + refused.Stderr, StringComparison.Ordinal);
    }
}
