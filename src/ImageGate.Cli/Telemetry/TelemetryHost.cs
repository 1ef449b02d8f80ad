using ImageGate.Verification.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ImageGate.Cli.Telemetry;

/// <summary>
/// OpenTelemetry through the standard <c>OTEL_*</c> environment variables (endpoint, protocol, headers, resource):
/// a generic host runs the SDK's tracer and meter providers with the OTLP exporter, and stopping it flushes them
/// before the process exits. With no endpoint configured nothing is built, so telemetry costs nothing at start-up;
/// the pipeline's ActivitySource then has no listener and its spans are never created.
/// </summary>
internal sealed class TelemetryHost : IAsyncDisposable
{
    private readonly IHost _host;

    private TelemetryHost(IHost host) => _host = host;

    public static bool IsConfigured =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"));

    public static async Task<TelemetryHost?> StartAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            return null;
        }
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("imagegate").AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing.AddSource(VerificationTelemetry.Name).AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddMeter(VerificationTelemetry.Name).AddOtlpExporter());
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new TelemetryHost(host);
    }

    /// <summary>Stops the host, which flushes and shuts down the exporters (bounded, so an absent collector cannot hang the init container).</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A collector that does not answer must not keep the pod from starting; the verdict is already decided.
        }
        _host.Dispose();
    }
}
