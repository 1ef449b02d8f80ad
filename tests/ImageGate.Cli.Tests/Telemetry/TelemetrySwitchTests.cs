using ImageGate.Cli.Telemetry;

namespace ImageGate.Cli.Tests.Telemetry;

/// <summary>When telemetry is on: an OTLP endpoint, generic or per signal, and the SDK not disabled. Otherwise nothing is built.</summary>
public sealed class TelemetrySwitchTests
{
    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")]
    [InlineData("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")]
    [InlineData("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT")]
    public void Any_endpoint_turns_it_on_and_OTEL_SDK_DISABLED_true_turns_it_off(string endpoint)
    {
        var variables = new Dictionary<string, string?> { [endpoint] = "http://collector:4317" };
        Assert.True(TelemetryHost.IsConfiguredBy(variables.GetValueOrDefault));
        variables["OTEL_SDK_DISABLED"] = "false";
        Assert.True(TelemetryHost.IsConfiguredBy(variables.GetValueOrDefault));
        variables["OTEL_SDK_DISABLED"] = " TRUE ";
        Assert.False(TelemetryHost.IsConfiguredBy(variables.GetValueOrDefault));
    }

    [Fact]
    public void Without_an_endpoint_it_is_off_whatever_else_is_set()
    {
        var variables = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = " ",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            ["OTEL_SERVICE_NAME"] = "imagegate",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "k8s.pod.name=p",
        };
        Assert.False(TelemetryHost.IsConfiguredBy(variables.GetValueOrDefault));
        Assert.False(TelemetryHost.IsConfiguredBy(_ => null));
    }
}
