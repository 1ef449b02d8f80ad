using ImageGate.Cli.Telemetry;

namespace ImageGate.Cli.Tests.Telemetry;

/// <summary>
/// A collector that accepts connections and never answers adds at most 2 s after the verdict (the flush is bounded;
/// the exporter's own 10 s timeout is never waited on), and the exit code is the verdict's. Measured from the verdict
/// line to the process exit, beside the same run with telemetry off.
/// </summary>
public sealed class HungCollectorTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2.5);

    [Theory]
    [InlineData("grpc", "github.com/slsa-framework/example-package")]
    [InlineData("http/protobuf", "github.com/slsa-framework/other-package")]
    public async Task The_process_exits_with_its_verdict_within_two_and_a_half_seconds_of_it(string protocol, string source)
    {
        await using var collector = HungCollector.Start();
        var off = await TimedCliRun.RunAsync(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "" }, SaveLayoutRun.VerifyImage(source));
        var on = await TimedCliRun.RunAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
            ["OTEL_SERVICE_NAME"] = "imagegate-hung",
        }, SaveLayoutRun.VerifyImage(source));

        Assert.Equal(source.EndsWith("/example-package", StringComparison.Ordinal) ? 0 : 1, off.ExitCode);
        Assert.True(on.ExitCode == off.ExitCode, $"exit {on.ExitCode}, without telemetry {off.ExitCode}\n{on.Output}");
        Assert.True(on.Verdict is not null, "no verdict line\n" + on.Output);
        Assert.True(collector.Accepted > 0, "the exporter never connected: the bound was not exercised");
        string figures = $"after the verdict {on.AfterVerdict.TotalMilliseconds:F0} ms (telemetry off: {off.AfterVerdict.TotalMilliseconds:F0} ms); "
            + $"whole run {on.Total.TotalMilliseconds:F0} ms (off: {off.Total.TotalMilliseconds:F0} ms)";
        TestContext.Current.TestOutputHelper?.WriteLine(figures);
        Assert.True(on.AfterVerdict < Bound, figures);
        // It did wait: the exports were stuck until the flush budget ran out (the next test shortens them).
        Assert.True(on.AfterVerdict >= TelemetryHost.FlushBudget, figures);
        // What telemetry adds after the verdict, against the same run without it: at most 2 s.
        Assert.True(on.AfterVerdict - off.AfterVerdict < TimeSpan.FromSeconds(2), figures);
    }

    [Fact]
    public async Task OTEL_EXPORTER_OTLP_TIMEOUT_ends_the_export_before_the_flush_budget()
    {
        await using var collector = HungCollector.Start();
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "",
            ["OTEL_SERVICE_NAME"] = "imagegate-hung-timeout",
        };
        var waited = await TimedCliRun.RunAsync(environment, SaveLayoutRun.VerifyImage());
        environment["OTEL_EXPORTER_OTLP_TIMEOUT"] = "100";
        var timedOut = await TimedCliRun.RunAsync(environment, SaveLayoutRun.VerifyImage());

        Assert.True(waited.ExitCode == 0 && timedOut.ExitCode == 0, waited.Output + timedOut.Output);
        Assert.True(collector.Accepted >= 2, "the exporter never connected");
        // Without the variable (10 s) the exports wait out the whole flush budget; with 100 ms they give up, every
        // flush completes and the process leaves sooner (by what the run's own exporting costs, JIT included).
        string figures = $"after the verdict {timedOut.AfterVerdict.TotalMilliseconds:F0} ms with a 100 ms timeout, {waited.AfterVerdict.TotalMilliseconds:F0} ms without";
        TestContext.Current.TestOutputHelper?.WriteLine(figures);
        Assert.True(waited.AfterVerdict >= TelemetryHost.FlushBudget, figures);
        // Had the variable been ignored, the shutdown would have waited the whole budget again.
        Assert.True(timedOut.AfterVerdict < TelemetryHost.FlushBudget, figures);
    }
}
