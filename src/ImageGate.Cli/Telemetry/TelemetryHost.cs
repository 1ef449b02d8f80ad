using ImageGate.Verification.Pipeline;
using ImageGate.Cli.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ImageGate.Cli.Telemetry;

/// <summary>
/// OpenTelemetry through the standard <c>OTEL_*</c> environment variables: traces, metrics and logs over OTLP.
/// The SDK reads the variables itself (endpoint, protocol, headers and timeout, generic and per signal;
/// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>): <c>OpenTelemetrySdk</c> binds its options to an
/// environment-variable configuration, where a generic host would hand it the host's own, empty one, and
/// <c>UseOtlpExporter</c> is the registration that also reads the per-signal forms. Off unless an endpoint is set
/// (and <c>OTEL_SDK_DISABLED</c> is not <c>true</c>): then nothing is built, telemetry costs nothing at start-up,
/// the pipeline's ActivitySource has no listener and events go to stderr alone (<see cref="Log"/>).
/// </summary>
internal sealed class TelemetryHost : IAsyncDisposable
{
    /// <summary>How long the providers may flush at exit: a collector that accepts and never answers costs this
    /// once (the three flush side by side), well inside the 2 s the run may add after its verdict.</summary>
    internal static readonly TimeSpan FlushBudget = TimeSpan.FromMilliseconds(1200);

    /// <summary>Past the budget, a flush still running is abandoned (its thread is a background one).</summary>
    private static readonly TimeSpan Abandon = FlushBudget + TimeSpan.FromMilliseconds(200);

    private static readonly string[] Endpoints =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    private readonly OpenTelemetrySdk _sdk;
    private readonly TimeProvider _time;

    private TelemetryHost(OpenTelemetrySdk sdk, TimeProvider time)
    {
        _sdk = sdk;
        _time = time;
    }

    public static bool IsConfigured => IsConfiguredBy(Environment.GetEnvironmentVariable);

    /// <summary>On when an OTLP endpoint, generic or per signal, is set, unless the SDK is disabled.</summary>
    internal static bool IsConfiguredBy(Func<string, string?> variable) =>
        !string.Equals(variable("OTEL_SDK_DISABLED")?.Trim(), "true", StringComparison.OrdinalIgnoreCase)
        && Endpoints.Any(name => !string.IsNullOrWhiteSpace(variable(name)));

    public static TelemetryHost? Start(TimeProvider time)
    {
        if (!IsConfigured)
        {
            return null;
        }
        try
        {
            var sdk = OpenTelemetrySdk.Create(builder => builder
                // After the default detectors, then the variables again: imagegate unless OTEL_SERVICE_NAME says otherwise.
                .ConfigureResource(resource => resource.AddService("imagegate").AddEnvironmentVariableDetector())
                .WithTracing(tracing => tracing.AddSource(VerificationTelemetry.Name))
                .WithMetrics(metrics => metrics.AddMeter(VerificationTelemetry.Name))
                .WithLogging()
                .UseOtlpExporter());
            Log.UseTelemetry(sdk.GetLoggerFactory());
            return new TelemetryHost(sdk, time);
        }
        catch (Exception e)
        {
            // The verdict never depends on telemetry. Only the type is shown: a message could quote OTEL_EXPORTER_OTLP_HEADERS.
            Log.Logger.TelemetryOff(e.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// Flushes and shuts down the three providers side by side, each bounded by <see cref="FlushBudget"/>, so an absent
    /// or hung collector cannot hold the init container (the exporter's own timeout, 10 s by default, is never waited
    /// on). The verdict is already decided and printed; nothing here can change the exit code.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Log.UseTelemetry(null);
        int budget = (int)FlushBudget.TotalMilliseconds;
        var flushes = Task.WhenAll(
            Flush(() => _sdk.TracerProvider.Shutdown(budget)),
            Flush(() => _sdk.MeterProvider.Shutdown(budget)),
            Flush(() => _sdk.LoggerProvider.Shutdown(budget)));
        try
        {
            var flushed = await flushes.WaitAsync(Abandon, _time).ConfigureAwait(false);
            // An export still blocked on the collector outlives a failed shutdown; disposing under it could throw on
            // that thread, so the process exit reclaims it instead.
            if (flushed.All(done => done))
            {
                _sdk.Dispose();
            }
        }
        catch (Exception)
        {
            // Past the budget (TimeoutException) or a provider that failed to stop: either way the exit code is the verdict's.
        }
    }

    /// <summary>
    /// A shutdown blocks its thread until the exporter's thread is done, and that one waits on HTTP continuations that
    /// need the thread pool: three blocked pool threads on a two-core machine starve it (a second lost per flush), so
    /// each gets a thread of its own.
    /// </summary>
    private static Task<bool> Flush(Func<bool> shutdown) =>
        Task.Factory.StartNew(shutdown, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
